/**
 * Endorsements: accounts the user features on their profile ("pinned" accounts before 4.4).
 * Docs: https://docs.joinmastodon.org/methods/endorsements/,
 * https://docs.joinmastodon.org/methods/accounts/#endorse
 */
import type { Account, Relationship } from "../../entities/index.js";
import type { Mastodon } from "../../mastodon.js";
import type { PageOptions } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { requireId } from "../validate.js";
import { readPage } from "./paged-list.js";

type RelationshipChange = { args: [id: IdLike]; options: NoOptions; result: Relationship };

export interface EndorsementEndpointMethods {
  /**
   * Features an account the user follows on their profile (the pre-4.4 name of accountEndorse,
   * deprecated since 4.4).
   * Mastodon 2.5.0. https://docs.joinmastodon.org/methods/accounts/#pin
   */
  accountPin: RelationshipChange;
  /**
   * Stops featuring an account (the pre-4.4 name of accountUnendorse, deprecated since 4.4).
   * Mastodon 2.5.0. https://docs.joinmastodon.org/methods/accounts/#unpin
   */
  accountUnpin: RelationshipChange;
  /**
   * Features an account the user follows on their profile; answers `endorsed: true`.
   * Mastodon 4.4.0. https://docs.joinmastodon.org/methods/accounts/#endorse
   */
  accountEndorse: RelationshipChange;
  /**
   * Stops featuring an account on the user's profile.
   * Mastodon 4.4.0. https://docs.joinmastodon.org/methods/accounts/#unendorse
   */
  accountUnendorse: RelationshipChange;
}

export const endorsementEndpoints = {
  accountPin: { route: "POST /api/v1/accounts/:id/pin", since: "2.5.0", docs: "methods/accounts/#pin" },
  accountUnpin: { route: "POST /api/v1/accounts/:id/unpin", since: "2.5.0", docs: "methods/accounts/#unpin" },
  accountEndorse: {
    route: "POST /api/v1/accounts/:id/endorse",
    since: "4.4.0",
    docs: "methods/accounts/#endorse",
  },
  accountUnendorse: {
    route: "POST /api/v1/accounts/:id/unendorse",
    since: "4.4.0",
    docs: "methods/accounts/#unendorse",
  },
} as const satisfies EndpointTable<EndorsementEndpointMethods>;

export interface EndorsementCustomMethods {
  /**
   * The accounts the logged-in user features on their profile.
   * Mastodon 2.5.0. https://docs.joinmastodon.org/methods/endorsements/#get
   */
  endorsements: { args: []; options: PageOptions; result: Account[] };
  /**
   * The accounts any account features on its profile (public). Not in Mastodon.py.
   * Mastodon 4.4.0. https://docs.joinmastodon.org/methods/accounts/#endorsements
   */
  accountEndorsements: { args: [id: IdLike]; options: PageOptions; result: Account[] };
}

export const endorsementCustom = {
  async endorsements(this: Mastodon, options) {
    return readPage<Account>(this, "endorsements", { since: "2.5.0" }, "/api/v1/endorsements", options);
  },
  async accountEndorsements(this: Mastodon, id, options) {
    const method = "accountEndorsements";
    const path = `/api/v1/accounts/${encodeURIComponent(requireId(method, "id", id))}/endorsements`;
    return readPage<Account>(this, method, { since: "4.4.0" }, path, options);
  },
} satisfies CustomMethods<EndorsementCustomMethods>;
