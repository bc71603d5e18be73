/**
 * Area: Web Push subscriptions, and the local key generation and message decryption that
 * receiving Web Push needs. Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";

// biome-ignore lint/complexity/noBannedTypes: filled in as the area's methods land.
export type PushAreaEndpointMethods = {};

// biome-ignore lint/complexity/noBannedTypes: filled in as the area's methods land.
export type PushAreaCustomMethods = {};

export const pushAreaEndpoints = {} satisfies EndpointTable<PushAreaEndpointMethods>;

export const pushAreaCustom = {};
