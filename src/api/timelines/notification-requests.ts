/**
 * Notification filtering (Mastodon 4.3): the policy that decides whose notifications are accepted,
 * filtered into requests, or dropped; and the requests themselves.
 * Docs: https://docs.joinmastodon.org/methods/notifications/#get-policy
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { NotificationPolicy, NotificationRequest } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject, PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { idList, optionalOneOf, requireOptions, without } from "../validate.js";
import { NOTIFICATION_POLICY_ACTIONS } from "./constants.js";

/**
 * One of NOTIFICATION_POLICY_ACTIONS: "accept" (notifications arrive as usual), "filter" (they wait
 * in a notification request) or "drop" (they are discarded).
 */
export type NotificationPolicyAction = (typeof NOTIFICATION_POLICY_ACTIONS)[number];

/**
 * Options of updateNotificationsPolicy (Mastodon 4.3.0): for each kind of sender, what happens to
 * its notifications. Options left out stay as they are; a value other than "accept", "filter" or
 * "drop" throws MastodonIllegalArgumentError before any request.
 */
export interface NotificationPolicyOptions {
  /** Accounts the user does not follow. */
  for_not_following?: NotificationPolicyAction | undefined;
  /** Accounts that do not follow the user. */
  for_not_followers?: NotificationPolicyAction | undefined;
  /** Accounts created in the last 30 days. */
  for_new_accounts?: NotificationPolicyAction | undefined;
  /** Private mentions the user did not start (not replies to them). */
  for_private_mentions?: NotificationPolicyAction | undefined;
  /** Accounts limited by the server's moderators. */
  for_limited_accounts?: NotificationPolicyAction | undefined;
}

/** The deprecated v1 policy (Mastodon 4.3.0): yes/no filters instead of accept/filter/drop. */
export interface NotificationPolicyV1 {
  /** Whether notifications from accounts the user does not follow are filtered into requests. */
  filter_not_following: boolean;
  /** Whether notifications from accounts that do not follow the user are filtered. */
  filter_not_followers: boolean;
  /** Whether notifications from accounts created in the last 30 days are filtered. */
  filter_new_accounts: boolean;
  /** Whether private mentions the user did not start (not replies to them) are filtered. */
  filter_private_mentions: boolean;
  /** What waits for a decision in the filtered notifications. */
  summary: {
    /** How many notification requests wait: one per account with filtered notifications (counted up to 100). */
    pending_requests_count: number;
    /** How many filtered notifications those requests hold, not yet dismissed (an estimate). */
    pending_notifications_count: number;
  };
  [field: string]: unknown;
}

/**
 * Options of updateNotificationsPolicyV1 (Mastodon 4.3.0): true filters that kind of sender's
 * notifications into requests, false accepts them; options left out stay as they are.
 */
export interface NotificationPolicyV1Options {
  /** Filter notifications from accounts the user does not follow. */
  filter_not_following?: boolean | undefined;
  /** Filter notifications from accounts that do not follow the user. */
  filter_not_followers?: boolean | undefined;
  /** Filter notifications from accounts created in the last 30 days. */
  filter_new_accounts?: boolean | undefined;
  /** Filter private mentions the user did not start (not replies to them). */
  filter_private_mentions?: boolean | undefined;
}

export interface NotificationRequestEndpointMethods {
  /**
   * The user's notification filtering policy. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#get-policy
   */
  notificationsPolicy: { args: []; options: NoOptions; result: NotificationPolicy };
  /**
   * The requests the policy filtered: one per account whose notifications wait for a decision.
   * (Mastodon 4.3.0) https://docs.joinmastodon.org/methods/notifications/#get-requests
   */
  notificationRequests: { args: []; options: PageOptions; result: NotificationRequest[] };
  /**
   * One notification request. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#get-one-request
   */
  notificationRequest: { args: [id: IdLike]; options: NoOptions; result: NotificationRequest };
  /**
   * Accepts a request: its notifications join the main list, and later ones from that account are
   * let through. (Mastodon 4.3.0) https://docs.joinmastodon.org/methods/notifications/#accept-request
   */
  acceptNotificationRequest: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
  /**
   * Dismisses a request and its notifications. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#dismiss-request
   */
  dismissNotificationRequest: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
  /**
   * Not in Mastodon.py: the deprecated v1 policy, with yes/no filters. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#get-policy
   */
  notificationsPolicyV1: { args: []; options: NoOptions; result: NotificationPolicyV1 };
  /**
   * Not in Mastodon.py: changes the deprecated v1 policy. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#update-the-filtering-policy-for-notifications
   */
  updateNotificationsPolicyV1: {
    args: [];
    options: NotificationPolicyV1Options;
    result: NotificationPolicyV1;
  };
}

