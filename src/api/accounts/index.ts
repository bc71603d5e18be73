/**
 * Area: accounts, relationships, profile, registration, follow requests, mutes, blocks,
 * endorsements, suggestions, domain blocks, directory, featured and followed tags, preferences,
 * markers, bookmarks and favourites. Merges this area's files for ../index.ts.
 */
import type { EndpointTable } from "../define.js";
import { type ProfileEndpointMethods, profileEndpoints } from "./profile.js";

export interface AccountAreaEndpointMethods extends ProfileEndpointMethods {}

export type AccountAreaCustomMethods = {};

export const accountAreaEndpoints = {
  ...profileEndpoints,
} satisfies EndpointTable<AccountAreaEndpointMethods>;

export const accountAreaCustom = {};
