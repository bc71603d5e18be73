/**
 * Announcements: notices from the server's staff, which users can dismiss and react to.
 * Docs: https://docs.joinmastodon.org/methods/announcements/
 */
import type { Announcement } from "../../entities/index.js";
import type { EmptyObject } from "../common-types.js";
import type { EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";

export interface AnnouncementEndpointMethods {
  /** The announcements currently shown, with their reactions and whether you read them (Mastodon 3.1.0). */
  announcements: { args: []; options: NoOptions; result: Announcement[] };
  /** Marks an announcement as read (Mastodon 3.1.0). */
  announcementDismiss: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
  /**
   * Reacts to an announcement with a Unicode emoji ("👍") or the shortcode of one of the server's
   * custom emojis, without colons ("blobcat"). Reacting twice with the same one is an error
   * (Mastodon 3.1.0).
   */
  announcementReactionCreate: {
    args: [id: IdLike, reaction: string];
    options: NoOptions;
    result: EmptyObject;
  };
  /** Takes back your reaction to an announcement (Mastodon 3.1.0). */
  announcementReactionDelete: {
    args: [id: IdLike, reaction: string];
    options: NoOptions;
    result: EmptyObject;
  };
}

const docs = "methods/announcements/";

export const announcementEndpoints = {
  announcements: { route: "GET /api/v1/announcements", since: "3.1.0", docs: `${docs}#get` },
  announcementDismiss: {
    route: "POST /api/v1/announcements/:id/dismiss",
    since: "3.1.0",
    docs: `${docs}#dismiss`,
  },
  announcementReactionCreate: {
    // The reaction is a path segment: an emoji or a shortcode is URL-encoded into it.
    route: "PUT /api/v1/announcements/:id/reactions/:reaction",
    since: "3.1.0",
    docs: `${docs}#put-reactions`,
  },
  announcementReactionDelete: {
    route: "DELETE /api/v1/announcements/:id/reactions/:reaction",
    since: "3.1.0",
    docs: `${docs}#delete-reactions`,
  },
} as const satisfies EndpointTable<AnnouncementEndpointMethods>;
