/**
 * The JSON the collections endpoints answer (Mastodon 4.6.0, `mastodon` API version 10).
 *
 * The collections themselves are the generated `Collection` and `CollectionItem` entities; these
 * are the wrappers the endpoints put around them.
 * Docs: https://docs.joinmastodon.org/entities/Collection/
 */
import type { Account, Collection, CollectionItem } from "../../entities/index.js";
import type { COLLECTION_ITEM_STATES } from "./constants.js";

/** Where one featured account stands; unknown future states are kept as plain strings. */
export type CollectionItemState = (typeof COLLECTION_ITEM_STATES)[number] | (string & {});

/**
 * One collection with the full accounts it refers to: its owner and every featured account.
 * @see https://docs.joinmastodon.org/entities/CollectionWithAccounts/
 */
export interface CollectionWithAccounts {
  /** The collection, whose items refer to accounts by id. */
  collection: Collection;
  /** The accounts the collection refers to: its owner and every featured account. */
  accounts: Account[];
}

/** What creating or updating a collection answers: the collection under a `collection` key. */
export interface WrappedCollection {
  /** The collection as it now is. */
  collection: Collection;
}

/** What adding an account answers: the new item under a `collection_item` key. */
export interface WrappedCollectionItem {
  /** The new item: the featured account and where its approval stands (`state`). */
  collection_item: CollectionItem;
}

/**
 * One page of collections, under a `collections` key (not a bare array). fetchNext and
 * fetchPrevious page through it (the pages are numbered by `offset`); fetchRemaining and
 * paginationIterator give the collections of every page.
 */
export interface WrappedCollections {
  /** This page's collections. */
  collections: Collection[];
}
