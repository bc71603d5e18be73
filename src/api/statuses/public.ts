/**
 * What this area adds to the package's public exports (option and result types, constants, and
 * the local utilities as plain functions). Re-exported by ../../index.ts.
 */
export type {
  MediaAttribute,
  PollParams,
  StatusPostOptions,
  StatusUpdateOptions,
  Visibility,
} from "../status-post.js";
export type { StatusReblogOptions } from "./actions.js";
export {
  type BlurhashImage,
  blurhashComponents,
  type DecodeBlurhashOptions,
  decodeBlurhash,
  decodeBlurhashString,
} from "./blurhash.js";
export { CONTENT_TYPES, QUOTE_APPROVAL_POLICIES, REPORT_CATEGORIES } from "./constants.js";
export type { MediaEditAttributesOptions } from "./edit.js";
export { MAX_POLL_OPTIONS, type MakePollOptions } from "./polls.js";
export type { QuoteApprovalPolicy, StatusQuotesOptions } from "./quotes.js";
export type { ReplyTarget, StatusReplyOptions } from "./reply.js";
export type { ReportCategory, ReportOptions } from "./reports.js";
export { getStatusLength, type StatusLengthOptions, URL_LENGTH } from "./status-length.js";
export type { DeletedStatus, StatusTranslateOptions } from "./statuses.js";
export { VISIBILITIES } from "./visibility.js";