export const notificationRequestEndpoints = {
  notificationsPolicy: {
    route: "GET /api/v2/notifications/policy",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/notifications/#get-policy",
  },
  notificationRequests: {
    route: "GET /api/v1/notifications/requests",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/notifications/#get-requests",
  },
  notificationRequest: {
    route: "GET /api/v1/notifications/requests/:id",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/notifications/#get-one-request",
  },
  acceptNotificationRequest: {
    route: "POST /api/v1/notifications/requests/:id/accept",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/notifications/#accept-request",
  },
  dismissNotificationRequest: {
    route: "POST /api/v1/notifications/requests/:id/dismiss",
    since: "4.3.0",
    changed: "4.3.0",
    docs: "methods/notifications/#dismiss-request",
  },
  notificationsPolicyV1: {
    route: "GET /api/v1/notifications/policy",
    since: "4.3.0",
    docs: "methods/notifications/#get-policy",
  },
  updateNotificationsPolicyV1: {
    route: "PATCH /api/v1/notifications/policy",
    since: "4.3.0",
    docs: "methods/notifications/#update-the-filtering-policy-for-notifications",
  },
} as const satisfies EndpointTable<NotificationRequestEndpointMethods>;

export interface NotificationRequestCustomMethods {
  /**
   * Changes the filtering policy; each option is "accept", "filter" or "drop", and options left out
   * stay as they are. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#update-the-filtering-policy-for-notifications
   */
  updateNotificationsPolicy: { args: []; options: NotificationPolicyOptions; result: NotificationPolicy };
  /**
   * Accepts several requests at once. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#accept-multiple-requests
   */
  acceptMultipleNotificationRequests: {
    args: [ids: IdLike | readonly IdLike[]];
    options: NoOptions;
    result: EmptyObject;
  };
  /**
   * Dismisses several requests at once. (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#dismiss-multiple-requests
   */
  dismissMultipleNotificationRequests: {
    args: [ids: IdLike | readonly IdLike[]];
    options: NoOptions;
    result: EmptyObject;
  };
  /**
   * Whether the notifications of accepted requests have been merged into the main list yet
   * (accepting starts a background job; poll this to know when it is done). (Mastodon 4.3.0)
   * https://docs.joinmastodon.org/methods/notifications/#requests-merged
   */
  notificationsMerged: { args: []; options: NoOptions; result: boolean };
}

const POLICY_KEYS = [
  "for_not_following",
  "for_not_followers",
  "for_new_accounts",
  "for_private_mentions",
  "for_limited_accounts",
] as const;

/** Requests handled together; the server accepts about a hundred per call. */
const MAX_REQUEST_IDS = 100;

function requestIds(method: string, ids: unknown): string[] {
  if (ids === undefined || ids === null || (Array.isArray(ids) && ids.length === 0)) {
    throw new MastodonIllegalArgumentError(`${method}() needs ids: one or more notification request ids.`);
  }
  const list = idList(method, "ids", ids as IdLike | readonly IdLike[]);
  if (list.length > MAX_REQUEST_IDS) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ids takes at most ${MAX_REQUEST_IDS} requests at once; got ${list.length}. Split them up.`,
    );
  }
  return list;
}

async function postIds(client: Mastodon, method: string, path: string, ids: unknown, options: unknown) {
  const list = requestIds(method, ids);
  requireOptions(method, options);
  const internal = client[INTERNAL];
  await internal.checkVersion(method, "4.3.0", "4.3.0");
  const { data } = await internal.request<EmptyObject>({ method: "POST", path, params: { id: list } });
  return data;
}

export const notificationRequestCustom = {
  async updateNotificationsPolicy(this: Mastodon, options?: NotificationPolicyOptions) {
    const method = "updateNotificationsPolicy";
    requireOptions(method, options);
    const params: Record<string, unknown> = {};
    for (const key of POLICY_KEYS) {
      const value = optionalOneOf(method, key, options?.[key], NOTIFICATION_POLICY_ACTIONS);
      if (value !== undefined) params[key] = value;
    }
    Object.assign(params, without(options, ...POLICY_KEYS));
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0", "4.3.0");
    const { data } = await internal.request<NotificationPolicy>({
      method: "PATCH",
      path: "/api/v2/notifications/policy",
      params,
    });
    return data;
  },
  acceptMultipleNotificationRequests(this: Mastodon, ids: IdLike | readonly IdLike[], options?: NoOptions) {
    const method = "acceptMultipleNotificationRequests";
    return postIds(this, method, "/api/v1/notifications/requests/accept", ids, options);
  },
  dismissMultipleNotificationRequests(this: Mastodon, ids: IdLike | readonly IdLike[], options?: NoOptions) {
    const method = "dismissMultipleNotificationRequests";
    return postIds(this, method, "/api/v1/notifications/requests/dismiss", ids, options);
  },
  async notificationsMerged(this: Mastodon, options?: NoOptions) {
    const method = "notificationsMerged";
    requireOptions(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, "4.3.0", "4.3.0");
    const { data } = await internal.request<{ merged?: unknown }>({
      method: "GET",
      path: "/api/v1/notifications/requests/merged",
    });
    return data?.merged === true;
  },
} satisfies CustomMethods<NotificationRequestCustomMethods>;
