/**
 * Area: collections (Mastodon 4.6): curated, shareable lists of accounts that a user features on
 * their profile. Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";

// biome-ignore lint/complexity/noBannedTypes: filled in as the area's methods land.
export type CollectionAreaEndpointMethods = {};

// biome-ignore lint/complexity/noBannedTypes: filled in as the area's methods land.
export type CollectionAreaCustomMethods = {};

export const collectionAreaEndpoints = {} satisfies EndpointTable<CollectionAreaEndpointMethods>;

export const collectionAreaCustom = {};
