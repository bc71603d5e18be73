/**
 * Which transport the options ask for, decided (and conflicting options refused) in the
 * constructor. What carries the requests is built from this choice when the request path loads,
 * on the first request (see transport.ts), so that the constructor needs none of that code.
 */
import { MastodonIllegalArgumentError } from "./errors.js";
import type { FetchLike } from "./http.js";
import { oneOf } from "./option-checks.js";

/** The `transport` option's values (see MastodonOptions.transport). */
export type TransportName = "fetch" | "undici" | "auto";

/** The options that choose the transport. */
export interface TransportOptions {
  transport?: TransportName | undefined;
  dispatcher?: object | undefined;
  fetch?: FetchLike | undefined;
}

/** The transport the options ask for: which one, the dispatcher, and whether `fetch` is the user's. */
export interface TransportChoice {
  wanted: TransportName;
  dispatcher: object | undefined;
  custom: boolean;
}

const TRANSPORTS: readonly TransportName[] = ["fetch", "undici", "auto"];

/**
 * Reads the transport options. Conflicting ones (a custom fetch with transport "undici", a
 * dispatcher with transport "fetch") throw MastodonIllegalArgumentError here, in the constructor.
 */
export function transportChoice(options: TransportOptions): TransportChoice {
  const { transport, dispatcher } = options;
  const named = oneOf(transport, TRANSPORTS, "auto", "transport");
  if (dispatcher !== undefined && (dispatcher === null || typeof dispatcher !== "object")) {
    throw new MastodonIllegalArgumentError(
      "dispatcher must be an undici Dispatcher (an Agent, Pool, ProxyAgent, MockAgent, ...).",
    );
  }
  const custom = options.fetch !== undefined;
  if (dispatcher !== undefined && (transport === "fetch" || custom)) {
    throw new MastodonIllegalArgumentError(
      `dispatcher is used by the undici transport, not by ${custom ? "a custom fetch" : 'transport "fetch"'}. ` +
        "Leave out fetch and transport to send requests through undici with this dispatcher.",
    );
  }
  if (transport === "undici" && custom) {
    throw new MastodonIllegalArgumentError(
      'transport "undici" does not use the fetch option; pass one or the other.',
    );
  }
  return { wanted: dispatcher !== undefined ? "undici" : named, dispatcher, custom };
}
