/**
 * OAuth scopes. A granted umbrella scope ("read", "write", "admin:read", ...) covers the granular
 * scopes under it, so a request for "read:statuses" is satisfied by a grant of "read".
 */

/** What createApp and logIn request when no scopes are given (as Mastodon.py). */
export const DEFAULT_SCOPES: readonly string[] = ["read", "write", "follow", "push"];

/** Umbrella scopes and the granular scopes each one covers. */
export const SCOPE_SETS: Readonly<Record<string, readonly string[]>> = {
  read: [
    "read:accounts",
    "read:blocks",
    "read:bookmarks",
    "read:favourites",
    "read:filters",
    "read:follows",
    "read:lists",
    "read:mutes",
    "read:notifications",
    "read:search",
    "read:statuses",
  ],
  write: [
    "write:accounts",
    "write:blocks",
    "write:bookmarks",
    "write:conversations",
    "write:favourites",
    "write:filters",
    "write:follows",
    "write:lists",
    "write:media",
    "write:mutes",
    "write:notifications",
    "write:reports",
    "write:statuses",
  ],
  follow: ["read:blocks", "read:follows", "read:mutes", "write:blocks", "write:follows", "write:mutes"],
  "admin:read": [
    "admin:read:accounts",
    "admin:read:reports",
    "admin:read:domain_allows",
    "admin:read:domain_blocks",
    "admin:read:ip_blocks",
    "admin:read:email_domain_blocks",
    "admin:read:canonical_email_blocks",
  ],
  "admin:write": [
    "admin:write:accounts",
    "admin:write:reports",
    "admin:write:domain_allows",
    "admin:write:domain_blocks",
    "admin:write:ip_blocks",
    "admin:write:email_domain_blocks",
    "admin:write:canonical_email_blocks",
  ],
};

/** Accepts Mastodon.py's list form or a space-separated string. */
export function normaliseScopes(scopes: readonly string[] | string | undefined): string[] {
  if (scopes === undefined) return [...DEFAULT_SCOPES];
  const list = typeof scopes === "string" ? scopes.split(/\s+/) : [...scopes];
  return list.map((s) => s.trim()).filter((s) => s !== "");
}

/** The granted scopes plus every granular scope an umbrella scope among them covers. */
export function expandScopes(granted: readonly string[]): Set<string> {
  const all = new Set(granted);
  for (const scope of granted) for (const covered of SCOPE_SETS[scope] ?? []) all.add(covered);
  return all;
}

/** The requested scopes that the grant does not cover. */
export function missingScopes(requested: readonly string[], granted: readonly string[]): string[] {
  const covered = expandScopes(granted);
  return requested.filter((scope) => !covered.has(scope));
}
