/**
 * The JSON the collections endpoints answer (Mastodon 4.6.0, `mastodon` API version 10).
 *
 * The entity generator already names a `Collection` and a `CollectionItem` (from Mastodon.py's entity
 * description, where they appear inside statuses and search results). Those two are narrower than
 * what these endpoints send (no `url`, no item `created_at`, `tag` and `language` never null), and
 * the package entry cannot export a second type under the same name, so the types here are called
 * `CollectionEntity` and `CollectionItemEntity`.
 * Docs: https://docs.joinmastodon.org/entities/Collection/
 */
import type { Account } from "../../entities/index.js";

/** The states an item of a collection goes through: asked, agreed, declined, withdrawn. */
export const COLLECTION_ITEM_STATES = ["pending", "accepted", "rejected", "revoked"] as const;

/** Where one featured account stands; unknown future states are kept as plain strings. */
export type CollectionItemState = (typeof COLLECTION_ITEM_STATES)[number] | (string & {});

/**
 * One featured account in a collection. Accounts on other servers must agree to be featured, so an
 * item starts as "pending" there; local accounts are "accepted" at once.
 * @see https://docs.joinmastodon.org/entities/CollectionItem/
 */
export interface CollectionItemEntity {
  /** The item's own id (not the account's): removeAccount and revokeItem take this one. */
  id: string;
  /** Whether the featured account agreed to be in the collection. */
  state: CollectionItemState;
  /** The featured account; left out once the item was rejected or revoked. */
  account_id?: string | null;
  /** When the account was put in the collection (ISO-8601). */
  created_at: string;
}

/**
 * A hashtag as collections show it: its name (without "#") and its page on the server.
 * @see https://docs.joinmastodon.org/entities/ShallowTag/
 */
export interface CollectionTag {
  name: string;
  url: string;
}

/**
 * A named, curated set of accounts that someone recommends to others (Mastodon 4.6.0).
 * @see https://docs.joinmastodon.org/entities/Collection/
 */
export interface CollectionEntity {
  id: string;
  /** The id of the account that put the collection together. */
  account_id: string;
  /** Its ActivityPub id, used between servers. */
  uri: string;
  /** Its page in the web interface; may be absent or null (e.g. collections from other servers). */
  url?: string | null;
  /** Its title (at most 40 characters when made on this server). */
  name: string;
  /** What it is about (at most 100 characters when made on this server; may be empty). */
  description: string;
  /** Its main language as an ISO 639-1 code, or null when not set. */
  language?: string | null;
  /** Whether it was made on this server rather than on another one. */
  local: boolean;
  /** Whether it is marked as containing sensitive content. */
  sensitive: boolean;
  /** Whether it shows on its owner's profile, in search and in recommendations. */
  discoverable: boolean;
  /** The one hashtag that describes it, or null. */
  tag?: CollectionTag | null;
  /** How many accounts it features. */
  item_count: number;
  /** The featured accounts that the viewer may see (the owner also sees pending ones). */
  items: CollectionItemEntity[];
  /** When it was made and when it last changed (ISO-8601). */
  created_at: string;
  updated_at: string;
}

/**
 * One collection with the full accounts it refers to: its owner and every featured account.
 * @see https://docs.joinmastodon.org/entities/CollectionWithAccounts/
 */
export interface CollectionWithAccounts {
  collection: CollectionEntity;
  accounts: Account[];
}

/** What creating or updating a collection answers: the collection under a `collection` key. */
export interface WrappedCollection {
  collection: CollectionEntity;
}

/** What adding an account answers: the new item under a `collection_item` key. */
export interface WrappedCollectionItem {
  collection_item: CollectionItemEntity;
}

/**
 * One page of collections, under a `collections` key (not a bare array). fetchNext and
 * fetchPrevious page through it (the pages are numbered by `offset`); fetchRemaining and
 * paginationIterator give the collections of every page.
 */
export interface WrappedCollections {
  collections: CollectionEntity[];
}
