/**
 * Area: instance information (v1, v2, peers, activity, rules, terms of service, languages,
 * nodeinfo, health) and push subscriptions (with Web Push key generation and decryption).
 * Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";

export type InstanceAreaEndpointMethods = {};

export type InstanceAreaCustomMethods = {};

export const instanceAreaEndpoints = {} satisfies EndpointTable<InstanceAreaEndpointMethods>;

export const instanceAreaCustom = {};
