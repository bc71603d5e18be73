/**
 * How long to wait before the next connection attempt: exponential backoff from a base delay,
 * capped, with jitter so that many clients dropped at once (a server restart) do not return at once.
 */

export interface BackoffPolicy {
  /** Seconds before the first retry (Mastodon.py's reconnect_async_wait_sec). */
  baseSeconds: number;
  /** The longest wait, in seconds. */
  maxSeconds: number;
}

/**
 * Seconds to wait before retry number `attempt` (0 for the first retry): base * 2^attempt, capped,
 * then drawn uniformly from its upper half ("equal jitter": never less than half the backoff, so a
 * refusing server still sees the load fall off). `random` is injectable for tests.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseSeconds * 2 ** Math.min(attempt, 30);
  const capped = Math.min(policy.maxSeconds, exponential);
  return capped / 2 + (capped / 2) * random();
}
