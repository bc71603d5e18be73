/**
 * What the logged-in user does to a status: boost, favourite, bookmark, mute its thread's
 * notifications, pin it to the profile, and the undo of each. Every one answers the status as it
 * now is for the user (e.g. `favourited: true`).
 * Docs: https://docs.joinmastodon.org/methods/statuses/
 */
import type { Status } from "../../entities/index.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireId, requireOptions } from "../validate.js";
import { checkVisibility, type Visibility } from "./visibility.js";

type StatusAction = { args: [id: IdLike]; options: NoOptions; result: Status };

export interface StatusActionEndpointMethods {
  /**
   * Takes back your boost; answers the original status (`reblogged: false`).
   * Mastodon 1.0.0, last changed 2.0.0. https://docs.joinmastodon.org/methods/statuses/#unreblog
   */
  statusUnreblog: StatusAction;
  /**
   * Favourites a status. Mastodon 1.0.0, last changed 2.0.0.
   * https://docs.joinmastodon.org/methods/statuses/#favourite
   */
  statusFavourite: StatusAction;
  /**
   * Takes back a favourite. Mastodon 1.0.0, last changed 2.0.0.
   * https://docs.joinmastodon.org/methods/statuses/#unfavourite
   */
  statusUnfavourite: StatusAction;
  /**
   * Stops notifications from the thread this status belongs to (your own or one you take part in).
   * Mastodon 1.4.0, last changed 2.0.0. https://docs.joinmastodon.org/methods/statuses/#mute
   */
  statusMute: StatusAction;
  /**
   * Turns the thread's notifications back on. Mastodon 1.4.0, last changed 2.0.0.
   * https://docs.joinmastodon.org/methods/statuses/#unmute
   */
  statusUnmute: StatusAction;
  /**
   * Pins one of your own statuses to your profile (private ones too, since Mastodon 3.5).
   * Mastodon 2.1.0. https://docs.joinmastodon.org/methods/statuses/#pin
   */
  statusPin: StatusAction;
  /**
   * Unpins a status from your profile. Mastodon 2.1.0.
   * https://docs.joinmastodon.org/methods/statuses/#unpin
   */
  statusUnpin: StatusAction;
  /**
   * Bookmarks a status (only you see your bookmarks). Mastodon 3.1.0.
   * https://docs.joinmastodon.org/methods/statuses/#bookmark
   */
  statusBookmark: StatusAction;
  /**
   * Removes a bookmark. Mastodon 3.1.0. https://docs.joinmastodon.org/methods/statuses/#unbookmark
   */
  statusUnbookmark: StatusAction;
}

export const statusActionEndpoints = {
  statusUnreblog: {
    route: "POST /api/v1/statuses/:id/unreblog",
    since: "1.0.0",
    changed: "2.0.0",
    docs: "methods/statuses/#unreblog",
  },
  statusFavourite: {
    route: "POST /api/v1/statuses/:id/favourite",
    since: "1.0.0",
    changed: "2.0.0",
    docs: "methods/statuses/#favourite",
  },
  statusUnfavourite: {
    route: "POST /api/v1/statuses/:id/unfavourite",
    since: "1.0.0",
    changed: "2.0.0",
    docs: "methods/statuses/#unfavourite",
  },
  statusMute: {
    route: "POST /api/v1/statuses/:id/mute",
    since: "1.4.0",
    changed: "2.0.0",
    docs: "methods/statuses/#mute",
  },
  statusUnmute: {
    route: "POST /api/v1/statuses/:id/unmute",
    since: "1.4.0",
    changed: "2.0.0",
    docs: "methods/statuses/#unmute",
  },
  statusPin: {
    route: "POST /api/v1/statuses/:id/pin",
    since: "2.1.0",
    changed: "2.1.0",
    docs: "methods/statuses/#pin",
  },
  statusUnpin: {
    route: "POST /api/v1/statuses/:id/unpin",
    since: "2.1.0",
    changed: "2.1.0",
    docs: "methods/statuses/#unpin",
  },
  statusBookmark: {
    route: "POST /api/v1/statuses/:id/bookmark",
    since: "3.1.0",
    changed: "3.1.0",
    docs: "methods/statuses/#bookmark",
  },
  statusUnbookmark: {
    route: "POST /api/v1/statuses/:id/unbookmark",
    since: "3.1.0",
    changed: "3.1.0",
    docs: "methods/statuses/#unbookmark",
  },
} as const satisfies EndpointTable<StatusActionEndpointMethods>;

/** Options of statusReblog. An unknown visibility throws MastodonIllegalArgumentError before any request. */
export interface StatusReblogOptions {
  /**
   * Who sees the boost: "public", "unlisted" or "private" (followers only); default the account's
   * setting. Checked against the same list as statusPost's visibility.
   */
  visibility?: Visibility | (string & {}) | undefined;
}

export interface StatusReblogCustomMethods {
  /**
   * Boosts a status. Answers a new status that wraps the boosted one in its `reblog` field.
   * `visibility` (Mastodon 2.8) narrows who sees the boost.
   * Mastodon 1.0.0, last changed 2.0.0. https://docs.joinmastodon.org/methods/statuses/#boost
   */
  statusReblog: { args: [id: IdLike]; options: StatusReblogOptions; result: Status };
}

const REBLOG: EndpointSpec = {
  route: "POST /api/v1/statuses/:id/reblog",
  since: "1.0.0",
  changed: "2.0.0",
  docs: "methods/statuses/#boost",
};

export const statusReblogCustom = {
  async statusReblog(id, options = {}) {
    const name = "statusReblog";
    requireOptions(name, options);
    const statusId = requireId(name, "id", id);
    const visibility = checkVisibility(name, options.visibility, this[INTERNAL].featureSet);
    const params = visibility === undefined ? {} : { visibility };
    return (await this[INTERNAL].call(name, REBLOG, [statusId, params])) as Status;
  },
} satisfies CustomMethods<StatusReblogCustomMethods>;
