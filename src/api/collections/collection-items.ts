/**
 * The accounts in a collection (Mastodon 4.6.0): the owner adds and removes them, and a featured
 * account can take itself out of someone else's collection (revoke).
 * Docs: https://docs.joinmastodon.org/methods/collections/
 */
import type { Mastodon } from "../../mastodon.js";
import type { EmptyObject } from "../common-types.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireId, requireOptions } from "../validate.js";
import { COLLECTIONS_SINCE } from "./collections.js";
import { sendForNothing } from "./empty-answer.js";
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

function itemsPath(method: string, collectionId: IdLike): string {
  return `/api/v1/collections/${encodeURIComponent(requireId(method, "collection_id", collectionId))}/items`;
}

/** The path of one item: the item's own id, not the featured account's. */
function itemPath(method: string, collectionId: IdLike, itemId: IdLike): string {
  return `${itemsPath(method, collectionId)}/${encodeURIComponent(requireId(method, "item_id", itemId))}`;
}

export const collectionItemCustom = {
  async collectionAddAccount(this: Mastodon, collection_id: IdLike, account_id: IdLike, options?: NoOptions) {
    const method = "collectionAddAccount";
    const path = itemsPath(method, collection_id);
    const account = requireId(method, "account_id", account_id);
    requireOptions(method, options);
    const internal = this[INTERNAL];
    await internal.checkVersion(method, COLLECTIONS_SINCE, undefined);
    const { data } = await internal.request<WrappedCollectionItem>({
      method: "POST",
      path,
      params: { account_id: account },
    });
    return data;
  },
  async collectionRemoveAccount(this: Mastodon, collection_id: IdLike, item_id: IdLike, options?: NoOptions) {
    const method = "collectionRemoveAccount";
    const path = itemPath(method, collection_id, item_id);
    requireOptions(method, options);
    await this[INTERNAL].checkVersion(method, COLLECTIONS_SINCE, undefined);
    return sendForNothing(this, "DELETE", path);
  },
  async collectionRevokeItem(this: Mastodon, collection_id: IdLike, item_id: IdLike, options?: NoOptions) {
    const method = "collectionRevokeItem";
    const path = `${itemPath(method, collection_id, item_id)}/revoke`;
    requireOptions(method, options);
    await this[INTERNAL].checkVersion(method, COLLECTIONS_SINCE, undefined);
    return sendForNothing(this, "POST", path);
  },
} satisfies CustomMethods<CollectionItemCustomMethods>;
