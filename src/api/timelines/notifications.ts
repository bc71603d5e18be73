/**
 * Notifications, one by one (v1): reading, counting, dismissing and clearing.
 * Docs: https://docs.joinmastodon.org/methods/notifications/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Notification, UnreadNotificationsCount } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { cursorParams } from "../page-params.js";
import { requestRemembered } from "../pagination.js";
import { optionalBoolean, optionalInteger, requireId, requireOptions, without } from "../validate.js";
import {
  NON_MENTION_TYPES_BEFORE_3_5,
  type NotificationType,
  notificationTypes,
} from "./notification-types.js";

/**
 * The type and account filters shared by the notification listings and unread counts. A type not in
 * NOTIFICATION_TYPES throws MastodonIllegalArgumentError before any request (the server would
 * silently ignore it).
 */
export interface NotificationFilterOptions {
  /** Only these types. */
  types?: NotificationType[] | undefined;
  /** Not these types (with `types`, the result satisfies both). */
  exclude_types?: NotificationType[] | undefined;
  /** Only notifications caused by this account. */
  account_id?: IdLike | undefined;
}

/**
 * Options of notifications: paging, filters, or the `id` of one notification. A bad value throws
 * MastodonIllegalArgumentError before any request.
 */
export interface NotificationsOptions extends PageOptions, NotificationFilterOptions {
  /** Fetch this one notification instead of a list. */
  id?: IdLike | undefined;
  /** Deprecated shortcut for `types: ["mention"]`; not combinable with types/exclude_types. */
  mentions_only?: boolean | undefined;
  /** Include notifications the user's notification policy filtered out (Mastodon 4.3.0). */
  include_filtered?: boolean | undefined;
  /** The types this client can show; others are left out (Mastodon 4.6.0). */
  supported_types?: NotificationType[] | undefined;
}

/** Options of notificationsUnreadCount: the listing's filters and a cap on the count. */
export interface UnreadCountOptions extends NotificationFilterOptions {
  /** Stop counting at this many (the server's default is 100, its maximum 1000). */
  limit?: number | undefined;
}

// Record<"id", IdLike> rather than `{ id: IdLike }`: the generated signature and the reference then
// name the type instead of showing an inline object whose member has no doc comment.
type NotificationsResult<O> = O extends Record<"id", IdLike> ? Notification : Notification[];

