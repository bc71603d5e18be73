/**
 * Mastodon's per-token rate limit (300 requests per 5 minutes by default), counted in windows aligned
 * to the clock as Rack::Attack counts them, with the same headers and the same 429.
 */

import type { RatelimitSetting } from "./options.js";
import { ApiError } from "./reply.js";

interface Window {
  start: number;
  used: number;
}

/**
 * Most keys kept at once. The server keys by verified token or by address, so a real sandbox stays far
 * below this; it only bounds memory when keys come from somewhere unbounded (a public sandbox reached
 * from many addresses).
 */
export const MAX_RATELIMIT_KEYS = 10_000;

export class RateLimiter {
  /** In the order the windows began (a renewed window moves to the end), so the first is the oldest. */
  private readonly windows = new Map<string, Window>();

  constructor(private readonly setting: RatelimitSetting) {}

  /**
   * Counts one request for `key` (a token, or the caller's address without one) and returns the headers
   * to send; throws the 429 when the window's budget is spent.
   */
  take(key: string, now: number): Record<string, string> {
    const period = this.setting.window_seconds * 1000;
    const start = Math.floor(now / period) * period;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      // Deleted first so that the new window goes to the end of the map's order.
      this.windows.delete(key);
      if (this.windows.size >= MAX_RATELIMIT_KEYS) {
        // The first is the oldest: a window that has ended when any has, else a current one whose key
        // then starts afresh, a lesser harm than memory that grows with every new key.
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      window = { start, used: 0 };
      this.windows.set(key, window);
    }
    window.used++;
    const headers = {
      "x-ratelimit-limit": String(this.setting.limit),
      "x-ratelimit-remaining": String(Math.max(0, this.setting.limit - window.used)),
      "x-ratelimit-reset": new Date(start + period).toISOString(),
    };
    if (window.used > this.setting.limit) {
      const retryAfter = String(Math.max(1, Math.ceil((start + period - now) / 1000)));
      throw new ApiError(429, { error: "Too many requests" }, { ...headers, "retry-after": retryAfter });
    }
    return headers;
  }

  /** How many keys are kept (at most MAX_RATELIMIT_KEYS). */
  get size(): number {
    return this.windows.size;
  }

  reset(): void {
    this.windows.clear();
  }
}
