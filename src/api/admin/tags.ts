/**
 * Admin: hashtags (Mastodon 4.2.0; not in Mastodon.py). Moderators can list every hashtag the
 * server knows, and decide whether it may trend, be used, or be suggested.
 * Docs: https://docs.joinmastodon.org/entities/Tag/#admin
 */
import type { Tag } from "../../entities/index.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, requireId, requireOptions, requireString } from "../validate.js";

/** A hashtag with the fields only moderators see. */
export type AdminTag = Tag & {
  /** The hashtag's id. */
  id: string;
  /** Whether it may appear in the trends. */
  trendable: boolean;
  /** Whether statuses may use it (it links and is searchable). */
  usable: boolean;
  /** Whether it waits for a moderator's review. */
  requires_review: boolean;
  /** Whether it may be suggested in search and autocomplete; null until decided. */
  listable?: boolean | null | undefined;
};

/**
 * Options of adminUpdateTag: what is not given stays as it is. A value of the wrong type throws
 * MastodonIllegalArgumentError before any request.
 */
export interface AdminUpdateTagOptions {
  /** The hashtag's name with different capitalisation (only case may change). */
  display_name?: string | undefined;
  /** Allow the hashtag to appear in the trends. */
  trendable?: boolean | undefined;
  /** Allow statuses to use the hashtag (false: it no longer links and is not searchable). */
  usable?: boolean | undefined;
  /** Allow the hashtag to be suggested in search and autocomplete. */
  listable?: boolean | undefined;
}

export interface AdminTagEndpointMethods {
  /**
   * Every hashtag the server knows, paginated (Mastodon 4.2.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/entities/Tag/#admin
   */
  adminTags: { args: []; options: PageOptions; result: AdminTag[] };
  /**
   * One hashtag by id (Mastodon 4.2.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/entities/Tag/#admin
   */
  adminTag: { args: [id: IdLike]; options: NoOptions; result: AdminTag };
}

// The docs have no methods page for these endpoints yet; the entity page describes the result.
const docs = "entities/Tag/#admin";

export const adminTagEndpoints = {
  adminTags: { route: "GET /api/v1/admin/tags", since: "4.2.0", docs },
  adminTag: { route: "GET /api/v1/admin/tags/:id", since: "4.2.0", docs },
} as const satisfies EndpointTable<AdminTagEndpointMethods>;

export interface AdminTagCustomMethods {
  /**
   * Changes whether a hashtag may trend, be used or be suggested, or how it is capitalised
   * (Mastodon 4.2.0; not in Mastodon.py).
   * https://docs.joinmastodon.org/entities/Tag/#admin
   */
  adminUpdateTag: { args: [id: IdLike]; options: AdminUpdateTagOptions; result: AdminTag };
}

const updateSpec = {
  route: "PUT /api/v1/admin/tags/:id",
  since: "4.2.0",
  docs,
} as const satisfies EndpointSpec;

export const adminTagCustom = {
  async adminUpdateTag(id, options = {}) {
    const name = "adminUpdateTag";
    requireOptions(name, options);
    const tagId = requireId(name, "id", id);
    const params: Record<string, unknown> = {};
    if (options.display_name !== undefined && options.display_name !== null)
      params.display_name = requireString(name, "display_name", options.display_name);
    for (const key of ["trendable", "usable", "listable"] as const) {
      const value = optionalBoolean(name, key, options[key]);
      if (value !== undefined) params[key] = value;
    }
    return (await this[INTERNAL].call(name, updateSpec, [tagId, params])) as AdminTag;
  },
} satisfies CustomMethods<AdminTagCustomMethods>;
