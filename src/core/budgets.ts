/**
 * Mastodon keeps separate budgets: the general one (300 requests per 5 minutes per account), media
 * uploads, and deletions (30 per 30 minutes each). Each is tracked on its own, in this process
 * (RateLimiter) or shared through a store (SharedBudget), and apps hear about waits and 429s through
 * `on_ratelimit`.
 */
import type { RateLimiter, RatelimitHeaders, RatelimitMethod, RatelimitWindow } from "./ratelimit.js";

/**
 * The server's separate rate-limit budgets: "media" for uploads (POST /api/v1|v2/media), "deletion"
 * for deleting and unboosting statuses, "general" for every other request.
 */
export type BudgetName = "general" | "media" | "deletion";

/** What the HTTP core needs of a budget (RateLimiter has it all); `reset` is on the local clock. */
export interface Budget extends RatelimitWindow {
  tryAcquire(): boolean;
  acquire(signal?: AbortSignal): Promise<void>;
  settle(headers?: RatelimitHeaders): void;
  exhausted(headers: RatelimitHeaders): number | undefined;
}

/** What `on_ratelimit` hears. Times are seconds since the epoch (local clock). */
export type RatelimitEvent =
  | {
      /** A request waits because the budget is spent (not pace's spacing between requests). */
      type: "wait";
      /** The budget that is spent. */
      budget: BudgetName;
      /** When the wait should end: the window's reset, in seconds since the epoch; undefined when unknown. */
      until: number | undefined;
    }
  | {
      /** The wait is over: the request goes. */
      type: "resume";
      /** The budget the request waited for. */
      budget: BudgetName;
      /** How long the request waited, in seconds. */
      waited: number;
    }
  | {
      /** The server refused a request with 429. */
      type: "refused";
      /** The budget the refused request spent. */
      budget: BudgetName;
      /** When the budget is back, in seconds since the epoch; undefined when the server did not say. */
      reset: number | undefined;
    }
  | {
      /** The shared store failed: this client goes on with a budget of its own until it answers again. */
      type: "store_unavailable";
      /** Why: the store's error (usually a MastodonStoreError). */
      error: Error;
    }
  | {
      /** The shared store answers again: the client shares its budget once more. */
      type: "store_recovered";
    };

/**
 * The `on_ratelimit` option: called with each RatelimitEvent, synchronously. What it throws is
 * ignored, so a failing logger does not fail the request.
 */
export type RatelimitListener = (event: RatelimitEvent) => void;

/** Which budget a request spends. */
export function budgetOf(method: string, path: string): BudgetName {
  // Only POST and DELETE can spend the media or deletion budgets: the rest (most calls) skip the patterns.
  if (method !== "POST" && method !== "DELETE") return "general";
  // Every pattern below needs one of these words: most posts (statuses, favourites) skip the regexes.
  if (
    method === "POST" ? !path.includes("/media") && !path.includes("/unreblog") : !path.includes("/statuses/")
  )
    return "general";
  const p = path.replace(/^https?:\/\/[^/]+/i, "").split("?")[0] ?? "";
  if (method === "POST" && /^\/api\/v[12]\/media\/?$/.test(p)) return "media";
  if (method === "DELETE" && /^\/api\/v1\/statuses\/[^/]+\/?$/.test(p)) return "deletion";
  if (method === "POST" && /^\/api\/v1\/statuses\/[^/]+\/unreblog\/?$/.test(p)) return "deletion";
  return "general";
}

/** Calls the listener; one that throws must not break the request. */
export function emitter(listener: RatelimitListener | undefined): RatelimitListener {
  return (event) => {
    try {
      listener?.(event);
    } catch {
      // An app's logging failure is not the request's failure.
    }
  };
}

const nowSeconds = (): number => Date.now() / 1000;

/** A RateLimiter of this process, telling `on_ratelimit` when it waits for a spent budget. */
export class LocalBudget implements Budget {
  constructor(
    readonly name: BudgetName,
    readonly limiter: RateLimiter,
    private readonly emit: RatelimitListener,
  ) {}
  get method(): RatelimitMethod {
    return this.limiter.method;
  }
  get pacefactor(): number {
    return this.limiter.pacefactor;
  }
  get limit(): number {
    return this.limiter.limit;
  }
  get remaining(): number {
    return this.limiter.remaining;
  }
  get reset(): number {
    return this.limiter.reset;
  }
  get lastcall(): number {
    return this.limiter.lastcall;
  }
  tryAcquire(): boolean {
    return this.limiter.tryAcquire();
  }
  async acquire(signal?: AbortSignal): Promise<void> {
    const started = nowSeconds();
    const spent =
      this.limiter.remaining <= 0 && this.limiter.method !== "throw" && this.limiter.reset > started;
    if (spent) this.emit({ type: "wait", budget: this.name, until: this.limiter.reset });
    try {
      await this.limiter.acquire(signal);
    } finally {
      if (spent) this.emit({ type: "resume", budget: this.name, waited: nowSeconds() - started });
    }
  }
  settle(headers?: RatelimitHeaders): void {
    this.limiter.settle(headers);
  }
  exhausted(headers: RatelimitHeaders): number | undefined {
    const wait = this.limiter.exhausted(headers);
    this.emit({
      type: "refused",
      budget: this.name,
      reset: wait === undefined ? undefined : this.limiter.reset,
    });
    return wait;
  }
}

/** The budgets of one client, made on first use. */
export class Budgets {
  readonly #made = new Map<BudgetName, Budget>();
  constructor(private readonly make: (name: BudgetName) => Budget) {}

  for(method: string, path: string): Budget {
    return this.get(budgetOf(method, path));
  }

  get(name: BudgetName): Budget {
    let budget = this.#made.get(name);
    if (budget === undefined) {
      budget = this.make(name);
      this.#made.set(name, budget);
    }
    return budget;
  }

  /** The general budget: what ratelimitRemaining and the other attributes report. */
  get general(): Budget {
    return this.get("general");
  }
}
