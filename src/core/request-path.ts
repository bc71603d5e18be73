/**
 * The request path: the HTTP core (http.ts), the transport it sends through and the rate-limit
 * budgets it spends. A client loads it on its first request (see client.ts), so that what a page
 * loads at start holds only the constructor and the methods; every later request calls it directly.
 */
import type { MastodonStore } from "../stores/types.js";
import { type Budget, Budgets, emitter, LocalBudget, type RatelimitListener } from "./budgets.js";
import { HttpClient, type HttpConfig } from "./http.js";
import { RateLimiter, type RatelimitMethod, type RatelimitWindow } from "./ratelimit.js";
import { storeBudgets } from "./store-budget.js";
import { buildTransport } from "./transport.js";
import type { TransportChoice } from "./transport-choice.js";

/** What the budgets are made of: the options the constructor checked. */
export type BudgetSettings = {
  method: RatelimitMethod;
  pacefactor: number;
  onRatelimit: RatelimitListener | undefined;
  /** What the client's rate-limit attributes showed of the general budget before it was made. */
  firstLook: () => RatelimitWindow | undefined;
} & ({ store: undefined } | { store: MastodonStore; keyFor: () => string });

/** What the constructor settled: the HTTP core's configuration, with the transport and budgets still to make. */
export interface RequestPathSettings extends Omit<HttpConfig, "transport" | "limiter"> {
  transport: TransportChoice;
  budgets: BudgetSettings;
}

/** The HTTP core of one client. */
export function startRequestPath({ transport, budgets, ...settings }: RequestPathSettings): HttpClient {
  return new HttpClient({
    ...settings,
    transport: buildTransport(transport, settings.fetch),
    limiter: makeBudgets(budgets),
  });
}

/** One budget per server budget (general, media, deletions), shared through `ratelimit_store` if given. */
function makeBudgets(settings: BudgetSettings): Budgets {
  const { method, pacefactor } = settings;
  const emit = emitter(settings.onRatelimit);
  const limiter = (name: string) =>
    new RateLimiter(method, pacefactor, name === "general" ? settings.firstLook() : undefined);
  if (settings.store === undefined) return new Budgets((name) => new LocalBudget(name, limiter(name), emit));
  const shared = storeBudgets({
    store: settings.store,
    keyFor: settings.keyFor,
    emit,
    warnWithoutListener: settings.onRatelimit === undefined,
  });
  return new Budgets((name): Budget => shared(name, limiter(name)));
}
