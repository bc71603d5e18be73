/**
 * Featured hashtags: the tags the user shows on their profile, with the older featured_tags
 * endpoints and the 4.4 tag feature/unfeature actions.
 * Docs: https://docs.joinmastodon.org/methods/featured_tags/, https://docs.joinmastodon.org/methods/tags/
 */
import type { FeaturedTag, Tag } from "../../entities/index.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireString } from "../validate.js";
import { type HashtagLike, hashtagName } from "./hashtag-name.js";

export interface FeaturedTagEndpointMethods {
  /**
   * The hashtags the logged-in user features on their profile.
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/featured_tags/#get
   */
  featuredTags: { args: []; options: NoOptions; result: FeaturedTag[] };
  /**
   * The user's most used hashtags that they do not feature yet, as suggestions to feature.
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/featured_tags/#suggestions
   */
  featuredTagSuggestions: { args: []; options: NoOptions; result: Tag[] };
  /**
   * Stops featuring a hashtag, given by the featured tag's id (not the tag's).
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/featured_tags/#unfeature
   */
  featuredTagDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

export const featuredTagEndpoints = {
  featuredTags: { route: "GET /api/v1/featured_tags", since: "3.0.0", docs: "methods/featured_tags/#get" },
  featuredTagSuggestions: {
    route: "GET /api/v1/featured_tags/suggestions",
    since: "3.0.0",
    docs: "methods/featured_tags/#suggestions",
  },
  featuredTagDelete: {
    route: "DELETE /api/v1/featured_tags/:id",
    since: "3.0.0",
    docs: "methods/featured_tags/#unfeature",
  },
} as const satisfies EndpointTable<FeaturedTagEndpointMethods>;

export interface FeaturedTagCustomMethods {
  /**
   * Features a hashtag on the user's profile (the server drops a leading "#").
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/featured_tags/#feature
   */
  featuredTagCreate: { args: [name: string]; options: NoOptions; result: FeaturedTag };
  /**
   * Features a hashtag on the user's profile (the 4.4 way); answers the tag with `featuring: true`.
   * Mastodon 4.4.0. https://docs.joinmastodon.org/methods/tags/#feature
   */
  tagFeature: { args: [name: HashtagLike]; options: NoOptions; result: Tag };
  /**
   * Stops featuring a hashtag (the 4.4 way).
   * Mastodon 4.4.0. https://docs.joinmastodon.org/methods/tags/#unfeature
   */
  tagUnfeature: { args: [name: HashtagLike]; options: NoOptions; result: Tag };
}

const CREATE: EndpointSpec = {
  route: "POST /api/v1/featured_tags",
  since: "3.0.0",
  args: ["name"],
  docs: "methods/featured_tags/#feature",
};
const FEATURE: EndpointSpec = {
  route: "POST /api/v1/tags/:name/feature",
  since: "4.4.0",
  docs: "methods/tags/#feature",
};
const UNFEATURE: EndpointSpec = {
  route: "POST /api/v1/tags/:name/unfeature",
  since: "4.4.0",
  docs: "methods/tags/#unfeature",
};

export const featuredTagCustom = {
  async featuredTagCreate(name) {
    const tag = requireString("featuredTagCreate", "name", name).trim();
    return (await this[INTERNAL].call("featuredTagCreate", CREATE, [tag])) as FeaturedTag;
  },
  async tagFeature(name) {
    const tag = hashtagName("tagFeature", "name", name);
    return (await this[INTERNAL].call("tagFeature", FEATURE, [tag])) as Tag;
  },
  async tagUnfeature(name) {
    const tag = hashtagName("tagUnfeature", "name", name);
    return (await this[INTERNAL].call("tagUnfeature", UNFEATURE, [tag])) as Tag;
  },
} satisfies CustomMethods<FeaturedTagCustomMethods>;
