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

export class RateLimiter {
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
      if (this.windows.size > 10_000) this.forgetOld(start);
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

  reset(): void {
    this.windows.clear();
  }

  /** Drops windows that have ended, so a stream of new keys cannot grow the map without bound. */
  private forgetOld(currentStart: number): void {
    for (const [key, window] of this.windows) if (window.start !== currentStart) this.windows.delete(key);
  }
}
