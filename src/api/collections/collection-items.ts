/**
 * The accounts in a collection (Mastodon 4.6.0): the owner adds and removes them, and a featured
 * account can take itself out of someone else's collection (revoke).
 * Docs: https://docs.joinmastodon.org/methods/collections/
 */
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireId } from "../validate.js";
import { COLLECTIONS_SINCE } from "./collections.js";
import { emptyAnswer } from "./empty-answer.js";
import type { WrappedCollectionItem } from "./types.js";

export interface CollectionItemCustomMethods {
  /**
   * Features an account (id or entity) in one of the user's collections; answers the new item as
   * `{ collection_item }`. An account on another server is asked first ("pending").
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#add_account
   */
  collectionAddAccount: {
    args: [collection_id: IdLike, account_id: IdLike];
    options: NoOptions;
    result: WrappedCollectionItem;
  };
  /**
   * Takes an item out of one of the user's collections. `item_id` is the item's id (or the item
   * from `collection.items`), not the account's id. Answers `{}`.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#remove_account
   */
  collectionRemoveAccount: {
    args: [collection_id: IdLike, item_id: IdLike];
    options: NoOptions;
    result: EmptyObject;
  };
  /**
   * Withdraws the user's own account from someone else's collection: the item that features the
   * user becomes "revoked". `item_id` is the item's id, not an account id. Answers `{}`.
   * Mastodon 4.6.0. https://docs.joinmastodon.org/methods/collections/#revoke_item
   */
  collectionRevokeItem: {
    args: [collection_id: IdLike, item_id: IdLike];
    options: NoOptions;
    result: EmptyObject;
  };
}

const ADD: EndpointSpec = {
  route: "POST /api/v1/collections/:collection_id/items",
  since: COLLECTIONS_SINCE,
  args: ["account_id"],
  docs: "methods/collections/#add_account",
};
/** The item's own id, not the featured account's. */
const REMOVE: EndpointSpec = {
  route: "DELETE /api/v1/collections/:collection_id/items/:item_id",
  since: COLLECTIONS_SINCE,
  docs: "methods/collections/#remove_account",
};
const REVOKE: EndpointSpec = {
  route: "POST /api/v1/collections/:collection_id/items/:item_id/revoke",
  since: COLLECTIONS_SINCE,
  docs: "methods/collections/#revoke_item",
};

export const collectionItemCustom = {
  async collectionAddAccount(collection_id, account_id, options) {
    const method = "collectionAddAccount";
    // A table row would send an account entity as it is: its id is taken here.
    const account = requireId(method, "account_id", account_id);
    return (await this[INTERNAL].call(method, ADD, [
      collection_id,
      account,
      options,
    ])) as WrappedCollectionItem;
  },
  async collectionRemoveAccount(...args) {
    return emptyAnswer(await this[INTERNAL].call("collectionRemoveAccount", REMOVE, args));
  },
  async collectionRevokeItem(...args) {
    return emptyAnswer(await this[INTERNAL].call("collectionRevokeItem", REVOKE, args));
  },
} satisfies CustomMethods<CollectionItemCustomMethods>;
