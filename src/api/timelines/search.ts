/**
 * Search for accounts, hashtags and statuses. `search` picks the v2 endpoint on servers that have
 * it (2.4.1+) and the v1 endpoint on older ones, as Mastodon.py does.
 * Docs: https://docs.joinmastodon.org/methods/search/
 */
import { MastodonIllegalArgumentError, MastodonVersionError } from "../../core/errors.js";
import type { Search, SearchV2 } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { CustomMethods } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import {
  optionalBoolean,
  optionalInteger,
  optionalOneOf,
  requireId,
  requireOptions,
  requireString,
  without,
} from "../validate.js";
import { SEARCH_TYPES } from "./constants.js";

/** One of SEARCH_TYPES: "accounts", "hashtags" or "statuses". */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Options of searchV1. A `resolve` that is not a boolean throws MastodonIllegalArgumentError. */
export interface SearchV1Options {
  /** Look the query up on other servers (WebFinger, URLs). Default false for v1. */
  resolve?: boolean | undefined;
}

/**
 * Options of searchV2 and search. A bad value (an unknown result_type, result_type and type that
 * disagree, a negative offset) throws MastodonIllegalArgumentError before any request;
 * account_id, offset, min_id or max_id on a server older than 2.8.0 throws MastodonVersionError.
 */
export interface SearchV2Options {
  /** Look accounts and URLs up on other servers. Default true, as Mastodon.py. */
  resolve?: boolean | undefined;
  /** Only this kind of result (sent as the server's `type`). */
  result_type?: SearchType | undefined;
  /** The server's own name for result_type. */
  type?: SearchType | undefined;
  /** Only statuses by this account (2.8.0). */
  account_id?: IdLike | undefined;
  /** Skip this many results (2.8.0; for hashtags and accounts). */
  offset?: number | undefined;
  /** Only statuses newer than this id (2.8.0): the next page of status results, from the oldest side. */
  min_id?: IdLike | undefined;
  /** Only statuses older than this id (2.8.0): the next page of status results, going back in time. */
  max_id?: IdLike | undefined;
  /** Only hashtags the moderators reviewed. Default true (3.0.0). */
  exclude_unreviewed?: boolean | undefined;
  /** At most this many results per type (default 20, at most 40). */
  limit?: number | undefined;
  /** Only accounts the user follows (3.0.0). */
  following?: boolean | undefined;
}

export interface SearchCustomMethods {
  /**
   * Searches accounts, hashtags and statuses: v2 on servers from 2.4.1, v1 before (where the
   * options other than `resolve` need 2.8.0 and raise MastodonVersionError).
   * (Mastodon 1.1.0; changed in 2.8.0) https://docs.joinmastodon.org/methods/search/#v2
   */
  search: { args: [q: string]; options: SearchV2Options; result: SearchV2 | Search };
  /**
   * The v1 search: hashtags come back as plain strings. Removed from Mastodon in 3.0.0.
   * (Mastodon 1.1.0; changed in 2.1.0) https://docs.joinmastodon.org/methods/search/#v1
   */
  searchV1: { args: [q: string]; options: SearchV1Options; result: Search };
  /**
   * The v2 search: hashtags come back as Tag entities; `result_type` narrows to one kind.
   * (Mastodon 2.4.1; changed in 2.8.0) https://docs.joinmastodon.org/methods/search/#v2
   */
  searchV2: { args: [q: string]; options: SearchV2Options; result: SearchV2 };
}

const V2_KEYS = [
  "resolve",
  "result_type",
  "type",
  "account_id",
  "offset",
  "min_id",
  "max_id",
  "exclude_unreviewed",
  "limit",
  "following",
];
const ADVANCED = ["account_id", "offset", "min_id", "max_id"] as const;

