/**
 * Area: statuses (read, reply, edit, boost and the other actions, translate, context, quotes,
 * scheduled), polls, conversations, reports, and local utilities (status length, blurhash, server
 * time). Merges this area's files for ../index.ts.
 * (statusPost and toot are methods of the class itself: see ../status-post.ts and ../../mastodon.ts.)
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import {
  type StatusActionEndpointMethods,
  type StatusReblogCustomMethods,
  statusActionEndpoints,
  statusReblogCustom,
} from "./actions.js";
import { type BlurhashCustomMethods, blurhashCustom } from "./blurhash.js";
import { type ConversationEndpointMethods, conversationEndpoints } from "./conversations.js";
import { type StatusEditCustomMethods, statusEditCustom } from "./edit.js";
import { type PollCustomMethods, type PollEndpointMethods, pollCustom, pollEndpoints } from "./polls.js";
import { type QuoteCustomMethods, type QuoteEndpointMethods, quoteCustom, quoteEndpoints } from "./quotes.js";
import { type StatusReplyCustomMethods, statusReplyCustom } from "./reply.js";
import { type ReportCustomMethods, reportCustom } from "./reports.js";
import {
  type ScheduledCustomMethods,
  type ScheduledEndpointMethods,
  scheduledCustom,
  scheduledEndpoints,
} from "./scheduled.js";
import { type ServerTimeCustomMethods, serverTimeCustom } from "./server-time.js";
import { type StatusLengthCustomMethods, statusLengthCustom } from "./status-length.js";
import {
  type StatusEndpointMethods,
  type StatusReadCustomMethods,
  statusEndpoints,
  statusReadCustom,
} from "./statuses.js";

export interface StatusAreaEndpointMethods
  extends StatusEndpointMethods,
    StatusActionEndpointMethods,
    QuoteEndpointMethods,
    ScheduledEndpointMethods,
    PollEndpointMethods,
    ConversationEndpointMethods {}

export interface StatusAreaCustomMethods
  extends StatusReadCustomMethods,
    StatusReblogCustomMethods,
    StatusReplyCustomMethods,
    StatusEditCustomMethods,
    QuoteCustomMethods,
    ScheduledCustomMethods,
    PollCustomMethods,
    ReportCustomMethods,
    StatusLengthCustomMethods,
    BlurhashCustomMethods,
    ServerTimeCustomMethods {}

export const statusAreaEndpoints = {
  ...statusEndpoints,
  ...statusActionEndpoints,
  ...quoteEndpoints,
  ...scheduledEndpoints,
  ...pollEndpoints,
  ...conversationEndpoints,
} satisfies EndpointTable<StatusAreaEndpointMethods>;

export const statusAreaCustom = {
  ...statusReadCustom,
  ...statusReblogCustom,
  ...statusReplyCustom,
  ...statusEditCustom,
  ...quoteCustom,
  ...scheduledCustom,
  ...pollCustom,
  ...reportCustom,
  ...statusLengthCustom,
  ...blurhashCustom,
  ...serverTimeCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: statusAreaEndpoints, custom: statusAreaCustom };
