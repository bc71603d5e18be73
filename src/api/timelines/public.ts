/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */

export type { AwaitAsyncRefreshOptions } from "./async-refresh.js";
export type { AsyncRefreshHint } from "./async-refresh-header.js";
export {
  EXPAND_ACCOUNTS,
  type GroupedNotificationsOptions,
  type UnreadGroupedCountOptions,
} from "./grouped-notifications.js";
export { LIST_REPLIES_POLICIES, type ListOptions, type ListRepliesPolicy } from "./lists.js";
export {
  NOTIFICATION_POLICY_ACTIONS,
  type NotificationPolicyAction,
  type NotificationPolicyOptions,
  type NotificationPolicyV1,
  type NotificationPolicyV1Options,
} from "./notification-requests.js";
export { NOTIFICATION_TYPES, type NotificationType } from "./notification-types.js";
export type { NotificationFilterOptions, NotificationsOptions, UnreadCountOptions } from "./notifications.js";
export { SEARCH_TYPES, type SearchType, type SearchV1Options, type SearchV2Options } from "./search.js";
export type {
  GenericTimelineOptions,
  HashtagTimelineOptions,
  LocalTimelineOptions,
  TimelineAvailabilityOptions,
  TimelineOptions,
} from "./timelines.js";
