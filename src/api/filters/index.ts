/**
 * Area: filters, v1 (keyword filters) and v2 (filter groups with keywords and statuses), and
 * filtersApply, which applies filters locally. Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import { type ApplyFiltersCustomMethods, applyFiltersCustom } from "./apply-filters.js";
import {
  type FilterV1CustomMethods,
  type FilterV1EndpointMethods,
  filterV1Custom,
  filterV1Endpoints,
} from "./filters-v1.js";
import {
  type FilterV2CustomMethods,
  type FilterV2EndpointMethods,
  filterV2Custom,
  filterV2Endpoints,
} from "./filters-v2.js";

export interface FilterAreaEndpointMethods extends FilterV1EndpointMethods, FilterV2EndpointMethods {}

export interface FilterAreaCustomMethods
  extends FilterV1CustomMethods,
    FilterV2CustomMethods,
    ApplyFiltersCustomMethods {}

export const filterAreaEndpoints = {
  ...filterV1Endpoints,
  ...filterV2Endpoints,
} satisfies EndpointTable<FilterAreaEndpointMethods>;

export const filterAreaCustom = {
  ...filterV1Custom,
  ...filterV2Custom,
  ...applyFiltersCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: filterAreaEndpoints, custom: filterAreaCustom };
