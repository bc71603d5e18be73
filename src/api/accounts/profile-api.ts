/**
 * The profile API of Mastodon 4.6 (GET/PATCH /api/v1/profile): the user's profile with the raw,
 * editable values (the bio as typed, not as HTML; images null when unset), and its update.
 * Not in Mastodon.py.
 * Docs: https://docs.joinmastodon.org/methods/profile/
 */
import type { AccountField, FeaturedTag } from "../../entities/index.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import { INTERNAL } from "../internal.js";
import { optionalBoolean, without } from "../validate.js";
import { type ProfileUpdateBase, profileParams } from "./profile-params.js";

/** The logged-in user's profile as they edit it (Mastodon 4.6.0). */
export interface Profile {
  /** The account's id. */
  id: string;
  /** The name shown on the profile, as typed ("" when unset: apps show the username then). */
  display_name: string;
  /** The bio as typed, not rendered to HTML. */
  note: string;
  /** The profile fields as typed (names and values unrendered). */
  fields: AccountField[];
  /** The avatar's URL; null when none is set. */
  avatar: string | null;
  /** A still (non-animated) version of the avatar's URL; null when none is set. */
  avatar_static: string | null;
  /** The avatar's description (Mastodon 4.6.0, API version 9). */
  avatar_description: string;
  /** The header's URL; null when none is set. */
  header: string | null;
  /** A still (non-animated) version of the header's URL; null when none is set. */
  header_static: string | null;
  /** The header's description (Mastodon 4.6.0, API version 9). */
  header_description: string;
  /** Whether follow requests are approved by hand. */
  locked: boolean;
  /** Whether the account is marked as automated. */
  bot: boolean;
  /** Whether who the account follows and who follows it are hidden; null when never chosen. */
  hide_collections: boolean | null;
  /** Whether the account is listed in the profile directory and other discovery features; null when never chosen. */
  discoverable: boolean | null;
  /** Whether anyone may search the account's public statuses. */
  indexable: boolean;
  /** Whether the profile shows a "Featured" tab. */
  show_featured: boolean;
  /** Whether the profile shows a "Media" tab. */
  show_media: boolean;
  /** Whether media in replies appear in the "Media" tab. */
  show_media_replies: boolean;
  /** Websites allowed to credit the account as author of their articles. */
  attribution_domains: string[];
  /** The hashtags featured on the profile. */
  featured_tags?: FeaturedTag[] | undefined;
}

/**
 * Options of profileUpdate: what is not given stays as it is. Images are read, and a bad value
 * (a flag that is not a boolean, a malformed field) throws MastodonIllegalArgumentError, before any
 * request.
 */
export interface ProfileUpdateOptions extends ProfileUpdateBase {
  /** Show a "Featured" tab on the profile. */
  show_featured?: boolean | undefined;
  /** Show a "Media" tab on the profile. */
  show_media?: boolean | undefined;
  /** Include media from replies in the "Media" tab. */
  show_media_replies?: boolean | undefined;
}

export interface ProfileApiEndpointMethods {
  /**
   * The logged-in user's profile with its editable values as typed. Not in Mastodon.py.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/profile/#get-current-user-profile
   */
  profile: { args: []; options: NoOptions; result: Profile };
}

export const profileApiEndpoints = {
  profile: {
    route: "GET /api/v1/profile",
    since: "4.6.0",
    docs: "methods/profile/#get-current-user-profile",
  },
} as const satisfies EndpointTable<ProfileApiEndpointMethods>;

export interface ProfileApiCustomMethods {
  /**
   * Changes the logged-in user's profile (as accountUpdateCredentials, without the posting
   * defaults, plus the profile tab switches); answers the updated Profile. Not in Mastodon.py.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/profile/#update-current-user-profile
   */
  profileUpdate: { args: []; options: ProfileUpdateOptions; result: Profile };
}

const TABS = ["show_featured", "show_media", "show_media_replies"] as const;

export const profileApiCustom = {
  async profileUpdate(options) {
    const method = "profileUpdate";
    // The cheap checks first, so that a bad value is reported before any image is read.
    const tabs = without(
      Object.fromEntries(TABS.map((key) => [key, optionalBoolean(method, key, options?.[key])])),
    );
    const params = { ...(await profileParams(this, method, options, TABS)), ...tabs };
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.6.0");
    const { data } = await internal.request<Profile>({
      method: "PATCH",
      path: "/api/v1/profile",
      params,
      encoding: "multipart",
    });
    return data;
  },
} satisfies CustomMethods<ProfileApiCustomMethods>;
