/**
 * Collections (Mastodon 4.6.0, `mastodon` API version 10): listing an account's collections and
 * the ones it is featured in, and making, reading, changing and deleting a collection.
 * Mastodon.py has no collection methods; the names follow its style.
 * Docs: https://docs.joinmastodon.org/methods/collections/
 */
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, EndpointTable, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requestRemembered } from "../pagination.js";
import { requireId } from "../validate.js";
import {
  type CollectionCreateOptions,
  type CollectionPageOptions,
  type CollectionUpdateOptions,
  createParams,
  pageParams,
  updateParams,
} from "./collection-params.js";
import { emptyAnswer } from "./empty-answer.js";
import type { CollectionWithAccounts, WrappedCollection, WrappedCollections } from "./types.js";

/** Every collections endpoint arrived in this release. */
export const COLLECTIONS_SINCE = "4.6.0";

export interface CollectionEndpointMethods {
  /**
   * One collection with the full accounts it features (and its owner's). Works without a token for
   * collections anyone may see.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#get_collection
   */
  collection: { args: [id: IdLike]; options: NoOptions; result: CollectionWithAccounts };
}

export const collectionEndpoints = {
  collection: {
    route: "GET /api/v1/collections/:id",
    since: COLLECTIONS_SINCE,
    anonymous: true,
    docs: "methods/collections/#get_collection",
  },
} as const satisfies EndpointTable<CollectionEndpointMethods>;

export interface CollectionCustomMethods {
  /**
   * An account's collections, newest first, as `{ collections: [...] }`. Others see only the
   * discoverable ones. Paged by `limit` (1-80) and `offset`: fetchNext / fetchPrevious follow the
   * pages, paginationIterator and fetchRemaining give the collections themselves.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#get_collections
   */
  accountCollections: { args: [id: IdLike]; options: CollectionPageOptions; result: WrappedCollections };
  /**
   * The collections that feature an account, as `{ collections: [...] }` (needs a user token).
   * Paged by `limit` (1-80) and `offset`, like accountCollections.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#in_collections
   */
  accountInCollections: { args: [id: IdLike]; options: CollectionPageOptions; result: WrappedCollections };
  /**
   * Makes a collection named `name` (at most 40 characters), optionally with a description (at
   * most 100), language, hashtag, sensitive and discoverable flags, and up to 25 accounts to feature.
   * Accounts on other servers are asked first and stay "pending" until they agree.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#create
   */
  collectionCreate: { args: [name: string]; options: CollectionCreateOptions; result: WrappedCollection };
  /**
   * Changes what a collection says about itself; only the options given are sent. Its accounts are
   * changed with collectionAddAccount / collectionRemoveAccount.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#update_collection
   */
  collectionUpdate: { args: [id: IdLike]; options: CollectionUpdateOptions; result: WrappedCollection };
  /**
   * Deletes one of the user's collections; answers `{}`.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#delete_collection
   */
  collectionDelete: { args: [id: IdLike]; options: NoOptions; result: EmptyObject };
}

const CREATE: EndpointSpec = {
  route: "POST /api/v1/collections",
  since: COLLECTIONS_SINCE,
  docs: "methods/collections/#create",
};
const UPDATE: EndpointSpec = {
  route: "PATCH /api/v1/collections/:id",
  since: COLLECTIONS_SINCE,
  docs: "methods/collections/#update_collection",
};
const DELETE: EndpointSpec = {
  route: "DELETE /api/v1/collections/:id",
  since: COLLECTIONS_SINCE,
  docs: "methods/collections/#delete_collection",
};

async function collectionPage(
  client: Mastodon,
  method: string,
  id: IdLike,
  list: "collections" | "in_collections",
  options: CollectionPageOptions | undefined,
): Promise<WrappedCollections> {
  const accountId = requireId(method, "id", id);
  const params = pageParams(method, options);
  const internal = client[INTERNAL];
  await internal.checkVersion(method, COLLECTIONS_SINCE, undefined);
  // Remembered as a page even without a Link header, so that fetchNext past the end answers null.
  return (await requestRemembered(internal, {
    method: "GET",
    path: `/api/v1/accounts/${encodeURIComponent(accountId)}/${list}`,
    params,
    paginated: true,
  })) as WrappedCollections;
}

export const collectionCustom = {
  accountCollections(this: Mastodon, id: IdLike, options?: CollectionPageOptions) {
    return collectionPage(this, "accountCollections", id, "collections", options);
  },
  accountInCollections(this: Mastodon, id: IdLike, options?: CollectionPageOptions) {
    return collectionPage(this, "accountInCollections", id, "in_collections", options);
  },
  async collectionCreate(this: Mastodon, name: string, options?: CollectionCreateOptions) {
    const params = createParams("collectionCreate", name, options);
    return (await this[INTERNAL].call("collectionCreate", CREATE, [params])) as WrappedCollection;
  },
  async collectionUpdate(this: Mastodon, id: IdLike, options?: CollectionUpdateOptions) {
    const params = updateParams("collectionUpdate", options);
    return (await this[INTERNAL].call("collectionUpdate", UPDATE, [id, params])) as WrappedCollection;
  },
  async collectionDelete(this: Mastodon, ...args) {
    return emptyAnswer(await this[INTERNAL].call("collectionDelete", DELETE, args));
  },
} satisfies CustomMethods<CollectionCustomMethods>;
