/**
 * A 429 answer on the fetch client: the MastodonRatelimitError the class throws with
 * ratelimit_method "throw", with the reset read from the answer's headers by the class's own
 * RateLimiter (X-RateLimit-Reset corrected by the Date header, or Retry-After).
 */
import { MastodonRatelimitError } from "../core/errors.js";
import { RateLimiter, type RatelimitHeaders } from "../core/ratelimit.js";

export function ratelimitRefusal(headers: RatelimitHeaders): MastodonRatelimitError {
  // A fresh limiter reads the reset exactly as a client's first 429 would.
  const limiter = new RateLimiter("throw", 1);
  const wait = limiter.exhausted(headers);
  if (wait === undefined) {
    return new MastodonRatelimitError(
      "The server refused the request with 429 Too Many Requests and did not say when to try again " +
        "(no X-RateLimit-Reset or Retry-After header). Slow down and retry in a few minutes.",
      { status: 429 },
    );
  }
  return new MastodonRatelimitError(
    `Rate limit hit (429 Too Many Requests); it resets at ${new Date(limiter.reset * 1000).toISOString()}, ` +
      `in ${Math.ceil(wait)} s. Wait until then, or use ratelimit_method "wait" or "pace" to have mastodon-ts wait.`,
    { reset: limiter.reset, status: 429 },
  );
}
