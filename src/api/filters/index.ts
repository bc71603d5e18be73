/**
 * Area: filters, v1 (keyword filters) and v2 (filter groups with keywords and statuses), and
 * filtersApply, which applies v1 filters locally. Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";

// biome-ignore lint/complexity/noBannedTypes: filled in as the area's methods land.
export type FilterAreaEndpointMethods = {};

// biome-ignore lint/complexity/noBannedTypes: filled in as the area's methods land.
export type FilterAreaCustomMethods = {};

export const filterAreaEndpoints = {} satisfies EndpointTable<FilterAreaEndpointMethods>;

export const filterAreaCustom = {};
