/**
 * Area: the server itself: instance information (v1, v2, activity, peers, rules, policies,
 * languages, domain blocks), health, NodeInfo, trends, announcements and custom emojis.
 * Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import { type AnnouncementEndpointMethods, announcementEndpoints } from "./announcements.js";
import { type DonationCampaignCustomMethods, donationCampaignCustom } from "./donation-campaigns.js";
import { type EmojiEndpointMethods, emojiEndpoints } from "./emojis.js";
import { type HealthCustomMethods, healthCustom } from "./health.js";
import {
  type InstanceCustomMethods,
  type InstanceEndpointMethods,
  instanceCustom,
  instanceEndpoints,
} from "./instance.js";
import { type NodeinfoCustomMethods, nodeinfoCustom } from "./nodeinfo.js";
import { type OembedCustomMethods, oembedCustom } from "./oembed.js";
import { type PeersSearchCustomMethods, peersSearchCustom } from "./peers-search.js";
import { type TrendCustomMethods, type TrendEndpointMethods, trendCustom, trendEndpoints } from "./trends.js";

export interface InstanceAreaEndpointMethods
  extends InstanceEndpointMethods,
    TrendEndpointMethods,
    AnnouncementEndpointMethods,
    EmojiEndpointMethods {}

export interface InstanceAreaCustomMethods
  extends InstanceCustomMethods,
    HealthCustomMethods,
    NodeinfoCustomMethods,
    TrendCustomMethods,
    PeersSearchCustomMethods,
    DonationCampaignCustomMethods,
    OembedCustomMethods {}

export const instanceAreaEndpoints = {
  ...instanceEndpoints,
  ...trendEndpoints,
  ...announcementEndpoints,
  ...emojiEndpoints,
} satisfies EndpointTable<InstanceAreaEndpointMethods>;

export const instanceAreaCustom = {
  ...instanceCustom,
  ...healthCustom,
  ...nodeinfoCustom,
  ...trendCustom,
  ...peersSearchCustom,
  ...donationCampaignCustom,
  ...oembedCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: instanceAreaEndpoints, custom: instanceAreaCustom };
