/**
 * Types that several API areas share.
 */

/** What Mastodon answers to deletions and moderation actions: an empty JSON object. */
export type EmptyObject = Record<string, never>;

/**
 * Cursor parameters shared by paginated methods. An id, or a Date (sent as the snowflake id of
 * that moment, as Mastodon.py does).
 */
export interface PageOptions {
  max_id?: string | Date;
  min_id?: string | Date;
  since_id?: string | Date;
  limit?: number;
}
