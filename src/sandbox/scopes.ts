/**
 * Mastodon's OAuth scopes as the server checks them: a route lists the scopes that allow it, and a token
 * passes when it holds one of them or a broader one (`read` covers `read:statuses`; `follow` covers
 * `read:follows`, `write:follows`, `read:blocks`, ... as Mastodon's legacy scope does).
 */
import { expandScopes } from "../auth/scopes.js";

/** Whether `granted` allows a route that needs any one of `needed` (no requirement passes). */
export function scopesAllow(granted: readonly string[], needed: readonly string[]): boolean {
  if (needed.length === 0) return true;
  const have = expandScopes(granted);
  return needed.some((scope) => have.has(scope));
}

/** Every scope a server knows, for `/.well-known/oauth-authorization-server` and for checking requests. */
export function isKnownScope(scope: string): boolean {
  return /^(read|write|follow|push|profile|admin:(read|write)(:[a-z_]+)?|(read|write):[a-z_]+)$/.test(scope);
}
