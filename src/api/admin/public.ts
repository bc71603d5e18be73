/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export {
  ADMIN_ACCOUNT_ACTIONS,
  ADMIN_ACCOUNT_STATUSES,
  type AdminAccountAction,
  type AdminAccountModerateOptions,
  type AdminAccountStatus,
  type AdminAccountsV1Options,
  type AdminAccountsV2Options,
} from "./accounts.js";
export {
  type AdminDomainBlockSettings,
  type AdminDomainBlocksOptions,
  DOMAIN_BLOCK_SEVERITIES,
  type DomainBlockSeverity,
} from "./domains.js";
export type { AdminCreateCanonicalEmailBlockOptions } from "./email-blocks.js";
export {
  type AdminCreateIpBlockOptions,
  type AdminUpdateIpBlockOptions,
  IP_BLOCK_SEVERITIES,
  type IpBlockSeverity,
} from "./ip-blocks.js";
export {
  ADMIN_DIMENSION_FLAGS,
  ADMIN_DIMENSION_INSTANCE_KEYS,
  ADMIN_DIMENSION_TAG_KEYS,
  ADMIN_MEASURE_FLAGS,
  ADMIN_MEASURE_INSTANCE_KEYS,
  ADMIN_MEASURE_TAG_KEYS,
  type AdminDimensionsOptions,
  type AdminMeasuresOptions,
  type AdminRetentionOptions,
  type AdminTime,
} from "./metrics.js";
export type { AdminReportsOptions, AdminUpdateReportOptions } from "./reports.js";
export type { AdminTag, AdminUpdateTagOptions } from "./tags.js";
export type { AdminTrendingLink, AdminTrendingLinkPublisher, AdminTrendingStatus } from "./trends.js";
