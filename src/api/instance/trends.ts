/**
 * Trends: hashtags, statuses and links getting more attention than usual on this server.
 * Docs: https://docs.joinmastodon.org/methods/trends/
 */

import { compareVersions } from "../../core/versions.js";
import type { PreviewCard, Status, Tag } from "../../entities/index.js";
import type { CustomMethods, EndpointTable } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL, type Internal } from "../internal.js";
import { optionalInteger, requireOptions, without } from "../validate.js";

/** Trends are paged by offset, not by id. */
export interface TrendOptions {
  /** How many to return (the server caps it, at 20 for tags and 40 for statuses and links). */
  limit?: number | undefined;
  /** How many to skip, to page through the list. */
  offset?: number | undefined;
  /** Overrides the client's language (`lang`) for this call; it may change the ranking. */
  lang?: string | undefined;
}

export interface TrendEndpointMethods {
  /** Trending statuses, most trending first (Mastodon 3.5.0). */
  trendingStatuses: { args: []; options: TrendOptions; result: Status[] };
  /** Trending links, as preview cards with their daily `history`, most trending first (Mastodon 3.5.0). */
  trendingLinks: { args: []; options: TrendOptions; result: PreviewCard[] };
}

const docs = "methods/trends/";

export const trendEndpoints = {
  trendingStatuses: {
    route: "GET /api/v1/trends/statuses",
    since: "3.5.0",
    anonymous: true,
    docs: `${docs}#statuses`,
  },
  trendingLinks: {
    route: "GET /api/v1/trends/links",
    since: "3.5.0",
    anonymous: true,
    docs: `${docs}#links`,
  },
} as const satisfies EndpointTable<TrendEndpointMethods>;

export interface TrendCustomMethods {
  /**
   * Trending hashtags, most trending first, each with its daily `history`. Servers known to be
   * older than 3.5.0 are asked at the old route, /api/v1/trends, as Mastodon.py does (Mastodon
   * 2.8.x has neither). Mastodon 3.5.0.
   * https://docs.joinmastodon.org/methods/trends/#tags
   */
  trendingTags: { args: []; options: TrendOptions; result: Tag[] };
  /**
   * Mastodon.py's older name for trendingTags, with only `limit` (Mastodon 2.4.3; last changed in
   * 3.5.0). https://docs.joinmastodon.org/methods/trends/#tags
   */
  trends: { args: []; options: { limit?: number | undefined }; result: Tag[] };
}

const specs = {
  tags: { route: "GET /api/v1/trends/tags", since: "3.5.0", anonymous: true, docs: `${docs}#tags` },
  // The route before 3.5.0 (Mastodon.py dates it 2.4.3); still answered as a deprecated alias.
  legacyTags: { route: "GET /api/v1/trends", since: "2.4.3", anonymous: true, docs: `${docs}#tags` },
} as const satisfies Record<string, EndpointSpec>;

const TAGS_ROUTE_MOVED = { major: 3, minor: 5, patch: 0 };

function trendParams(name: string, options: object | undefined): Record<string, unknown> {
  requireOptions(name, options);
  const o = (options ?? {}) as TrendOptions;
  optionalInteger(name, "limit", o.limit, 1);
  optionalInteger(name, "offset", o.offset, 0);
  return without(o);
}

/** Trending tags at the route the server has; version checks apply to the route actually used. */
async function fetchTrendingTags(internal: Internal, name: string, params: Record<string, unknown>) {
  // As Mastodon.py's verify_minimum_version(cached=True): asks the server once if nothing is known.
  const server = await internal.serverVersion();
  const old = server?.comparable === true && compareVersions(server, TAGS_ROUTE_MOVED) < 0;
  return (await internal.call(name, old ? specs.legacyTags : specs.tags, [params])) as Tag[];
}

export const trendCustom = {
  async trendingTags(options = {}) {
    const name = "trendingTags";
    return fetchTrendingTags(this[INTERNAL], name, trendParams(name, options));
  },

  async trends(options = {}) {
    const name = "trends";
    requireOptions(name, options);
    const limit = optionalInteger(name, "limit", options.limit, 1);
    return fetchTrendingTags(this[INTERNAL], name, limit === undefined ? {} : { limit });
  },
} satisfies CustomMethods<TrendCustomMethods>;
