/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */

export type { AwaitAsyncRefreshOptions } from "./async-refresh.js";
export type { AsyncRefreshHint } from "./async-refresh-header.js";
export {
  EXPAND_ACCOUNTS,
  LIST_REPLIES_POLICIES,
  NOTIFICATION_POLICY_ACTIONS,
  NOTIFICATION_TYPES,
  SEARCH_TYPES,
} from "./constants.js";
export type { GroupedNotificationsOptions, UnreadGroupedCountOptions } from "./grouped-notifications.js";
export type { ListOptions, ListRepliesPolicy } from "./lists.js";
export type {
  NotificationPolicyAction,
  NotificationPolicyOptions,
  NotificationPolicyV1,
  NotificationPolicyV1Options,
} from "./notification-requests.js";
export type { NotificationType } from "./notification-types.js";
export type { NotificationFilterOptions, NotificationsOptions, UnreadCountOptions } from "./notifications.js";
export type { SearchType, SearchV1Options, SearchV2Options } from "./search.js";
export type {
  GenericTimelineOptions,
  HashtagTimelineOptions,
  LocalTimelineOptions,
  TimelineAvailabilityOptions,
  TimelineOptions,
} from "./timelines.js";
