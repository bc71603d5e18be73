/**
 * Area: accounts, relationships, profile, registration, follow requests, mutes, blocks,
 * endorsements, suggestions, domain blocks, directory, featured and followed tags, preferences,
 * markers, bookmarks and favourites. Merges this area's files for ../index.ts.
 */

import type { EndpointTable } from "../define.js";
import type { AreaModule } from "../lazy-areas.js";
import {
  type AccountCustomMethods,
  type AccountEndpointMethods,
  accountCustom,
  accountEndpoints,
} from "./accounts.js";
import { type AnnualReportCustomMethods, annualReportCustom } from "./annual-reports.js";
import {
  type BlockMuteCustomMethods,
  type BlockMuteEndpointMethods,
  blockMuteCustom,
  blockMuteEndpoints,
} from "./blocks-mutes.js";
import { type DirectoryCustomMethods, directoryCustom } from "./directory.js";
import { type DomainBlockCustomMethods, domainBlockCustom } from "./domain-blocks.js";
import {
  type EndorsementCustomMethods,
  type EndorsementEndpointMethods,
  endorsementCustom,
  endorsementEndpoints,
} from "./endorsements.js";
import { type FavouriteBookmarkCustomMethods, favouriteBookmarkCustom } from "./favourites-bookmarks.js";
import {
  type FeaturedTagCustomMethods,
  type FeaturedTagEndpointMethods,
  featuredTagCustom,
  featuredTagEndpoints,
} from "./featured-tags.js";
import {
  type FollowRequestCustomMethods,
  type FollowRequestEndpointMethods,
  followRequestCustom,
  followRequestEndpoints,
} from "./follow-requests.js";
import { type FollowedTagCustomMethods, followedTagCustom } from "./followed-tags.js";
import { type MarkerCustomMethods, markerCustom } from "./markers.js";
import { type PreferenceEndpointMethods, preferenceEndpoints } from "./preferences.js";
import { type ProfileEndpointMethods, profileEndpoints } from "./profile.js";
import {
  type ProfileApiCustomMethods,
  type ProfileApiEndpointMethods,
  profileApiCustom,
  profileApiEndpoints,
} from "./profile-api.js";
import {
  type AccountCustomRelationshipMethods,
  type RelationshipEndpointMethods,
  relationshipCustom,
  relationshipEndpoints,
} from "./relationships.js";
import {
  type SuggestionCustomMethods,
  type SuggestionEndpointMethods,
  suggestionCustom,
  suggestionEndpoints,
} from "./suggestions.js";
import { type UpdateCredentialsCustomMethods, updateCredentialsCustom } from "./update-credentials.js";

export interface AccountAreaEndpointMethods
  extends ProfileEndpointMethods,
    ProfileApiEndpointMethods,
    AccountEndpointMethods,
    RelationshipEndpointMethods,
    BlockMuteEndpointMethods,
    FollowRequestEndpointMethods,
    EndorsementEndpointMethods,
    SuggestionEndpointMethods,
    FeaturedTagEndpointMethods,
    PreferenceEndpointMethods {}

export interface AccountAreaCustomMethods
  extends AccountCustomMethods,
    UpdateCredentialsCustomMethods,
    ProfileApiCustomMethods,
    AccountCustomRelationshipMethods,
    BlockMuteCustomMethods,
    DomainBlockCustomMethods,
    FollowRequestCustomMethods,
    EndorsementCustomMethods,
    SuggestionCustomMethods,
    FeaturedTagCustomMethods,
    FollowedTagCustomMethods,
    MarkerCustomMethods,
    FavouriteBookmarkCustomMethods,
    DirectoryCustomMethods,
    AnnualReportCustomMethods {}

export const accountAreaEndpoints = {
  ...profileEndpoints,
  ...profileApiEndpoints,
  ...accountEndpoints,
  ...relationshipEndpoints,
  ...blockMuteEndpoints,
  ...followRequestEndpoints,
  ...endorsementEndpoints,
  ...suggestionEndpoints,
  ...featuredTagEndpoints,
  ...preferenceEndpoints,
} satisfies EndpointTable<AccountAreaEndpointMethods>;

export const accountAreaCustom = {
  ...accountCustom,
  ...updateCredentialsCustom,
  ...profileApiCustom,
  ...relationshipCustom,
  ...blockMuteCustom,
  ...domainBlockCustom,
  ...followRequestCustom,
  ...endorsementCustom,
  ...suggestionCustom,
  ...featuredTagCustom,
  ...followedTagCustom,
  ...markerCustom,
  ...favouriteBookmarkCustom,
  ...directoryCustom,
  ...annualReportCustom,
};

/** This area as the class loads it on the first call of one of its methods (see ../lazy-areas.ts). */
export const area: AreaModule = { endpoints: accountAreaEndpoints, custom: accountAreaCustom };
