/**
 * Which methods may answer with nothing. The HTTP core refuses an empty body (or JSON null) unless
 * the method's declared result allows it, so a caller never gets null against the declared type.
 * The lists below are checked by the compiler against the type maps: a method whose result is
 * EmptyObject must be under "empty", one whose result includes null under "nullable", and no other.
 */
import type { ResultKind } from "../core/http.js";
import type { EmptyObject } from "./common-types.js";
import type { ApiCustomMethodTypes, ApiEndpointMethodTypes } from "./index.js";

type AllMethodTypes = ApiEndpointMethodTypes & ApiCustomMethodTypes;
type ResultOf<K extends keyof AllMethodTypes> = AllMethodTypes[K] extends { result: infer R } ? R : never;

/** Methods whose result may be null (a 204, or a server with nothing to say). */
type NullableResultMethod = {
  [K in keyof AllMethodTypes]: null extends ResultOf<K> ? K : never;
}[keyof AllMethodTypes];

/** Methods whose result is an empty object: an empty body means the same. */
type EmptyResultMethod = Exclude<
  {
    [K in keyof AllMethodTypes]: [ResultOf<K>] extends [EmptyObject] ? K : never;
  }[keyof AllMethodTypes],
  NullableResultMethod
>;

const RESULT_KINDS = {
  annualReportGenerate: "nullable",
  statusCard: "nullable",
  awaitAsyncRefresh: "nullable",
  donationCampaigns: "nullable",
  emailResendConfirmation: "empty",
  suggestionDelete: "empty",
  featuredTagDelete: "empty",
  scheduledStatusDelete: "empty",
  conversationsDelete: "empty",
  notificationsClear: "empty",
  acceptNotificationRequest: "empty",
  dismissNotificationRequest: "empty",
  groupedNotificationsClear: "empty",
  dismissGroupedNotification: "empty",
  listDelete: "empty",
  announcementDismiss: "empty",
  announcementReactionCreate: "empty",
  announcementReactionDelete: "empty",
  adminDeleteDomainBlock: "empty",
  adminDeleteDomainAllow: "empty",
  adminDeleteEmailDomainBlock: "empty",
  adminDeleteCanonicalEmailBlock: "empty",
  adminDeleteIpBlock: "empty",
  mediaDelete: "empty",
  filterDelete: "empty",
  deleteFilterV2: "empty",
  deleteFilterKeywordV2: "empty",
  pushSubscriptionDelete: "empty",
  domainBlock: "empty",
  domainUnblock: "empty",
  annualReportRead: "empty",
  notificationsDismiss: "empty",
  acceptMultipleNotificationRequests: "empty",
  dismissMultipleNotificationRequests: "empty",
  listAccountsAdd: "empty",
  listAccountsDelete: "empty",
  adminAccountModerate: "empty",
  collectionDelete: "empty",
  collectionRemoveAccount: "empty",
  collectionRevokeItem: "empty",
} as const satisfies Record<NullableResultMethod, "nullable"> & Record<EmptyResultMethod, "empty">;

/** What an empty answer means for a method's result (by default, an error). */
export function resultKindOf(method: string): ResultKind {
  return (RESULT_KINDS as Record<string, ResultKind>)[method] ?? "value";
}