/** Checks every v2 option; builds the parameters once the server version is known. */
function checkV2(method: string, q: unknown, options: SearchV2Options | undefined) {
  const query = requireString(method, "q", q);
  requireOptions(method, options);
  const resultType = optionalOneOf(method, "result_type", options?.result_type, SEARCH_TYPES);
  const type = optionalOneOf(method, "type", options?.type, SEARCH_TYPES);
  if (resultType !== undefined && type !== undefined && resultType !== type) {
    throw new MastodonIllegalArgumentError(
      `${method}(): result_type and type name the same thing; give one of them.`,
    );
  }
  const params: Record<string, unknown> = { q: query };
  if (optionalBoolean(method, "resolve", options?.resolve) ?? true) params.resolve = true;
  if (resultType ?? type) params.type = resultType ?? type;
  if (options?.account_id !== undefined && options.account_id !== null) {
    params.account_id = requireId(method, "account_id", options.account_id);
  }
  const offset = optionalInteger(method, "offset", options?.offset, 0);
  if (offset !== undefined) params.offset = offset;
  for (const key of ["min_id", "max_id"] as const) {
    const value = options?.[key];
    if (value !== undefined && value !== null) params[key] = requireId(method, key, value);
  }
  const limit = optionalInteger(method, "limit", options?.limit, 1);
  if (limit !== undefined) params.limit = limit;
  const following = optionalBoolean(method, "following", options?.following);
  if (following !== undefined) params.following = following;
  const excludeUnreviewed =
    optionalBoolean(method, "exclude_unreviewed", options?.exclude_unreviewed) ?? true;
  Object.assign(params, without(options, ...V2_KEYS));
  return { params, excludeUnreviewed };
}

/** The options that servers before 2.8.0 do not know (Mastodon.py refuses them there). */
async function ensureAdvancedSupported(
  client: Mastodon,
  method: string,
  options: SearchV2Options | undefined,
) {
  if (ADVANCED.every((key) => options?.[key] === undefined || options?.[key] === null)) return;
  if (!(await client.verifyMinimumVersion("2.8.0", { cached: true }))) {
    throw new MastodonVersionError(
      `${method}(): account_id, offset, min_id and max_id need Mastodon 2.8.0 or newer; this server is older.`,
    );
  }
}

async function runV2(client: Mastodon, method: string, q: string, options: SearchV2Options | undefined) {
  const { params, excludeUnreviewed } = checkV2(method, q, options);
  const internal = client[INTERNAL];
  await internal.checkVersion(method, "2.4.1", "2.8.0");
  await ensureAdvancedSupported(client, method, options);
  // exclude_unreviewed exists since 3.0.0; older servers are not sent it.
  if (excludeUnreviewed && (await client.verifyMinimumVersion("3.0.0", { cached: true }))) {
    params.exclude_unreviewed = true;
  }
  const { data } = await internal.request<SearchV2>({ method: "GET", path: "/api/v2/search", params });
  return data;
}

async function runV1(client: Mastodon, method: string, q: string, options: SearchV1Options | undefined) {
  const query = requireString(method, "q", q);
  requireOptions(method, options);
  const params: Record<string, unknown> = { q: query };
  if (optionalBoolean(method, "resolve", options?.resolve)) params.resolve = true;
  Object.assign(params, without(options, "resolve"));
  const internal = client[INTERNAL];
  await internal.checkVersion(method, "1.1.0", "2.1.0");
  const { data } = await internal.request<Search>({ method: "GET", path: "/api/v1/search", params });
  return data;
}

export const searchCustom = {
  async search(this: Mastodon, q: string, options?: SearchV2Options) {
    const method = "search";
    checkV2(method, q, options);
    if (await this.verifyMinimumVersion("2.4.1", { cached: true })) return runV2(this, method, q, options);
    await ensureAdvancedSupported(this, method, options);
    return runV1(this, method, q, { resolve: options?.resolve ?? true });
  },
  searchV1(this: Mastodon, q: string, options?: SearchV1Options) {
    return runV1(this, "searchV1", q, options);
  },
  searchV2(this: Mastodon, q: string, options?: SearchV2Options) {
    return runV2(this, "searchV2", q, options);
  },
} satisfies CustomMethods<SearchCustomMethods>;
