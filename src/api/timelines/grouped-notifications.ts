/**
 * Grouped notifications (v2, Mastodon 4.3): favourites, boosts and follows of the same thing come
 * as one group. A page is an object (accounts, statuses, notification_groups), not a list; it
 * still pages with fetchNext / fetchPrevious, paginationIterator yields its groups, and
 * fetchRemaining merges all pages into one.
 * Docs: https://docs.joinmastodon.org/methods/grouped_notifications/
 */
import type { Account, GroupedNotificationsResults } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import { INTERNAL } from "../internal.js";
import { requestRemembered } from "../pagination.js";
import { optionalOneOf, requireOptions, without } from "../validate.js";
import { EXPAND_ACCOUNTS } from "./constants.js";
import { type NotificationType, notificationTypes } from "./notification-types.js";
import { countParams, LISTING_KEYS, listingParams, type NotificationFilterOptions } from "./notifications.js";

/**
 * Options of groupedNotifications (Mastodon 4.3.0): paging, filters, and how groups are formed and
 * sent. A bad value throws MastodonIllegalArgumentError before any request.
 */
export interface GroupedNotificationsOptions extends PageOptions, NotificationFilterOptions {
  /** "partial_avatars" (the default, as Mastodon.py) or "full". */
  expand_accounts?: (typeof EXPAND_ACCOUNTS)[number] | undefined;
  /** Which types may be grouped; the server groups favourite, follow, reblog and admin.sign_up. */
  grouped_types?: NotificationType[] | undefined;
  /** Include notifications the user's policy filtered out. */
  include_filtered?: boolean | undefined;
  /** The types this client can show; others are left out (Mastodon 4.6.0). */
  supported_types?: NotificationType[] | undefined;
}

/**
 * Options of unreadGroupedNotificationsCount (Mastodon 4.3.0): the listing's filters, which types
 * count as groups, and a cap on the count.
 */
export interface UnreadGroupedCountOptions extends NotificationFilterOptions {
  /** Stop counting at this many groups (the server's default is 100, its maximum 1000). */
  limit?: number | undefined;
  /** Which types are grouped, each group counting once; the server groups favourite, follow, reblog and admin.sign_up. */
  grouped_types?: NotificationType[] | undefined;
}

export interface GroupedNotificationEndpointMethods {
  /**
   * Not in Mastodon.py: deletes all of the user's notifications through the v2 API (the same as
   * notificationsClear). (Mastodon 4.3.0, from Mastodon's routes; not in the documentation)
   * https://docs.joinmastodon.org/methods/grouped_notifications/
   */
  groupedNotificationsClear: { args: []; options: NoOptions; result: EmptyObject };
  /**
   * One notification group by its group key, in the same shape as a page.
   * (Mastodon 4.3.0) https://docs.joinmastodon.org/methods/grouped_notifications/#get-notification-group
   */
  groupedNotification: { args: [group_key: string]; options: NoOptions; result: GroupedNotificationsResults };
  /**
   * Dismisses every notification of a group. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/grouped_notifications/#dismiss-group
   */
  dismissGroupedNotification: { args: [group_key: string]; options: NoOptions; result: EmptyObject };
  /**
   * All accounts behind a group's notifications (a group's sample shows only a few).
   * (Mastodon 4.3.0) https://docs.joinmastodon.org/methods/grouped_notifications/#get-group-accounts
   */
  groupedNotificationAccounts: { args: [group_key: string]; options: NoOptions; result: Account[] };
}

export const groupedNotificationEndpoints = {
  groupedNotificationsClear: {
    route: "POST /api/v2/notifications/clear",
    since: "4.3.0",
    docs: "methods/grouped_notifications/",
  },
  groupedNotification: {
    route: "GET /api/v2/notifications/:group_key",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/grouped_notifications/#get-notification-group",
  },
  dismissGroupedNotification: {
    route: "POST /api/v2/notifications/:group_key/dismiss",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/grouped_notifications/#dismiss-group",
  },
  groupedNotificationAccounts: {
    route: "GET /api/v2/notifications/:group_key/accounts",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/grouped_notifications/#get-group-accounts",
  },
} as const satisfies EndpointTable<GroupedNotificationEndpointMethods>;

export interface GroupedNotificationCustomMethods {
  /**
   * The user's notifications, grouped, newest first. `types`, `exclude_types`, `grouped_types`
   * and `supported_types` are checked against NOTIFICATION_TYPES. The page keeps every parameter
   * for fetchNext / fetchPrevious, also the ones the server's Link header leaves out.
   * (Mastodon 4.3.0) https://docs.joinmastodon.org/methods/grouped_notifications/#get-grouped
   */
  groupedNotifications: {
    args: [];
    options: GroupedNotificationsOptions;
    result: GroupedNotificationsResults;
  };
  /**
   * How many groups of notifications are unread (a number). (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/grouped_notifications/#unread-group-count
   */
  unreadGroupedNotificationsCount: { args: []; options: UnreadGroupedCountOptions; result: number };
}

const GROUPED_KEYS = [...LISTING_KEYS, "expand_accounts", "grouped_types"];

export const groupedNotificationCustom = {
  async groupedNotifications(this: Mastodon, options?: GroupedNotificationsOptions) {
    const method = "groupedNotifications";
    requireOptions(method, options);
    const params: Record<string, unknown> = {
      ...listingParams(method, options),
      // Always sent, as Mastodon.py does, so that every page has the same shape.
      expand_accounts:
        optionalOneOf(method, "expand_accounts", options?.expand_accounts, EXPAND_ACCOUNTS) ??
        "partial_avatars",
    };
    const grouped = notificationTypes(method, "grouped_types", options?.grouped_types);
    if (grouped) params.grouped_types = grouped;
    Object.assign(params, without(options, ...GROUPED_KEYS));
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0", "4.3.0");
    return (await requestRemembered(internal, {
      method: "GET",
      path: "/api/v2/notifications",
      params,
      paginated: true,
    })) as GroupedNotificationsResults;
  },

  async unreadGroupedNotificationsCount(this: Mastodon, options?: UnreadGroupedCountOptions) {
    const method = "unreadGroupedNotificationsCount";
    const params = countParams(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0", "4.3.0");
    const { data } = await internal.request<{ count?: unknown }>({
      method: "GET",
      path: "/api/v2/notifications/unread_count",
      params,
    });
    return typeof data?.count === "number" ? data.count : Number(data?.count ?? 0);
  },
} satisfies CustomMethods<GroupedNotificationCustomMethods>;
