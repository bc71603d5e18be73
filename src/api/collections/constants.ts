/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/** Longest description of a collection made on this server. */
export const COLLECTION_DESCRIPTION_MAX_LENGTH = 100;

/** Most accounts one collection may feature (pending and accepted together). */
export const COLLECTION_MAX_ITEMS = 25;

/** Longest name of a collection made on this server (Mastodon's own limit). */
export const COLLECTION_NAME_MAX_LENGTH = 40;

/** Largest page the collection lists answer. */
export const COLLECTION_PAGE_MAX_LIMIT = 80;

/** The states an item of a collection goes through: asked, agreed, declined, withdrawn. */
export const COLLECTION_ITEM_STATES = ["pending", "accepted", "rejected", "revoked"] as const;
