/**
 * The API methods that answer at once, without a request (decoding a blurhash, counting a status's
 * length, building a poll, reading an async-refresh hint, applying filters to a page). They return their result directly, so
 * they cannot wait for their area's code to load (see ./lazy-areas.ts): the class holds them from
 * the start. The type below makes this list complete: a new `sync: true` row that is missing here
 * fails to compile.
 */
import type { StreamingAreaCustomMethods } from "../streaming/index.js";
import type { SyncMethodTypes } from "./define.js";
import { applyFiltersCustom } from "./filters/apply-filters.js";
import type { ApiCustomMethodTypes } from "./index.js";
import { blurhashCustom } from "./statuses/blurhash.js";
import { pollCustom } from "./statuses/polls.js";
import { statusLengthCustom } from "./statuses/status-length.js";
import { getAsyncRefreshInfo } from "./timelines/async-refresh-info.js";

/** Names of the hand-written API methods (streaming aside) that return their result directly. */
type SyncMethodName = {
  [K in Exclude<
    keyof ApiCustomMethodTypes,
    keyof StreamingAreaCustomMethods
  >]: ApiCustomMethodTypes[K] extends SyncMethodTypes ? K : never;
}[Exclude<keyof ApiCustomMethodTypes, keyof StreamingAreaCustomMethods>];

export const syncMethods: { readonly [K in SyncMethodName]: unknown } = {
  decodeBlurhash: blurhashCustom.decodeBlurhash,
  getStatusLength: statusLengthCustom.getStatusLength,
  makePoll: pollCustom.makePoll,
  getAsyncRefreshInfo,
  filtersApply: applyFiltersCustom.filtersApply,
};
