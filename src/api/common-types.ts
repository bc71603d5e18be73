/**
 * Types that several API areas share.
 */
import type { IdLike } from "./endpoint.js";

/** What Mastodon answers to deletions and moderation actions: an empty JSON object. */
export type EmptyObject = Record<string, never>;

/**
 * Cursor parameters shared by paginated methods. An id, an entity with an id, or a Date (sent as
 * the snowflake id of that moment, as Mastodon.py does).
 */
export interface PageOptions {
  /** Only items older than this id (exclusive): the next page down. */
  max_id?: IdLike | Date | undefined;
  /** Only items newer than this id (exclusive), the oldest of them first: the page just above it. */
  min_id?: IdLike | Date | undefined;
  /** Only items newer than this id (exclusive), the newest first: may leave a gap above it. */
  since_id?: IdLike | Date | undefined;
  /** How many items at most; each method has its server's default and maximum (often 20 and 40). */
  limit?: number | undefined;
}
