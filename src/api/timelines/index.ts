/**
 * Area: timelines, notifications (v1, requests, policy, grouped v2), search, lists, filters v1
 * and v2, trends, announcements, custom emojis. Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";
import { type TimelineEndpointMethods, timelineEndpoints } from "./timelines.js";

export interface TimelineAreaEndpointMethods extends TimelineEndpointMethods {}

export type TimelineAreaCustomMethods = {};

export const timelineAreaEndpoints = {
  ...timelineEndpoints,
} satisfies EndpointTable<TimelineAreaEndpointMethods>;

export const timelineAreaCustom = {};
