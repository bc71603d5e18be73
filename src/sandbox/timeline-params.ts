/** Parameter readers the timeline, list and notification routes share, with Rails' leniency. */
import type { SandboxRequest } from "./request.js";

const FALSE_VALUES = new Set(["false", "0", "f", "off"]);

/**
 * Rails' `truthy_param?`: any value but blank and Rails' false words is true (so `local=yes` and
 * `local=abc` both count), where the request readers' `boolean` would say "not a boolean".
 */
export function truthyParam(req: SandboxRequest, name: string): boolean {
  const value = req.param(name);
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === "string") return value.trim() !== "" && !FALSE_VALUES.has(value.toLowerCase());
  if (typeof value === "number") return value !== 0;
  return true;
}

/** A hashtag name as Mastodon matches it: NFKC, lower case, without a leading `#`. */
export function normalizeTag(name: string): string {
  return name.normalize("NFKC").replace(/^#/, "").toLowerCase();
}
