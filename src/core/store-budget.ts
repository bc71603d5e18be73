/**
 * The budget a client uses with `ratelimit_store`: it loads the shared-budget code (./shared-budget.ts)
 * on first use, so that clients without a store (most apps, every browser page) never load it.
 * The load starts when the client's budgets are made (with its request path, on the first request),
 * and that request waits for it. Until it is there, the budget is this process's own (as a shared
 * budget is while its store does not answer).
 */
import type { MastodonStore } from "../stores/types.js";
import { type Budget, type BudgetName, LocalBudget, type RatelimitListener } from "./budgets.js";
import type { RateLimiter, RatelimitHeaders, RatelimitMethod } from "./ratelimit.js";
import type { SharedBudgetContext } from "./shared-budget.js";

/** What the shared budgets of one client are made from, once the code is loaded. */
export interface StoreBudgetSettings {
  store: MastodonStore;
  keyFor: () => string;
  emit: RatelimitListener;
  warnWithoutListener: boolean;
}

/** Makes the budgets of one client that share through a store; loads the shared-budget code now. */
export function storeBudgets(
  settings: StoreBudgetSettings,
): (name: BudgetName, local: RateLimiter) => Budget {
  const loading = import("./shared-budget.js").then((module) => ({
    module,
    context: new module.SharedBudgetContext(
      settings.store,
      settings.keyFor,
      settings.emit,
      settings.warnWithoutListener,
    ),
  }));
  // A failed load surfaces on the first request (acquire); here it must not be an unhandled rejection.
  loading.catch(() => {});
  return (name, local) => new StoreBudget(name, new LocalBudget(name, local, settings.emit), loading);
}

type Loaded = { module: typeof import("./shared-budget.js"); context: SharedBudgetContext };

class StoreBudget implements Budget {
  #shared: Budget | undefined;

  constructor(
    readonly name: BudgetName,
    private readonly local: LocalBudget,
    loading: Promise<Loaded>,
  ) {
    this.#ready = loading.then(({ module, context }) => {
      this.#shared = new module.SharedBudget(name, context, local.limiter);
    });
    this.#ready.catch(() => {});
  }
  readonly #ready: Promise<void>;

  get #current(): Budget {
    return this.#shared ?? this.local;
  }
  get method(): RatelimitMethod {
    return this.local.method;
  }
  get pacefactor(): number {
    return this.local.pacefactor;
  }
  get limit(): number {
    return this.#current.limit;
  }
  get remaining(): number {
    return this.#current.remaining;
  }
  get reset(): number {
    return this.#current.reset;
  }
  get lastcall(): number {
    return this.#current.lastcall;
  }
  /** Every request asks the store, which takes a promise. */
  tryAcquire(): boolean {
    return false;
  }
  async acquire(signal?: AbortSignal): Promise<void> {
    if (this.#shared === undefined) await this.#ready;
    return this.#shared!.acquire(signal);
  }
  settle(headers?: RatelimitHeaders): void {
    this.#current.settle(headers);
  }
  exhausted(headers: RatelimitHeaders): number | undefined {
    return this.#current.exhausted(headers);
  }
}
