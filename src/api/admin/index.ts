/**
 * Area: the admin API (accounts v1 and v2, reports, domain blocks and allows, email-domain,
 * canonical-email and IP blocks, trends moderation, measures, dimensions, retention).
 * Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";

export type AdminAreaEndpointMethods = {};

export type AdminAreaCustomMethods = {};

export const adminAreaEndpoints = {} satisfies EndpointTable<AdminAreaEndpointMethods>;

export const adminAreaCustom = {};
