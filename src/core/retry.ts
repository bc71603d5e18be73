/**
 * Retrying what is safe to retry. A request is retried only when sending it twice cannot do
 * anything twice: idempotent methods, and status posts that carry an `Idempotency-Key` (Mastodon
 * answers a repeated key with the status it already made). Other POSTs are never retried.
 */
import { readDate, readWholeNumber } from "./header-values.js";

/**
 * The `retry` option: how network failures and 502, 503 and 504 answers are retried, for requests
 * that are safe to send twice (GET, PUT, DELETE, and status posts with their Idempotency-Key). A
 * Retry-After from the server is honoured; `retry: false` turns retries off.
 */
export interface RetryOptions {
  /** How many times to retry after the first attempt. Default 2. */
  max_retries?: number | undefined;
  /** First backoff, in seconds; doubles with each retry. Default 0.5. */
  base_delay?: number | undefined;
  /** Backoff cap, in seconds. Default 8. */
  max_delay?: number | undefined;
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelay: number;
  maxDelay: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelay: 0.5, maxDelay: 8 };

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function isRetrySafe(method: string, hasIdempotencyKey: boolean): boolean {
  return hasIdempotencyKey || IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY, maxRetries: 0 };
  return {
    maxRetries: options?.max_retries ?? DEFAULT_RETRY.maxRetries,
    baseDelay: options?.base_delay ?? DEFAULT_RETRY.baseDelay,
    maxDelay: options?.max_delay ?? DEFAULT_RETRY.maxDelay,
  };
}

/** "Equal jitter" backoff: between half and all of the capped exponential step, so clients spread out. */
export function backoffSeconds(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  // The exponent is capped so that a long reconnect loop never computes 0 * Infinity (NaN).
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** Math.min(attempt, 30));
  return ceiling * (0.5 + random() / 2);
}

/** Seconds from a Retry-After header (seconds or an HTTP date), if present and sensible. */
export function retryAfterSeconds(value: string | null): number | undefined {
  const seconds = readWholeNumber(value);
  if (seconds !== undefined) return seconds;
  const at = readDate(value);
  return at === undefined ? undefined : Math.max(0, (at - Date.now()) / 1000);
}
