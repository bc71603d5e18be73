/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/** How much of each account to send: all of them in full, or the older ones as avatars only. */
export const EXPAND_ACCOUNTS = ["full", "partial_avatars"] as const;

/** Which replies show in a list: to anyone followed, to list members, or none. */
export const LIST_REPLIES_POLICIES = ["followed", "list", "none"] as const;

/** What happens to notifications from a kind of account. */
export const NOTIFICATION_POLICY_ACTIONS = ["accept", "filter", "drop"] as const;

/** Every notification type, as of Mastodon 4.6 (plus the collection types of 4.7/4.8). */
export const NOTIFICATION_TYPES = [
  "mention",
  "status",
  "reblog",
  "follow",
  "follow_request",
  "favourite",
  "poll",
  "update",
  "admin.sign_up",
  "admin.report",
  "severed_relationships",
  "moderation_warning",
  "quote",
  "quoted_update",
  "added_to_collection",
  "collection_update",
] as const;

/** What to search for. */
export const SEARCH_TYPES = ["accounts", "hashtags", "statuses"] as const;
