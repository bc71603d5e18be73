/**
 * Area: timelines, notifications (v1, requests and policy, grouped v2), search, lists and async
 * refreshes. Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import { type AsyncRefreshCustomMethods, asyncRefreshCustom } from "./async-refresh.js";
import {
  type GroupedNotificationCustomMethods,
  type GroupedNotificationEndpointMethods,
  groupedNotificationCustom,
  groupedNotificationEndpoints,
} from "./grouped-notifications.js";
import { type ListCustomMethods, type ListEndpointMethods, listCustom, listEndpoints } from "./lists.js";
import {
  type NotificationRequestCustomMethods,
  type NotificationRequestEndpointMethods,
  notificationRequestCustom,
  notificationRequestEndpoints,
} from "./notification-requests.js";
import {
  type NotificationCustomMethods,
  type NotificationEndpointMethods,
  notificationCustom,
  notificationEndpoints,
} from "./notifications.js";
import { type SearchCustomMethods, searchCustom } from "./search.js";
import { type TimelineCustomMethods, timelineCustom } from "./timelines.js";

export interface TimelineAreaEndpointMethods
  extends NotificationEndpointMethods,
    NotificationRequestEndpointMethods,
    GroupedNotificationEndpointMethods,
    ListEndpointMethods {}

export interface TimelineAreaCustomMethods
  extends TimelineCustomMethods,
    NotificationCustomMethods,
    NotificationRequestCustomMethods,
    GroupedNotificationCustomMethods,
    SearchCustomMethods,
    ListCustomMethods,
    AsyncRefreshCustomMethods {}

export const timelineAreaEndpoints = {
  ...notificationEndpoints,
  ...notificationRequestEndpoints,
  ...groupedNotificationEndpoints,
  ...listEndpoints,
} satisfies EndpointTable<TimelineAreaEndpointMethods>;

export const timelineAreaCustom = {
  ...timelineCustom,
  ...notificationCustom,
  ...notificationRequestCustom,
  ...groupedNotificationCustom,
  ...searchCustom,
  ...listCustom,
  ...asyncRefreshCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: timelineAreaEndpoints, custom: timelineAreaCustom };
