/**
 * A rate-limit budget shared through a store by every client with the same store and budget key
 * (by default the server and the token). The store holds the server's latest report and grants
 * requests one at a time, atomically, so `pace` spreads the budget across all of the clients and
 * `wait` and `throw` see what the server told any of them.
 *
 * Times in the store are on the server's clock: each process estimates its offset from the `Date`
 * headers (the smallest difference seen; Date has whole seconds, so the estimate errs towards
 * waiting longer, never towards a 429).
 *
 * When the store fails, the client goes on with a budget of its own (a RateLimiter kept up to date
 * with every answer), says so once through `on_ratelimit` (or a console warning without one), and
 * tries the store again a few seconds later.
 */

import type { BudgetRecord, MastodonStore } from "../stores/types.js";
import type { Budget, BudgetName, RatelimitListener } from "./budgets.js";
import { MastodonRatelimitError } from "./errors.js";
import { readDate, readWholeNumber } from "./header-values.js";
import {
  MAX_RATELIMIT_SLEEP_SECONDS,
  type RateLimiter,
  type RatelimitHeaders,
  type RatelimitMethod,
  usableLimit,
} from "./ratelimit.js";
import { isoTime, readReset } from "./ratelimit-reset.js";
import { retryAfterSeconds } from "./retry.js";
import { sleep } from "./sleep.js";

/** How long after a store failure the store is tried again. */
const STORE_RETRY_SECONDS = 5;
/** How long a probe of an unknown window may stay unanswered before another client probes. */
const PROBE_SECONDS = 5;

const nowSeconds = (): number => Date.now() / 1000;

/** What the budgets of one client share: the store, the key, the clock offset, the failure state. */
export class SharedBudgetContext {
  /** Local clock minus server clock, seconds (the smallest seen; 0 until a Date header arrives). */
  #offset: number | undefined;
  #failingUntil = 0;
  #failing = false;
  #keys = new Map<string, Promise<string>>();

  constructor(
    readonly store: MastodonStore,
    private readonly keyFor: () => string,
    readonly emit: RatelimitListener,
    private readonly warnWithoutListener: boolean,
  ) {}

