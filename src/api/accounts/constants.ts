/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/** The states annualReportState() answers, as the docs list them. */
export const ANNUAL_REPORT_STATES = ["available", "generating", "eligible", "ineligible"] as const;

/** How the directory can be sorted: "active" (most recently posting first) or "new" (newest accounts first). */
export const DIRECTORY_ORDERS = ["active", "new"] as const;

/** The timelines that have markers. */
export const MARKER_TIMELINES = ["home", "notifications"] as const;

/** Default visibilities a user may choose for new statuses. */
export const DEFAULT_PRIVACY_VALUES = ["public", "unlisted", "private"] as const;

/** Who may quote new statuses by default. */
export const DEFAULT_QUOTE_POLICIES = ["public", "followers", "nobody"] as const;
