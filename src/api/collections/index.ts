/**
 * Area: collections (Mastodon 4.6): curated, shareable lists of accounts that a user features on
 * their profile. Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import { type CollectionItemCustomMethods, collectionItemCustom } from "./collection-items.js";
import {
  type CollectionCustomMethods,
  type CollectionEndpointMethods,
  collectionCustom,
  collectionEndpoints,
} from "./collections.js";

export interface CollectionAreaEndpointMethods extends CollectionEndpointMethods {}

export interface CollectionAreaCustomMethods extends CollectionCustomMethods, CollectionItemCustomMethods {}

export const collectionAreaEndpoints = {
  ...collectionEndpoints,
} satisfies EndpointTable<CollectionAreaEndpointMethods>;

export const collectionAreaCustom = {
  ...collectionCustom,
  ...collectionItemCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: collectionAreaEndpoints, custom: collectionAreaCustom };
