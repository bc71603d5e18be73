/**
 * Mastodon's rate limits, handled as Mastodon.py does, plus bookkeeping for concurrent requests.
 *
 * The server reports `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (an ISO
 * timestamp on Mastodon, seconds since the epoch on some other servers). The reset time is in the
 * server's clock; the `Date` header tells how far that clock is from ours.
 *
 * Methods: "throw" fails fast, "wait" sleeps until the window resets when the budget is spent,
 * "pace" spreads the remaining budget evenly over what is left of the window (divided by
 * `ratelimit_pacefactor`, so slightly faster than even), so a burst never meets a 429.
 */
import { MastodonRatelimitError } from "./errors.js";
import { readDate, readWholeNumber } from "./header-values.js";
import {
  isoTime,
  nowSeconds,
  onLocalClock,
  type RatelimitHeaders,
  readReset,
  retryAfterReset,
} from "./ratelimit-reset.js";
import { sleep } from "./sleep.js";

export { parseResetHeader, type RatelimitHeaders } from "./ratelimit-reset.js";

/**
 * What a request does when the rate-limit budget is spent: "wait" sleeps until the window resets
 * (at most 5 minutes at a time), "throw" fails with MastodonRatelimitError, "pace" spreads the
 * remaining budget over the rest of the window so that a burst never meets a 429.
 */
export type RatelimitMethod = "wait" | "throw" | "pace";

/** The longest a single rate-limit sleep may last (Mastodon.py's precaution). */
export const MAX_RATELIMIT_SLEEP_SECONDS = 5 * 60;

/** How long to wait for fresh rate-limit headers when the budget is spent and the reset is unknown. */
const UNKNOWN_RESET_POLL_SECONDS = 0.25;

/** What the rate-limit attributes of a client show of its general budget. */
export interface RatelimitWindow {
  readonly method: RatelimitMethod;
  readonly pacefactor: number;
  readonly limit: number;
  readonly remaining: number;
  /** When the window resets, seconds since the epoch. */
  readonly reset: number;
  readonly lastcall: number;
}

export class RateLimiter {
  // 300 is options.ts's DEFAULT_RATELIMIT_LIMIT, written out: importing it would tie this module,
  // which loads with the request path, to a chunk of what loads at start.
  /** The request budget of the current window, as last reported. */
  limit = 300;
  /** Requests left in the current window: the server's latest count, less the requests in flight. */
  remaining = 300;
  /** When the window resets, in seconds since the epoch on the local clock. */
  reset: number;
  /** When the last rate-limit information arrived, in seconds since the epoch. */
  lastcall: number;

  private resetKnown = false;
  /** X-RateLimit-Reset as the server wrote it (its clock), to tell one window from the next. */
  private serverReset: number | undefined;
  /**
   * Whether the server is expected to report its limits. While it is and the window is unknown
   * (the first request, or just after a window turned over), only one request goes at a time:
   * its answer tells the budget, and a concurrent burst must not spend more than there is.
   */
  private reportsLimits = true;
  private inFlight = 0;
  private lastSlot = 0;
  private updateWaiters: Array<() => void> = [];
  /**
   * The last X-RateLimit-Reset and Date texts and what they were read as: the reset is the same
   * for a whole window and Date for a second, so most answers need no date parsing.
   */
  private lastResetText: string | undefined;
  private lastReset: { at: number; relative: boolean } | undefined;
  private lastDateText: string | null | undefined;
  private lastDate: number | undefined;

  /** `shown`: the state the client's attributes already showed before the limiter was made. */
  constructor(
    public method: RatelimitMethod,
    public pacefactor: number,
    shown?: RatelimitWindow,
  ) {
    this.reset = shown?.reset ?? nowSeconds();
    this.lastcall = shown?.lastcall ?? nowSeconds();
  }

  /**
   * Called before a rate-limited request is sent. Resolves when the request may go, having
   * reserved one unit of the budget; the caller must then call `settle()` exactly once.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = nowSeconds();
      this.rollWindow(now);
      if (this.awaitingFirstAnswer()) {
        await this.nextUpdate(signal);
        continue;
      }
      if (this.remaining > 0) {
        const slot = this.method === "pace" ? this.paceSlot(now) : now;
        this.reserve(slot);
        if (slot > now) {
          try {
            await sleep(Math.min(slot - now, MAX_RATELIMIT_SLEEP_SECONDS), signal);
          } catch (error) {
            // Aborted while waiting for its slot: the request will not be sent, so give the unit back.
            this.inFlight = Math.max(0, this.inFlight - 1);
            this.remaining += 1;
            this.wakeWaiters();
            throw error;
          }
        }
        return;
      }
      if (this.method === "throw") {
        throw new MastodonRatelimitError(
          `Rate limit exhausted: the server allows ${this.limit} requests per window and none are left; ` +
            `it resets ${describeReset(this.reset)}. Wait until then, or use ratelimit_method "wait" or "pace".`,
          { reset: this.reset },
        );
      }
      if (this.resetKnown && this.reset > now) {
        await sleep(Math.min(this.reset - now, MAX_RATELIMIT_SLEEP_SECONDS), signal);
      } else {
        await this.nextUpdate(signal);
      }
    }
  }

  /**
   * The common case without a promise: reserves one unit when the request may go right now.
   * Returns false when it must wait (then `acquire()` does the waiting).
   */
  tryAcquire(): boolean {
    const now = nowSeconds();
    this.rollWindow(now);
    if (this.awaitingFirstAnswer() || this.remaining <= 0) return false;
    if (this.method === "pace" && this.paceSlot(now) > now) return false;
    this.reserve(now);
    return true;
  }

