/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export type {
  AdminAccountAction,
  AdminAccountModerateOptions,
  AdminAccountStatus,
  AdminAccountsV1Options,
  AdminAccountsV2Options,
} from "./accounts.js";
export {
  ADMIN_ACCOUNT_ACTIONS,
  ADMIN_ACCOUNT_STATUSES,
  ADMIN_DIMENSION_FLAGS,
  ADMIN_DIMENSION_INSTANCE_KEYS,
  ADMIN_DIMENSION_TAG_KEYS,
  ADMIN_MEASURE_FLAGS,
  ADMIN_MEASURE_INSTANCE_KEYS,
  ADMIN_MEASURE_TAG_KEYS,
  DOMAIN_BLOCK_SEVERITIES,
  IP_BLOCK_SEVERITIES,
} from "./constants.js";
export type { AdminDomainBlockSettings, AdminDomainBlocksOptions, DomainBlockSeverity } from "./domains.js";
export type { AdminCreateCanonicalEmailBlockOptions } from "./email-blocks.js";
export type { AdminCreateIpBlockOptions, AdminUpdateIpBlockOptions, IpBlockSeverity } from "./ip-blocks.js";
export type {
  AdminDimensionsOptions,
  AdminMeasuresOptions,
  AdminRetentionOptions,
  AdminTime,
} from "./metrics.js";
export type { AdminReportsOptions, AdminUpdateReportOptions } from "./reports.js";
export type { AdminTag, AdminUpdateTagOptions } from "./tags.js";
export type { AdminTrendingLink, AdminTrendingLinkPublisher, AdminTrendingStatus } from "./trends.js";
