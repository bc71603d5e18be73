/**
 * Followed hashtags: statuses with a followed tag appear in the home timeline.
 * Docs: https://docs.joinmastodon.org/methods/tags/, https://docs.joinmastodon.org/methods/followed_tags/
 */
import type { Tag } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { type HashtagLike, hashtagName } from "./hashtag-name.js";
import { readPage } from "./paged-list.js";

export interface FollowedTagCustomMethods {
  /**
   * The hashtags the user follows.
   * Mastodon 4.0.0. https://docs.joinmastodon.org/methods/followed_tags/#get
   */
  followedTags: { args: []; options: PageOptions; result: Tag[] };
  /**
   * One hashtag, with its recent use and (when logged in) whether the user follows or features it.
   * Mastodon 4.0.0. https://docs.joinmastodon.org/methods/tags/#get
   */
  tag: { args: [hashtag: HashtagLike]; options: NoOptions; result: Tag };
  /**
   * Follows a hashtag; answers the tag with `following: true` (idempotent since 4.1).
   * Mastodon 4.0.0. https://docs.joinmastodon.org/methods/tags/#follow
   */
  tagFollow: { args: [hashtag: HashtagLike]; options: NoOptions; result: Tag };
  /**
   * Unfollows a hashtag; answers the tag with `following: false`.
   * Mastodon 4.0.0. https://docs.joinmastodon.org/methods/tags/#unfollow
   */
  tagUnfollow: { args: [hashtag: HashtagLike]; options: NoOptions; result: Tag };
}

const GET: EndpointSpec = {
  route: "GET /api/v1/tags/:name",
  since: "4.0.0",
  anonymous: true,
  docs: "methods/tags/#get",
};
const FOLLOW: EndpointSpec = {
  route: "POST /api/v1/tags/:name/follow",
  since: "4.0.0",
  docs: "methods/tags/#follow",
};
const UNFOLLOW: EndpointSpec = {
  route: "POST /api/v1/tags/:name/unfollow",
  since: "4.0.0",
  docs: "methods/tags/#unfollow",
};

export const followedTagCustom = {
  async followedTags(this: Mastodon, options) {
    return readPage<Tag>(this, "followedTags", { since: "4.0.0" }, "/api/v1/followed_tags", options);
  },
  async tag(hashtag) {
    return (await this[INTERNAL].call("tag", GET, [hashtagName("tag", "hashtag", hashtag)])) as Tag;
  },
  async tagFollow(hashtag) {
    return (await this[INTERNAL].call("tagFollow", FOLLOW, [
      hashtagName("tagFollow", "hashtag", hashtag),
    ])) as Tag;
  },
  async tagUnfollow(hashtag) {
    const name = hashtagName("tagUnfollow", "hashtag", hashtag);
    return (await this[INTERNAL].call("tagUnfollow", UNFOLLOW, [name])) as Tag;
  },
} satisfies CustomMethods<FollowedTagCustomMethods>;
