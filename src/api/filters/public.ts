/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export type { Filterable } from "./apply-filters.js";
export { FILTER_ACTIONS, FILTER_CONTEXTS } from "./constants.js";
export type { FilterAction, FilterContext } from "./filter-params.js";
export type { FilterCreateOptions, FilterUpdateOptions } from "./filters-v1.js";
export type {
  CreateFilterV2Options,
  FilterKeywordAttributes,
  FilterKeywordChange,
  FilterKeywordOptions,
  UpdateFilterV2Options,
} from "./filters-v2.js";
