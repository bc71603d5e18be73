/**
 * The statuses the user has favourited or bookmarked, newest first.
 * Docs: https://docs.joinmastodon.org/methods/favourites/, https://docs.joinmastodon.org/methods/bookmarks/
 */
import type { Status } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods } from "../define.js";
import { readPage } from "./paged-list.js";

export interface FavouriteBookmarkCustomMethods {
  /**
   * The statuses the user has favourited. The page cursors are internal ids, not status ids:
   * follow the pages with fetchNext rather than passing ids yourself.
   * Mastodon 1.0.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/favourites/#get
   */
  favourites: { args: []; options: PageOptions; result: Status[] };
  /**
   * The statuses the user has bookmarked (cursors are internal ids, as for favourites).
   * Mastodon 3.1.0. https://docs.joinmastodon.org/methods/bookmarks/#get
   */
  bookmarks: { args: []; options: PageOptions; result: Status[] };
}

export const favouriteBookmarkCustom = {
  async favourites(this: Mastodon, options) {
    return readPage<Status>(
      this,
      "favourites",
      { since: "1.0.0", changed: "2.6.0" },
      "/api/v1/favourites",
      options,
    );
  },
  async bookmarks(this: Mastodon, options) {
    return readPage<Status>(this, "bookmarks", { since: "3.1.0" }, "/api/v1/bookmarks", options);
  },
} satisfies CustomMethods<FavouriteBookmarkCustomMethods>;