  /** While the window is unknown, only one request goes at a time (see `reportsLimits`). */
  private awaitingFirstAnswer(): boolean {
    return !this.resetKnown && this.reportsLimits && this.inFlight > 0;
  }

  /** Takes one unit of the budget for a request sent at `slot`. */
  private reserve(slot: number): void {
    this.remaining -= 1;
    this.inFlight += 1;
    this.lastSlot = slot;
  }

  /** Called once per acquired request when its answer (or failure) arrives. */
  settle(headers?: RatelimitHeaders): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    // An answer without readable rate-limit headers: this server does not report them.
    if (headers && !this.update(headers)) this.reportsLimits = false;
    this.wakeWaiters();
  }

  /**
   * Takes the server's rate-limit headers. Returns false when the response carried none, or
   * carried values that cannot be read (then the previous state is kept: a proxy mangling a header
   * should not break requests that would otherwise succeed).
   */
  update(headers: RatelimitHeaders): boolean {
    const reported = readWholeNumber(headers.get("x-ratelimit-remaining"));
    const resetValue = headers.get("x-ratelimit-reset");
    if (reported === undefined || resetValue === null) return false;
    const parsed = resetValue === this.lastResetText ? this.lastReset : readReset(resetValue);
    if (parsed === undefined) return false;
    const reset = parsed.at;
    let serverNow: number | undefined;
    // A relative reset is on the local clock already, and changes with it: it is neither corrected nor kept.
    if (!parsed.relative) {
      this.lastResetText = resetValue;
      this.lastReset = parsed;
      const dateText = headers.get("date");
      if (dateText !== this.lastDateText) {
        this.lastDateText = dateText;
        this.lastDate = readDate(dateText);
      }
      serverNow = this.lastDate;
    }
    const localReset = onLocalClock(reset, serverNow);
    this.reportsLimits = true;
    this.lastcall = nowSeconds();
    // An answer from a window already left behind (answers may arrive out of order) is stale.
    // (After the window turned over everything is taken, so a server whose clock jumped back recovers.)
    if (this.resetKnown && this.serverReset !== undefined && reset < this.serverReset - 0.5) return true;
    this.limit = usableLimit(readWholeNumber(headers.get("x-ratelimit-limit"))) ?? this.limit;
    // The server writes the same reset for every answer in a window; the Date correction varies
    // by up to a second (whole-second Date), so windows are told apart by the server's own value.
    const sameWindow =
      this.resetKnown && this.serverReset !== undefined && Math.abs(reset - this.serverReset) < 0.5;
    // The server's latest answer wins (its count may not fall with each request: a separate media
    // budget, a proxy, a server that counts differently), less the requests still in flight, which
    // will spend budget the server has not counted yet.
    this.remaining = Math.max(0, reported - this.inFlight);
    // Within a window keep the latest estimate of its end, so it never turns over early.
    this.reset = sameWindow ? Math.max(this.reset, localReset) : localReset;
    this.serverReset = reset;
    this.resetKnown = true;
    this.wakeWaiters();
    return true;
  }

  /**
   * Records a 429: nothing is left until the reset. Returns seconds to wait, if known (0 for a
   * Retry-After that cannot be read). A 429 that names no reset leaves the budget as it was: with
   * no window to wait out, a budget set to zero would refuse every later request for good.
   */
  exhausted(headers: RatelimitHeaders): number | undefined {
    if (this.update(headers)) {
      this.remaining = 0;
      return Math.max(0, this.reset - nowSeconds());
    }
    const retryAfter = headers.get("retry-after");
    if (retryAfter === null) return undefined;
    const at = retryAfterReset(retryAfter);
    if (at === undefined) return 0;
    this.remaining = 0;
    this.reset = at;
    this.resetKnown = true;
    return Math.max(0, at - nowSeconds());
  }

  /**
   * When the next request may go: the time left after the previous slot, shared among the
   * requests left (this one included), shortened by the pace factor. Slots reserved by concurrent
   * callers follow one another, so a burst is spread over the window rather than sent at once.
   */
  private paceSlot(now: number): number {
    if (!this.resetKnown || this.reset <= now) return now;
    const base = this.lastSlot > 0 ? Math.min(this.lastSlot, this.reset) : now;
    const interval = (this.reset - base) / this.remaining / this.pacefactor;
    return Math.max(now, base + interval);
  }

  private wakeWaiters(): void {
    // Nobody waits on almost every answer: no empty array is made for them.
    if (this.updateWaiters.length === 0) return;
    for (const wake of this.updateWaiters.splice(0)) wake();
  }

  private rollWindow(now: number): void {
    if (this.resetKnown && now >= this.reset) {
      // The window has turned over; the server will tell us the new reset with its next answer.
      this.remaining = Math.max(0, this.limit - this.inFlight);
      this.resetKnown = false;
      this.lastSlot = 0;
    }
  }

  private nextUpdate(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", wake);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", wake);
        this.updateWaiters = this.updateWaiters.filter((w) => w !== wake);
        // Nothing in flight will report back: assume the window has turned over.
        if (this.inFlight === 0 && this.remaining <= 0) this.remaining = this.limit;
        resolve();
      }, UNKNOWN_RESET_POLL_SECONDS * 1000);
      this.updateWaiters.push(wake);
      signal?.addEventListener("abort", wake, { once: true });
    });
  }
}

/**
 * X-RateLimit-Limit when it is a budget at all: a limit of 0 would refill every new window with
 * nothing, and refuse every request for good, so it is not taken (the last usable one stays).
 */
export function usableLimit(limit: number | undefined): number | undefined {
  return limit !== undefined && limit > 0 ? limit : undefined;
}

function describeReset(reset: number): string {
  const seconds = Math.max(0, Math.round(reset - nowSeconds()));
  return `at ${isoTime(reset)} (in ${seconds} s)`;
}
