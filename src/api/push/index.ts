/**
 * Area: Web Push subscriptions, and the local key generation and message decryption that
 * receiving Web Push needs. Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import {
  type PushSubscriptionCustomMethods,
  type PushSubscriptionEndpointMethods,
  pushSubscriptionCustom,
  pushSubscriptionEndpoints,
} from "./subscriptions.js";
import { type WebPushCustomMethods, webPushCustom } from "./webpush.js";

export interface PushAreaEndpointMethods extends PushSubscriptionEndpointMethods {}

export interface PushAreaCustomMethods extends PushSubscriptionCustomMethods, WebPushCustomMethods {}

export const pushAreaEndpoints = {
  ...pushSubscriptionEndpoints,
} satisfies EndpointTable<PushAreaEndpointMethods>;

export const pushAreaCustom = {
  ...pushSubscriptionCustom,
  ...webPushCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: pushAreaEndpoints, custom: pushAreaCustom };
