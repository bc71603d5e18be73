/**
 * The constants this area exports (allowed values, limits), apart from its methods: the package
 * exports them from its entry, and keeping them here lets the methods load on first use
 * (../lazy-areas.ts) without the entry pulling in their code.
 */

/** What adminAccountModerate can do; "none" only records a warning. */
export const ADMIN_ACCOUNT_ACTIONS = ["none", "disable", "sensitive", "silence", "suspend"] as const;

/** The moderation states an account listing can be narrowed to. */
export const ADMIN_ACCOUNT_STATUSES = ["active", "pending", "disabled", "silenced", "suspended"] as const;

/** How hard a domain block hits: limit (silence), suspend, or nothing but the reject_* flags. */
export const DOMAIN_BLOCK_SEVERITIES = ["silence", "suspend", "noop"] as const;

/** What an IP block does: sign-ups need approval, sign-ups are refused, or all access is refused. */
export const IP_BLOCK_SEVERITIES = ["sign_up_requires_approval", "sign_up_block", "no_access"] as const;

/** Server-wide dimensions, asked for with `true`. */
export const ADMIN_DIMENSION_FLAGS = [
  "languages",
  "sources",
  "servers",
  "space_usage",
  "software_versions",
] as const;

/** Dimensions about one remote server, asked for with its domain. */
export const ADMIN_DIMENSION_INSTANCE_KEYS = ["instance_accounts", "instance_languages"] as const;

/** Dimensions about one hashtag, asked for with its id (or the tag). */
export const ADMIN_DIMENSION_TAG_KEYS = ["tag_servers", "tag_languages"] as const;

/** Server-wide measures, asked for with `true`. */
export const ADMIN_MEASURE_FLAGS = [
  "active_users",
  "new_users",
  "interactions",
  "opened_reports",
  "resolved_reports",
] as const;

/** Measures about one remote server, asked for with its domain. */
export const ADMIN_MEASURE_INSTANCE_KEYS = [
  "instance_accounts",
  "instance_media_attachments",
  "instance_reports",
  "instance_statuses",
  "instance_follows",
  "instance_followers",
] as const;

/** Measures about one hashtag, asked for with its id (or the tag). */
export const ADMIN_MEASURE_TAG_KEYS = ["tag_accounts", "tag_uses", "tag_servers"] as const;
