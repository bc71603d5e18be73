/**
 * What carries one request to the server and its answer back: undici's `dispatch()` on Node's
 * global dispatcher (the default on Node, see node-transport.ts), or the `fetch` function (the
 * default everywhere else; the `transport` option chooses). The HTTP core (http.ts)
 * does everything else itself, the same way for both: timeouts, retries, redirects, the size cap
 * and the mapping of failures to error classes.
 */
import type { AttemptSignal } from "./attempt-signal.js";
import type { FetchLike } from "./http.js";
import type { Hop } from "./redirects.js";
import { discard, type Exchange, readBodyText } from "./response-body.js";
import type { TransportChoice } from "./transport-choice.js";

/** Reads one header by name, in any case; several values come joined by ", " (as `Headers.get` does). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** An answer's status and headers, whichever transport carried it (a fetch `Response` is one). */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderReader;
  /** fetch only: "opaqueredirect" where the runtime hides a redirect's target (browsers). */
  readonly type?: string;
  /** fetch only: whether the fetch function followed a redirect by itself. */
  readonly redirected?: boolean;
  /** fetch only: the address the answer finally came from. */
  readonly url?: string;
}

/** One way of sending requests. Redirects are never followed here: the core decides on them. */
export interface Transport<A extends Answer = Answer> {
  /** Sends one request; resolves once the status and headers have arrived. Aborted with `signal`. */
  send(hop: Hop, signal: AttemptSignal): Promise<A>;
  /**
   * The whole body as text (UTF-8), refused with MastodonResponseTooLargeError past
   * `exchange.maxBytes`; throws BodyBrokeOff when the connection fails part-way.
   */
  text(answer: A, exchange: Exchange): Promise<string>;
  /** Lets go of a body that will not be read, so the connection is not held open. */
  discard(answer: A): void;
}

/** Requests through a fetch function, with `redirect: "manual"` so that 3xx answers come back as they are. */
export function fetchTransport(fetch: FetchLike): Transport<Response> {
  return {
    send(hop, signal) {
      const init: RequestInit = {
        method: hop.method,
        headers: hop.headers,
        signal: signal.standard(),
        redirect: "manual",
      };
      if (hop.body !== undefined) init.body = hop.body;
      return fetch(hop.url, init);
    },
    text: readBodyText,
    discard,
  };
}

/** Builds the transport of a choice the constructor made (see transport-choice.ts). */
export function buildTransport(choice: TransportChoice, fetch: FetchLike): Transport {
  const viaFetch = fetchTransport(fetch);
  const { wanted, custom } = choice;
  // "auto" stays on fetch where it would never leave it: a fetch of the user's, or not Node.
  if (wanted === "fetch" || (wanted === "auto" && (custom || !isNode()))) return viaFetch;
  return new LazyTransport(() =>
    import("./node-transport.js").then((module) => module.nodeTransport(choice, viaFetch)),
  );
}

/** Node.js itself (Deno and Bun also have `process.versions.node`, and fast fetch functions of their own). */
function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process;
  const versions = process?.versions;
  return typeof versions?.node === "string" && versions.bun === undefined && versions.deno === undefined;
}

/** A transport loaded on first use (undici is imported only when a request is about to go). */
class LazyTransport implements Transport {
  #loaded: Transport | undefined;
  #loading: Promise<Transport> | undefined;

  constructor(private readonly load: () => Promise<Transport>) {}

  send(hop: Hop, signal: AttemptSignal): Promise<Answer> {
    if (this.#loaded) return this.#loaded.send(hop, signal);
    this.#loading ??= this.load().then(
      (transport) => {
        this.#loaded = transport;
        return transport;
      },
      (error: unknown) => {
        // Not kept: a later request tries again (the dispatcher may exist by then).
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading.then((transport) => transport.send(hop, signal));
  }

  // Only ever called with an answer from send(), so the transport is loaded by then.
  text(answer: Answer, exchange: Exchange): Promise<string> {
    return this.#loaded!.text(answer, exchange);
  }

  discard(answer: Answer): void {
    this.#loaded!.discard(answer);
  }
}
