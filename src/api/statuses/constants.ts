/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

import type { QuoteApprovalPolicy } from "./quotes.js";
import type { ReportCategory } from "./reports.js";

/** The values `quote_approval_policy` takes: "public", "followers" and "nobody" (Mastodon 4.5). */
export const QUOTE_APPROVAL_POLICIES: readonly QuoteApprovalPolicy[] = ["public", "followers", "nobody"];

/** The values a report's `category` takes: "spam", "legal" (Mastodon 4.2), "violation" and "other". */
export const REPORT_CATEGORIES: readonly ReportCategory[] = ["spam", "legal", "violation", "other"];

/** The MIME types Pleroma and Akkoma take as `content_type`. */
export const CONTENT_TYPES = ["text/plain", "text/html", "text/markdown", "text/bbcode"] as const;
