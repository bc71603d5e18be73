/**
 * Area: the admin API (accounts v1 and v2, reports, domain blocks and allows, email-domain,
 * canonical-email and IP blocks, trends moderation, hashtags, measures, dimensions, retention).
 * Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import {
  type AdminAccountCustomMethods,
  type AdminAccountEndpointMethods,
  adminAccountCustom,
  adminAccountEndpoints,
} from "./accounts.js";
import {
  type AdminDomainCustomMethods,
  type AdminDomainEndpointMethods,
  adminDomainCustom,
  adminDomainEndpoints,
} from "./domains.js";
import {
  type AdminEmailBlockCustomMethods,
  type AdminEmailBlockEndpointMethods,
  adminEmailBlockCustom,
  adminEmailBlockEndpoints,
} from "./email-blocks.js";
import {
  type AdminIpBlockCustomMethods,
  type AdminIpBlockEndpointMethods,
  adminIpBlockCustom,
  adminIpBlockEndpoints,
} from "./ip-blocks.js";
import { type AdminMetricsCustomMethods, adminMetricsCustom } from "./metrics.js";
import {
  type AdminReportCustomMethods,
  type AdminReportEndpointMethods,
  adminReportCustom,
  adminReportEndpoints,
} from "./reports.js";
import {
  type AdminTagCustomMethods,
  type AdminTagEndpointMethods,
  adminTagCustom,
  adminTagEndpoints,
} from "./tags.js";
import { type AdminTrendEndpointMethods, adminTrendEndpoints } from "./trends.js";

export interface AdminAreaEndpointMethods
  extends AdminAccountEndpointMethods,
    AdminReportEndpointMethods,
    AdminDomainEndpointMethods,
    AdminEmailBlockEndpointMethods,
    AdminIpBlockEndpointMethods,
    AdminTrendEndpointMethods,
    AdminTagEndpointMethods {}

export interface AdminAreaCustomMethods
  extends AdminAccountCustomMethods,
    AdminReportCustomMethods,
    AdminDomainCustomMethods,
    AdminEmailBlockCustomMethods,
    AdminIpBlockCustomMethods,
    AdminMetricsCustomMethods,
    AdminTagCustomMethods {}

export const adminAreaEndpoints = {
  ...adminAccountEndpoints,
  ...adminReportEndpoints,
  ...adminDomainEndpoints,
  ...adminEmailBlockEndpoints,
  ...adminIpBlockEndpoints,
  ...adminTrendEndpoints,
  ...adminTagEndpoints,
} satisfies EndpointTable<AdminAreaEndpointMethods>;

export const adminAreaCustom = {
  ...adminAccountCustom,
  ...adminReportCustom,
  ...adminDomainCustom,
  ...adminEmailBlockCustom,
  ...adminIpBlockCustom,
  ...adminMetricsCustom,
  ...adminTagCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: adminAreaEndpoints, custom: adminAreaCustom };
