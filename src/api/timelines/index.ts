/**
 * Area: timelines, notifications (v1, requests and policy, grouped v2), search, lists and async
 * refreshes. Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";
import { type TimelineCustomMethods, timelineCustom } from "./timelines.js";

export type TimelineAreaEndpointMethods = {};

export interface TimelineAreaCustomMethods extends TimelineCustomMethods {}

export const timelineAreaEndpoints = {} satisfies EndpointTable<TimelineAreaEndpointMethods>;

export const timelineAreaCustom = {
  ...timelineCustom,
};
