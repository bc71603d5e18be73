/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/** The schema Mastodon.py asks for by default, and the one the `Nodeinfo` type describes. */
export const NODEINFO_SCHEMA_2_0 = "http://nodeinfo.diaspora.software/ns/schema/2.0";
