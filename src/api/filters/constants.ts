/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/** What a v2 filter does on a match: warn (collapse with a notice), hide, or blur media ("blur": Mastodon 4.4.0). */
export const FILTER_ACTIONS = ["warn", "hide", "blur"] as const;

/**
 * Where a filter applies: the home timeline (and lists), notifications, public timelines,
 * conversations (threads), and account pages ("account": Mastodon 3.1.0; Mastodon.py's v1 check
 * predates it and refuses it, the server accepts it).
 */
export const FILTER_CONTEXTS = ["home", "notifications", "public", "thread", "account"] as const;
