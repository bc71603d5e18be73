/**
 * Checks of the options both clients take (new Mastodon() / createClient, and createFetchClient),
 * each with the one message that names the option and what it must be.
 */
import { VERSION } from "../version.js";
import { MastodonIllegalArgumentError } from "./errors.js";
import type { FetchLike } from "./http.js";

/** The User-Agent sent when `user_agent` is not given: "mastodon-ts/<package version>". */
export const DEFAULT_USER_AGENT = `mastodon-ts/${VERSION}`;

/** `value` if it is one of `allowed`, `fallback` if it is undefined; otherwise throws. */
export function oneOf<T extends string>(
  value: T | undefined,
  allowed: readonly T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new MastodonIllegalArgumentError(
      `${name} must be one of ${allowed.map((v) => `"${v}"`).join(", ")}; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** A positive, finite number of seconds (`fallback` if undefined); otherwise throws. */
export function positiveNumber(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new MastodonIllegalArgumentError(
      `${name} must be a positive number of seconds; got ${String(value)}.`,
    );
  }
  return value;
}

/** A positive whole number of bytes (`fallback` if undefined); otherwise throws. */
export function byteCount(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new MastodonIllegalArgumentError(
      `${name} must be a positive whole number of bytes; got ${String(value)}.`,
    );
  }
  return value;
}

/** The `fetch` option's default: the runtime's global fetch, looked up on each call. */
export function defaultFetch(): FetchLike {
  if (typeof globalThis.fetch !== "function") {
    throw new MastodonIllegalArgumentError(
      "This runtime has no global fetch; pass one as the `fetch` option.",
    );
  }
  return (input, init) => globalThis.fetch(input, init);
}
