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
  max_id?: IdLike | Date | undefined;
  min_id?: IdLike | Date | undefined;
  since_id?: IdLike | Date | undefined;
  limit?: number | undefined;
}
