/**
 * Area: statuses (post, reply, edit, history, source, translate, context, quotes, scheduled),
 * polls, media, conversations, reports, and local utilities. Merges this area's files for ../index.ts.
 * (statusPost and toot are methods of the class itself: see ../status-post.ts and ../../mastodon.ts.)
 */
import type { EndpointTable } from "../define.js";
import { type StatusEndpointMethods, statusEndpoints } from "./statuses.js";

export interface StatusAreaEndpointMethods extends StatusEndpointMethods {}

export type StatusAreaCustomMethods = {};

export const statusAreaEndpoints = {
  ...statusEndpoints,
} satisfies EndpointTable<StatusAreaEndpointMethods>;

export const statusAreaCustom = {};