  serverNow(): number {
    return nowSeconds() - (this.#offset ?? 0);
  }

  toLocal(serverTime: number): number {
    return serverTime + (this.#offset ?? 0);
  }

  observeDate(headers: RatelimitHeaders): void {
    const date = readDate(headers.get("date"));
    if (date === undefined) return;
    const offset = nowSeconds() - date / 1000;
    if (this.#offset === undefined || offset < this.#offset) this.#offset = offset;
  }

  /** The store key of a budget: hashed, so the token never reaches the store. */
  key(name: BudgetName): Promise<string> {
    const identity = this.keyFor();
    let key = this.#keys.get(identity);
    if (key === undefined) {
      key = sha256Hex(identity).then((hash) => hash.slice(0, 32));
      this.#keys.set(identity, key);
    }
    return key.then((hash) => `${hash}:${name}`);
  }

  usable(): boolean {
    return !this.#failing || nowSeconds() >= this.#failingUntil;
  }

  worked(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.emit({ type: "store_recovered" });
  }

  failed(error: unknown): void {
    this.#failingUntil = nowSeconds() + STORE_RETRY_SECONDS;
    if (this.#failing) return;
    this.#failing = true;
    const err = error instanceof Error ? error : new Error(String(error));
    this.emit({ type: "store_unavailable", error: err });
    if (this.warnWithoutListener) {
      console.warn(
        `mastodon-ts: the ${this.store.kind} rate-limit store failed (${err.message}); going on with this process's own budget until it answers again.`,
      );
    }
  }
}

export class SharedBudget implements Budget {
  #snapshot: Pick<BudgetRecord, "limit" | "remaining" | "reset" | "known"> | undefined;
  #lastcall = nowSeconds();
  /** Requests granted by the store (or by the local budget) whose answers have not come yet. */
  #sharedOut = 0;
  #localOut = 0;

  constructor(
    readonly name: BudgetName,
    private readonly context: SharedBudgetContext,
    private readonly local: RateLimiter,
  ) {}

  get method(): RatelimitMethod {
    return this.local.method;
  }
  get pacefactor(): number {
    return this.local.pacefactor;
  }
  get limit(): number {
    return this.#snapshot?.limit ?? this.local.limit;
  }
  get remaining(): number {
    return this.#snapshot?.remaining ?? this.local.remaining;
  }
  get reset(): number {
    return this.#snapshot ? this.context.toLocal(this.#snapshot.reset) : this.local.reset;
  }
  get lastcall(): number {
    return this.#lastcall;
  }

  /** Every request asks the store, which takes a promise. */
  tryAcquire(): boolean {
    return false;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    let waitStarted: number | undefined;
    const resume = () => {
      if (waitStarted !== undefined) {
        this.context.emit({ type: "resume", budget: this.name, waited: nowSeconds() - waitStarted });
      }
    };
    for (;;) {
      signal?.throwIfAborted();
      if (!this.context.usable()) {
        resume();
        if (!this.local.tryAcquire()) await this.local.acquire(signal);
        this.#localOut++;
        return;
      }
      const now = this.context.serverNow();
      let grant: Awaited<ReturnType<MastodonStore["takeBudget"]>>;
      try {
        grant = await this.context.store.takeBudget(await this.context.key(this.name), {
          now,
          pace: this.method === "pace",
          pacefactor: this.pacefactor,
          probeSeconds: PROBE_SECONDS,
        });
        this.context.worked();
      } catch (error) {
        this.context.failed(error);
        continue;
      }
      this.#snapshot = grant.state;
      if (grant.granted) {
        this.#sharedOut++;
        resume();
        const delay = grant.slot - now;
        if (delay > 0) {
          try {
            await sleep(Math.min(delay, MAX_RATELIMIT_SLEEP_SECONDS), signal);
          } catch (error) {
            // Not sent after all: the store's count of requests in flight drops again.
            this.settle();
            throw error;
          }
        }
        return;
      }
      if (grant.exhausted && this.method === "throw") {
        const reset = this.context.toLocal(grant.state.reset);
        throw new MastodonRatelimitError(
          `Rate limit exhausted: the server allows ${grant.state.limit} requests per window to the clients sharing this ` +
            `${this.context.store.kind} store, and none are left; it resets at ${isoTime(reset)}. ` +
            'Wait until then, or use ratelimit_method "wait" or "pace".',
          { reset },
        );
      }
      if (grant.exhausted && waitStarted === undefined) {
        waitStarted = nowSeconds();
        const until = grant.state.known === 1 ? this.context.toLocal(grant.state.reset) : undefined;
        this.context.emit({ type: "wait", budget: this.name, until });
      }
      await sleep(Math.min(Math.max(grant.wait, 0.01), MAX_RATELIMIT_SLEEP_SECONDS), signal);
    }
  }

  settle(headers?: RatelimitHeaders): void {
    if (headers) {
      this.context.observeDate(headers);
      this.#lastcall = nowSeconds();
    }
    // The local budget hears every answer, so that it is ready the moment the store fails.
    if (this.#localOut > 0 && (this.#sharedOut === 0 || !this.context.usable())) {
      this.#localOut--;
      this.local.settle(headers);
      return;
    }
    if (headers) this.local.update(headers);
    const settled = this.#sharedOut > 0 ? 1 : 0;
    this.#sharedOut = Math.max(0, this.#sharedOut - 1);
    this.#report(headers, { settled });
  }

  exhausted(headers: RatelimitHeaders): number | undefined {
    const wait = this.local.exhausted(headers);
    this.context.emit({
      type: "refused",
      budget: this.name,
      reset: wait === undefined ? undefined : this.local.reset,
    });
    this.#report(headers, { settled: 0, exhausted: true });
    return wait;
  }

  #report(headers: RatelimitHeaders | undefined, extra: { settled: number; exhausted?: boolean }): void {
    if (!this.context.usable()) return;
    const now = this.context.serverNow();
    const told = headers ? readHeaders(headers, now) : undefined;
    const retryAfter = headers ? retryAfterSeconds(headers.get("retry-after")) : undefined;
    const report = {
      now,
      ...extra,
      ...(told ?? {}),
      silent: headers !== undefined && told === undefined && headers.get("x-ratelimit-remaining") === null,
      retryAfter: retryAfter !== undefined && Number.isFinite(retryAfter) ? retryAfter : undefined,
    };
    void this.context
      .key(this.name)
      .then((key) => this.context.store.reportBudget(key, report))
      .then(
        () => this.context.worked(),
        (error) => this.context.failed(error),
      );
  }
}

/** X-RateLimit-* on the server's clock (a seconds-until reset is counted from `serverNow`). */
function readHeaders(
  headers: RatelimitHeaders,
  serverNow: number,
): { remaining: number; limit: number | undefined; reset: number } | undefined {
  const remaining = readWholeNumber(headers.get("x-ratelimit-remaining"));
  const value = headers.get("x-ratelimit-reset");
  if (remaining === undefined || value === null) return undefined;
  const reset = readReset(value, serverNow)?.at;
  if (reset === undefined) return undefined;
  return { remaining, limit: usableLimit(readWholeNumber(headers.get("x-ratelimit-limit"))), reset };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
