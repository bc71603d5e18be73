/** The --scopes flag: checked against the scopes Mastodon knows before anything is sent. */
import { DEFAULT_SCOPES, SCOPE_SETS } from "../auth/scopes.js";
import { usageError } from "./exit-codes.js";

const UMBRELLAS = ["read", "write", "follow", "push", "profile", "admin:read", "admin:write"];
const KNOWN = new Set([...UMBRELLAS, ...Object.values(SCOPE_SETS).flat()]);

/** "read,write" or "read write" -> ["read", "write"]; the library's defaults when absent. */
export function parseScopes(raw: string | undefined): string[] {
  if (raw === undefined) return [...DEFAULT_SCOPES];
  const scopes = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
  if (scopes.length === 0) throw usageError("--scopes is empty; e.g. --scopes read,write");
  const unknown = scopes.filter((scope) => !KNOWN.has(scope));
  if (unknown.length > 0) {
    throw usageError(
      `Unknown scope${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Use ${UMBRELLAS.join(", ")}, ` +
        "or granular ones such as read:statuses and write:media (https://docs.joinmastodon.org/api/oauth-scopes/).",
    );
  }
  return scopes;
}