export interface NotificationCustomMethods {
  /**
   * The logged-in user's notifications, newest first; or, given an id (first, or as `id`), that
   * one notification. `types` / `exclude_types` filter by type (checked against NOTIFICATION_TYPES).
   * (Mastodon 1.0.0; changed in 3.5.0) https://docs.joinmastodon.org/methods/notifications/#get
   */
  notifications: {
    args: [idOrOptions?: IdLike | NotificationsOptions];
    options: NotificationsOptions;
    result: Notification | Notification[];
    signature: {
      (
        id: string | number | Notification,
        options?: Pick<NotificationsOptions, "supported_types">,
      ): Promise<Notification>;
      <O extends NotificationsOptions>(options?: O): Promise<NotificationsResult<O>>;
    };
  };
  /**
   * How many notifications the user has not read yet, after the notifications marker; the same
   * filters as notifications() narrow the count. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#unread-count
   */
  notificationsUnreadCount: { args: []; options: UnreadCountOptions; result: UnreadNotificationsCount };
  /**
   * Deletes one notification. (Mastodon 1.3.0; changed in 2.9.2: the id moved into the path, and
   * older servers get the old form automatically)
   * https://docs.joinmastodon.org/methods/notifications/#dismiss
   */
  notificationsDismiss: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

export interface NotificationEndpointMethods {
  /**
   * Deletes all of the user's notifications. (Mastodon 1.0.0)
   * https://docs.joinmastodon.org/methods/notifications/#clear
   */
  notificationsClear: { args: []; options: NoOptions; result: EmptyObject };
}

export const notificationEndpoints = {
  notificationsClear: {
    route: "POST /api/v1/notifications/clear",
    since: "1.0.0",
    docs: "methods/notifications/#clear",
  },
} as const satisfies EndpointTable<NotificationEndpointMethods>;

/** The options every notification listing (v1 and grouped) understands. */
export const LISTING_KEYS = [
  "max_id",
  "min_id",
  "since_id",
  "limit",
  "types",
  "exclude_types",
  "account_id",
  "include_filtered",
  "supported_types",
];

const OPTION_KEYS = [...LISTING_KEYS, "id", "mentions_only"];

/** An entity (rather than an options object): it has keys that are no option. */
function looksLikeEntity(value: object): boolean {
  return "id" in value && Object.keys(value).some((key) => !OPTION_KEYS.includes(key));
}

/** The type and account filters shared by the list, the counts and the grouped variants. */
export function filterParams(
  method: string,
  options: NotificationFilterOptions | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const types = notificationTypes(method, "types", options?.types);
  if (types) params.types = types;
  const exclude = notificationTypes(method, "exclude_types", options?.exclude_types);
  if (exclude) params.exclude_types = exclude;
  if (options?.account_id !== undefined && options.account_id !== null) {
    params.account_id = requireId(method, "account_id", options.account_id);
  }
  return params;
}

/** The checked parameters of a notification listing, v1 or grouped (other options not included). */
export function listingParams(
  method: string,
  options: (PageOptions & NotificationFilterOptions & ListingExtras) | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = {
    ...cursorParams(method, options),
    ...filterParams(method, options),
  };
  const includeFiltered = optionalBoolean(method, "include_filtered", options?.include_filtered);
  if (includeFiltered !== undefined) params.include_filtered = includeFiltered;
  const supported = notificationTypes(method, "supported_types", options?.supported_types);
  if (supported) params.supported_types = supported;
  return params;
}

interface ListingExtras {
  include_filtered?: boolean | undefined;
  supported_types?: NotificationType[] | undefined;
}

/** The checked parameters of an unread count, v1 or (with grouped_types) grouped; other options passed on. */
export function countParams(
  method: string,
  options: (UnreadCountOptions & { grouped_types?: NotificationType[] | undefined }) | undefined,
): Record<string, unknown> {
  requireOptions(method, options);
  const params = filterParams(method, options);
  const limit = optionalInteger(method, "limit", options?.limit, 1);
  if (limit !== undefined) params.limit = limit;
  const grouped = notificationTypes(method, "grouped_types", options?.grouped_types);
  if (grouped) params.grouped_types = grouped;
  return { ...params, ...without(options, "types", "exclude_types", "account_id", "limit", "grouped_types") };
}

export const notificationCustom = {
  async notifications(this: Mastodon, first?: IdLike | NotificationsOptions, second?: NotificationsOptions) {
    const method = "notifications";
    let options: NotificationsOptions | undefined;
    let id: IdLike | undefined;
    if (typeof first === "string" || typeof first === "number") {
      id = first;
      options = second;
    } else if (first !== undefined && first !== null && typeof first === "object" && looksLikeEntity(first)) {
      id = first as IdLike;
      options = second;
    } else {
      options = first as NotificationsOptions | undefined;
      id = options?.id;
    }
    requireOptions(method, options);
    const internal = this[INTERNAL];
    if (id !== undefined && id !== null) {
      const notificationId = requireId(method, "id", id);
      const supported = notificationTypes(method, "supported_types", options?.supported_types);
      await internal.checkVersion(method, "1.0.0", "3.5.0");
      return (await requestRemembered(internal, {
        method: "GET",
        path: `/api/v1/notifications/${encodeURIComponent(notificationId)}`,
        params: supported ? { supported_types: supported } : {},
      })) as Notification;
    }
    const params = listingParams(method, options);
    const mentionsOnly = optionalBoolean(method, "mentions_only", options?.mentions_only);
    if (mentionsOnly !== undefined && (params.types !== undefined || params.exclude_types !== undefined)) {
      throw new MastodonIllegalArgumentError(
        `${method}(): mentions_only cannot be combined with types or exclude_types; use types: ["mention"] alone.`,
      );
    }
    Object.assign(params, without(options, ...OPTION_KEYS));
    await internal.checkVersion(method, "1.0.0", "3.5.0");
    if (mentionsOnly) {
      // Servers before 3.5.0 have no `types`; Mastodon.py excludes everything else there instead.
      if (await this.verifyMinimumVersion("3.5.0", { cached: true })) params.types = ["mention"];
      else params.exclude_types = [...NON_MENTION_TYPES_BEFORE_3_5];
    }
    return (await requestRemembered(internal, {
      method: "GET",
      path: "/api/v1/notifications",
      params,
    })) as Notification[];
  },

  async notificationsUnreadCount(this: Mastodon, options?: UnreadCountOptions) {
    const method = "notificationsUnreadCount";
    const params = countParams(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0", "4.3.0");
    const { data } = await internal.request<UnreadNotificationsCount>({
      method: "GET",
      path: "/api/v1/notifications/unread_count",
      params,
    });
    return data;
  },

  async notificationsDismiss(this: Mastodon, id: IdLike, options?: NoOptions) {
    const method = "notificationsDismiss";
    const notificationId = requireId(method, "id", id);
    requireOptions(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "1.3.0", "2.9.2");
    const current = await this.verifyMinimumVersion("2.9.2", { cached: true });
    const { data } = await internal.request<EmptyObject>(
      current
        ? { method: "POST", path: `/api/v1/notifications/${encodeURIComponent(notificationId)}/dismiss` }
        : { method: "POST", path: "/api/v1/notifications/dismiss", params: { id: notificationId } },
    );
    return data;
  },
} satisfies CustomMethods<NotificationCustomMethods>;
