/**
 * The scopes the sandbox's OAuth provider knows, in the order Mastodon's metadata document lists them,
 * and Doorkeeper's rule for a requested scope string: every scope must be known to the server and
 * registered by the app, compared as plain strings (an app registered for `read` may not ask for
 * `read:statuses`, exactly as on Mastodon).
 */
import { SCOPE_SETS } from "../auth/scopes.js";

export const SCOPES_SUPPORTED: readonly string[] = [
  "read",
  "profile",
  "write",
  ...(SCOPE_SETS.write ?? []),
  ...(SCOPE_SETS.read ?? []),
  "follow",
  "push",
  "admin:read",
  ...(SCOPE_SETS["admin:read"] ?? []),
  "admin:write",
  ...(SCOPE_SETS["admin:write"] ?? []),
];

const SUPPORTED = new Set(SCOPES_SUPPORTED);

/** What an app or a request gets when it names no scope (Mastodon's default scope). */
export const DEFAULT_SCOPE: readonly string[] = ["read"];

/** Splits a scope (or redirect URI) list on whitespace, without duplicates, in the order given. */
export function splitWords(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter((s) => s !== ""))];
}

export function areKnownScopes(scopes: readonly string[]): boolean {
  return scopes.every((scope) => SUPPORTED.has(scope));
}

/** Whether every requested scope is known and among those allowed (the app's, or an earlier token's). */
export function scopesWithin(requested: readonly string[], allowed: readonly string[]): boolean {
  return areKnownScopes(requested) && requested.every((scope) => allowed.includes(scope));
}
