/**
 * The MastodonRatelimitError for a 429 answer, worded the same on the class's request path (with
 * ratelimit_method "throw", or when the answer does not say when to retry) and on createFetchClient.
 */
import { MastodonRatelimitError } from "./errors.js";
import { isoTime } from "./ratelimit-reset.js";

/** `wait`: seconds until `reset` (seconds since the epoch), or undefined when the answer did not say. */
export function ratelimitRefusal(wait: number | undefined, reset: number): MastodonRatelimitError {
  if (wait === undefined) {
    return new MastodonRatelimitError(
      "The server refused the request with 429 Too Many Requests and did not say when to try again " +
        "(no X-RateLimit-Reset or Retry-After header). Slow down and retry in a few minutes.",
      { status: 429 },
    );
  }
  return new MastodonRatelimitError(
    `Rate limit hit (429 Too Many Requests); it resets at ${isoTime(reset)}, ` +
      `in ${Math.ceil(wait)} s. Wait until then, or use ratelimit_method "wait" or "pace" to have mastodon-ts wait.`,
    { reset, status: 429 },
  );
}
