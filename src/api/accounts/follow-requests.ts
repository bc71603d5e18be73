/**
 * Follow requests to a locked account: listing, accepting and rejecting them.
 * Docs: https://docs.joinmastodon.org/methods/follow_requests/
 */
import type { Account, Relationship } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { readPage } from "./paged-list.js";

export interface FollowRequestEndpointMethods {
  /**
   * Accepts the follow request of an account (given by account id); answers the relationship with
   * `followed_by: true`.
   * Mastodon 1.0.0, last changed 3.0.0. https://docs.joinmastodon.org/methods/follow_requests/#accept
   */
  followRequestAuthorize: { args: [id: IdLike]; options: NoOptions; result: Relationship };
  /**
   * Rejects the follow request of an account (given by account id).
   * Mastodon 1.0.0, last changed 3.0.0. https://docs.joinmastodon.org/methods/follow_requests/#reject
   */
  followRequestReject: { args: [id: IdLike]; options: NoOptions; result: Relationship };
}

export const followRequestEndpoints = {
  followRequestAuthorize: {
    route: "POST /api/v1/follow_requests/:id/authorize",
    since: "1.0.0",
    changed: "3.0.0",
    docs: "methods/follow_requests/#accept",
  },
  followRequestReject: {
    route: "POST /api/v1/follow_requests/:id/reject",
    since: "1.0.0",
    changed: "3.0.0",
    docs: "methods/follow_requests/#reject",
  },
} as const satisfies EndpointTable<FollowRequestEndpointMethods>;

export interface FollowRequestCustomMethods {
  /**
   * The accounts waiting for the user to accept their follow request.
   * Mastodon 1.0.0, last changed 2.6.0. https://docs.joinmastodon.org/methods/follow_requests/#get
   */
  followRequests: { args: []; options: PageOptions; result: Account[] };
}

export const followRequestCustom = {
  async followRequests(this: Mastodon, options) {
    const versions = { since: "1.0.0", changed: "2.6.0" };
    return readPage<Account>(this, "followRequests", versions, "/api/v1/follow_requests", options);
  },
} satisfies CustomMethods<FollowRequestCustomMethods>;
