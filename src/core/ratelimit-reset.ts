/**
 * When a rate-limit window resets, read from an answer's headers: X-RateLimit-Reset (an ISO
 * timestamp on Mastodon, seconds since the epoch or until the reset on some other servers) moved
 * to the local clock by the Date header, or Retry-After. RateLimiter (ratelimit.ts) reads every
 * answer with these; createFetchClient reads only its 429s, without a limiter.
 */
import { readDate, readDecimal, readWholeNumber } from "./header-values.js";
import { retryAfterSeconds } from "./retry.js";

/** The headers of an answer, as fetch's Headers and undici's answers both offer them. */
export interface RatelimitHeaders {
  get(name: string): string | null;
}

/** Seconds since the epoch, on the local clock. */
export const nowSeconds = (): number => Date.now() / 1000;

/**
 * X-RateLimit-Reset in seconds since the epoch; `relative` when the server sent seconds until the
 * reset (then `at` is counted from `now`, the local clock unless a caller counts on the server's).
 */
export function readReset(value: string, now = nowSeconds()): { at: number; relative: boolean } | undefined {
  const n = readDecimal(value);
  if (n !== undefined) {
    if (n > LAST_TIME) return undefined;
    // Some servers send seconds until reset rather than an epoch; an epoch is always far larger.
    return n < 1e9 ? { at: now + n, relative: true } : { at: n, relative: false };
  }
  const ms = readDate(value);
  return ms === undefined ? undefined : { at: ms / 1000, relative: false };
}

/** Reads X-RateLimit-Reset: an integer epoch (GoToSocial and others) or an ISO timestamp. */
export function parseResetHeader(value: string): number | undefined {
  return readReset(value)?.at;
}

/**
 * A reset in the server's clock (`at`), moved to ours by the server's Date header (milliseconds
 * since the epoch; undefined: no correction). Date has one-second resolution, so the correction
 * errs towards waiting slightly longer.
 */
export function onLocalClock(at: number, serverDate: number | undefined): number {
  return serverDate === undefined ? at : at + nowSeconds() - serverDate / 1000;
}

/** The reset a Retry-After header names, on the local clock, if it can be read. */
export function retryAfterReset(value: string): number | undefined {
  const seconds = retryAfterSeconds(value);
  return seconds !== undefined && seconds <= LAST_TIME ? nowSeconds() + seconds : undefined;
}

/**
 * The latest time a Date holds, in seconds since the epoch (the year 275760). A reset or a wait
 * past it is no time at all (a header of 64 digits): it is read as unreadable, not waited for.
 */
export const LAST_TIME = 8.64e12;

/** A time (seconds since the epoch) as an ISO timestamp for a message; never throws. */
export function isoTime(seconds: number): string {
  return Math.abs(seconds) <= LAST_TIME ? new Date(seconds * 1000).toISOString() : "an unreadable time";
}

/**
 * When the limit that a 429 answer reports resets, read as a client's first 429 is
 * (RateLimiter.exhausted on a fresh limiter): X-RateLimit-Reset with X-RateLimit-Remaining,
 * corrected by Date; else Retry-After (unreadable: now). Undefined when the answer says neither.
 */
export function refusalReset(headers: RatelimitHeaders): number | undefined {
  const remaining = readWholeNumber(headers.get("x-ratelimit-remaining"));
  const resetText = headers.get("x-ratelimit-reset");
  const parsed = remaining === undefined || resetText === null ? undefined : readReset(resetText);
  if (parsed !== undefined) {
    return parsed.relative ? parsed.at : onLocalClock(parsed.at, readDate(headers.get("date")));
  }
  const retryAfter = headers.get("retry-after");
  if (retryAfter === null) return undefined;
  return retryAfterReset(retryAfter) ?? nowSeconds();
}
