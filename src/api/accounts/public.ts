/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */
export type { AccountSearchOptions, AccountStatusesOptions } from "./accounts.js";
export type {
  AnnualReport,
  AnnualReportArchetype,
  AnnualReportData,
  AnnualReportState,
  AnnualReportStateResult,
  AnnualReports,
} from "./annual-reports.js";
export type { AccountMuteOptions } from "./blocks-mutes.js";
export {
  ANNUAL_REPORT_STATES,
  DEFAULT_PRIVACY_VALUES,
  DEFAULT_QUOTE_POLICIES,
  DIRECTORY_ORDERS,
  MARKER_TIMELINES,
} from "./constants.js";
export type { DirectoryOptions } from "./directory.js";
export type { DomainBlockPreview } from "./domain-blocks.js";
export type { HashtagLike } from "./hashtag-name.js";
export type { Markers, MarkersGetOptions, MarkerTimeline } from "./markers.js";
export type { Profile, ProfileUpdateOptions } from "./profile-api.js";
export type { ProfileField, ProfileUpdateBase } from "./profile-params.js";
export type { AccountFollowOptions, AccountRelationshipsOptions } from "./relationships.js";
export type { SuggestionsOptions } from "./suggestions.js";
export type { AccountUpdateCredentialsOptions } from "./update-credentials.js";
