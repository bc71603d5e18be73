/**
 * The transports that run on undici's `dispatch()` (Node.js), loaded on the first request: on the
 * user's dispatcher, or on the global one that Node's own fetch uses, found here. No package needs
 * installing: Node carries undici inside, and `setGlobalDispatcher()` from the undici package (a
 * proxy, a MockAgent) changes what both fetch and this transport use, as it does for fetch alone.
 */
import { MastodonIllegalArgumentError } from "./errors.js";
import type { Answer, Transport } from "./transport.js";
import type { TransportChoice } from "./transport-choice.js";
import { type Dispatcher, isDispatched, undiciTransport } from "./undici-transport.js";

/** Where undici (the package, and Node's own copy behind fetch) keeps the global dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

function currentGlobalDispatcher(): Dispatcher | undefined {
  const found = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  return found !== null && typeof found === "object" && typeof (found as Dispatcher).dispatch === "function"
    ? (found as Dispatcher)
    : undefined;
}

let checkedFetch: unknown;
let checkedIsNodes = false;

/**
 * Whether `fetch` is the one Node.js started with, rather than a replacement (a request mock such
 * as msw or nock, a spy in a test, an instrumented wrapper). Node's own fetch loads its undici with
 * `require('internal/deps/undici/undici')`, which no code outside Node can run, so its source text
 * tells it apart. Should a later Node word it otherwise, this says no, and requests go through
 * fetch: slower, never wrong.
 */
export function isNodesOwnFetch(fetch: unknown): boolean {
  if (fetch !== checkedFetch) {
    checkedFetch = fetch;
    checkedIsNodes =
      typeof fetch === "function" &&
      Function.prototype.toString.call(fetch).includes("internal/deps/undici/undici");
  }
  return checkedIsNodes;
}

/**
 * The global dispatcher. Node makes it on its first fetch, so when there is none yet, fetching a
 * `data:` URL (no connection, no request) has Node make it.
 */
async function globalDispatcher(): Promise<Dispatcher | undefined> {
  const found = currentGlobalDispatcher();
  if (found) return found;
  const fetch = globalThis.fetch;
  if (!isNodesOwnFetch(fetch)) return undefined;
  await fetch("data:,").catch(() => undefined);
  return currentGlobalDispatcher();
}

/**
 * The transport of a choice that wants undici (`transport` "undici" or "auto", or a `dispatcher`).
 * "auto" decides at each request: straight to the global dispatcher while `globalThis.fetch` is
 * Node's own and Node has made its dispatcher (its first fetch does, so a process's first request
 * goes through fetch), and through `viaFetch` otherwise: whenever fetch has been replaced, so that
 * request mocks and spies on fetch see every request, as they would with transport "fetch"; and for
 * uploads, whose FormData fetch streams with its length where dispatch() would need it read first.
 */
export async function nodeTransport(choice: TransportChoice, viaFetch: Transport): Promise<Transport> {
  const { dispatcher } = choice;
  if (dispatcher !== undefined) return undiciTransport(() => dispatcher as Dispatcher);
  if (choice.wanted === "undici") {
    const initial = await globalDispatcher();
    if (initial === undefined) {
      throw new MastodonIllegalArgumentError(
        'transport "undici" found no undici dispatcher: this runtime is not Node.js, or its fetch has been ' +
          'replaced. Pass one as the dispatcher option (an Agent from the undici package), or use transport "fetch".',
      );
    }
    // Read at every request, as Node's fetch reads it: setGlobalDispatcher() may change it at any time.
    return undiciTransport(() => currentGlobalDispatcher() ?? initial);
  }
  // The dispatcher each request goes to, chosen as it is sent (undiciTransport reads it at once).
  let chosen: Dispatcher | undefined;
  const viaDispatch = undiciTransport(() => chosen!);
  return {
    send(hop, signal) {
      const direct =
        (hop.body === undefined || typeof hop.body === "string") && isNodesOwnFetch(globalThis.fetch);
      chosen = direct ? currentGlobalDispatcher() : undefined;
      return chosen ? viaDispatch.send(hop, signal) : viaFetch.send(hop, signal);
    },
    text: (answer: Answer, exchange) =>
      isDispatched(answer) ? viaDispatch.text(answer, exchange) : viaFetch.text(answer, exchange),
    discard: (answer: Answer) =>
      isDispatched(answer) ? viaDispatch.discard(answer) : viaFetch.discard(answer),
  };
}
