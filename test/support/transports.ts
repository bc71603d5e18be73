// Runs the HTTP core's tests once per transport (fetch, and undici's dispatch(), the default on
// Node), so that both are held to the same behaviour: each file wraps its describe blocks in
// forEachTransport and spreads `via.options` into every client it makes.
import { describe } from "node:test";
import type { MastodonOptions } from "../../src/index.js";

/** One transport the tests run over. */
export interface TransportCase {
  /** "fetch" or "undici", for test names and for the few tests only one transport has. */
  name: "fetch" | "undici";
  /** What selects it; spread into every client's options. */
  options: MastodonOptions;
}

export const TRANSPORT_CASES: readonly TransportCase[] = [
  { name: "fetch", options: { transport: "fetch" } },
  { name: "undici", options: { transport: "undici" } },
];

/** A describe block per transport, named after it, around the same tests. */
export function forEachTransport(body: (via: TransportCase) => void): void {
  for (const via of TRANSPORT_CASES) describe(`over ${via.name}`, () => body(via));
}

/**
 * Options that count the requests a client sends, even those that never reach a server (a closed
 * port): a wrapping fetch, or for undici a dispatcher that counts what it dispatches.
 */
export async function countingOptions(
  via: TransportCase,
): Promise<{ options: MastodonOptions; calls: () => number }> {
  let calls = 0;
  if (via.name === "fetch") {
    const fetch = (input: string, init: RequestInit) => {
      calls++;
      return globalThis.fetch(input, init);
    };
    return { options: { fetch }, calls: () => calls };
  }
  const { Agent } = await import("undici");
  const agent = new Agent();
  // Counts each request as it is dispatched (connected or not), then lets the agent send it.
  const dispatch = agent.dispatch.bind(agent);
  agent.dispatch = (options, handler) => {
    calls++;
    return dispatch(options, handler);
  };
  return { options: { dispatcher: agent }, calls: () => calls };
}
