/**
 * A running stream, as its user holds it: `done`, close(), subscribe(), the listener and
 * `for await`. Returned at once by every stream method. What runs the stream (connecting,
 * reconnecting, transports, delivery, backfill, checkpoints) is ./engine.ts, which the client hands
 * over (`streamEngine()`) when the first stream starts: an app pays for it when it streams, not at
 * start, and each client decides which of the engine's parts it offers.
 */
import { INTERNAL, type MethodHost } from "../api/internal.js";
import { MastodonError } from "../core/errors.js";
import type { MastodonStore } from "../stores/types.js";
import type { StreamHost } from "./engine.js";
import { EventQueue } from "./event-queue.js";
import type { StreamEvent } from "./events.js";
import type { StreamListener } from "./listener.js";
import { type CheckedSubscription, checkSubscription, type StreamSubscription } from "./stream-names.js";
import type { StreamRunner } from "./stream-parts.js";
import type { WebSocketConstructor } from "./websocket-impl.js";

/** The transports: "auto" (WebSocket when an implementation is available, else SSE), or one of them. */
export type StreamTransport = "auto" | "websocket" | "sse";

/** The options every stream method takes (Mastodon.py's, plus what mastodon-ts adds). */
export interface StreamOptions {
  /**
   * Accepted for code ported from Mastodon.py; has no effect: streams always run in the background.
   * `await handle.done` waits as run_async: false did.
   */
  run_async?: boolean | undefined;
  /**
   * Seconds without any sign of life (a byte of an event, a heartbeat, a pong) after which the
   * connection is taken for dead and replaced, within a few milliseconds of that moment. Halfway,
   * the server is asked for a sign of life: a ping with `ws`; on a standard WebSocket, which hides
   * pings, a probe message that Mastodon answers at once. A server that answers no probe (GoToSocial)
   * cannot be told from a dead one there: after the first such silence, detection is off for that
   * stream and only the socket's own close counts. Also the connect timeout. Default 60 (Mastodon
   * sends an SSE heartbeat every 15 to 30 s; Mastodon.py's read timeout is 300).
   */
  timeout?: number | undefined;
  /** Reconnect after the connection is lost. Default true (Mastodon.py's default is false). */
  reconnect_async?: boolean | undefined;
  /** Seconds before the first reconnect attempt; later ones back off exponentially. Default 5. */
  reconnect_async_wait_sec?: number | undefined;
  /** The longest wait between reconnect attempts, in seconds. Default 60. */
  reconnect_max_wait_sec?: number | undefined;
  /** "auto" (default), "websocket" or "sse". */
  transport?: StreamTransport | undefined;
  /**
   * A WebSocket constructor to use instead of the global one or the `ws` package: e.g. `ws`'s on
   * Node 22+, which (unlike the standard one) sends the client's user_agent and reports a refused
   * connection's HTTP status. A standard WebSocket's failure before it opens says nothing, so one SSE
   * request of the same stream asks why: a refused token (401, 403) stops the stream, an event stream
   * means the server does not take WebSockets (transport "auto" goes on over SSE).
   */
  websocket?: WebSocketConstructor | undefined;
  /**
   * After a reconnect, fetch the statuses and notifications missed while disconnected over REST and
   * deliver them (marked `backfilled`, oldest first) before live events. Default false.
   */
  backfill?: boolean | undefined;
  /**
   * With `backfill`, the most statuses (and, separately, notifications) delivered per stream after
   * one reconnect. Default: no limit, the whole outage. When the limit stops backfill, a
   * `backfill_incomplete` event (listener: onBackfillIncomplete) says from which id the rest can be
   * read; mentions past the limit are delivered anyway.
   */
  backfill_limit?: number | undefined;
  /**
   * The largest SSE event or WebSocket message accepted, in bytes. A larger one is skipped (with `ws`,
   * refused while it arrives, which closes the connection) and reported as MastodonMalformedEventError;
   * it is never buffered whole. Default 1 MiB (Mastodon's largest events are a few tens of KB).
   */
  max_event_bytes?: number | undefined;
  /** Send the token in the URL (?access_token=) for servers that need it. Default false: a header. */
  access_token_in_query?: boolean | undefined;
  /** The streaming server's address, instead of the one the server advertises. */
  streaming_base_url?: string | undefined;
  /**
   * A store (memoryStore(), fileStore(path), redisStore() from "mastodon-ts/redis") that keeps the
   * newest status and notification ids the listener has finished handling (saved once its callback's
   * promise settles). On start, backfill reads on from there: a bot that was down answers what it
   * missed, once. Needs `backfill: true` and a listener.
   */
  checkpoint?: MastodonStore | undefined;
  /**
   * With `checkpoint`: only one process of a fleet consumes this stream for this account. It holds a
   * lease in the store and renews it; when it dies, another takes over within `lease_seconds` and
   * reads on from the checkpoint. A process that loses its lease stops delivering at once.
   */
  exclusive?: boolean | undefined;
  /** The lease's length with `exclusive`, in seconds. Default 15. */
  lease_seconds?: number | undefined;
}

/** What a stream method hands to the handle. */
export interface StreamSetup {
  method: string;
  since: string;
  changed: string;
  /**
   * The client: its [INTERNAL] (version check, requests), and the fetch, token and settings each
   * connection reads (see ./client-access.ts).
   */
  api: MethodHost;
  subscriptions: readonly CheckedSubscription[];
  listener: StreamListener | undefined;
  options: StreamOptions;
}

/** A running stream. Close it when done (or use `await using`). */
export class StreamHandle implements AsyncIterable<StreamEvent> {
  readonly #setup: StreamSetup;
  readonly #subscriptions = new Map<string, CheckedSubscription>();
  readonly #queues = new Set<EventQueue<StreamEvent>>();
  /** What runs the stream, once its code has loaded and the server's version is checked. */
  #engine: StreamRunner | undefined;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;
  #rejectDone!: (error: Error) => void;
  #closed = false;
  #finished = false;
  #error: Error | undefined;

  /** @internal Created by the stream methods (streamUser, ...). */
  constructor(setup: StreamSetup) {
    this.#setup = setup;
    for (const subscription of setup.subscriptions) this.#subscriptions.set(subscription.key, subscription);
    this.#done = new Promise<void>((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // Whoever does not wait on `done` must not get an unhandled rejection from it.
    this.#done.catch(() => undefined);
    const host: StreamHost = {
      setup,
      subscriptions: this.#subscriptions,
      queues: this.#queues,
      finish: (error) => this.#finish(error),
    };
    // Both start at once, the server's version check (as before the engine was split off) and the
    // engine's code; a failed load stops the stream as any fatal error does (onAbort, `done`).
    const internal = setup.api[INTERNAL];
    const engine =
      internal.streamEngine?.() ??
      Promise.reject(
        new MastodonError(
          `${setup.method}() needs a client that streams: the Mastodon class, or a client of mastodon-ts/light passed to its streamUser.`,
        ),
      );
    Promise.all([engine, internal.checkVersion(setup.method, setup.since, setup.changed)]).then(
      ([makeEngine]) => {
        if (this.#closed) return this.#finish(undefined);
        this.#engine = makeEngine(host);
        void this.#engine.run();
      },
      (error: unknown) => this.#finish(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** Resolves when the stream has stopped: after close(), or rejects with what stopped it for good. */
  get done(): Promise<void> {
    return this.#done;
  }

  /** What stopped the stream for good (refused token, reconnect_async: false), if anything. */
  get error(): Error | undefined {
    return this.#error;
  }

  /** Stops the stream: no more events, no reconnects. The listener's onAbort is not called. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#engine?.close();
  }

  /** Resolves when the checkpoint of every item the listener has finished is saved (with `checkpoint`). */
  async flush(): Promise<void> {
    await this.#engine?.flush();
  }

  /** True until the stream stops for good (including while it waits to reconnect). */
  isAlive(): boolean {
    return !this.#finished;
  }

  /** True while connected (not while waiting to reconnect). */
  isReceiving(): boolean {
    return this.#engine?.receiving === true;
  }

  /** Adds a stream to this connection (a WebSocket subscribe message; another response on SSE). */
  subscribe(subscription: StreamSubscription): void {
    const checked = checkSubscription("subscribe", subscription);
    if (this.#subscriptions.has(checked.key)) return;
    this.#subscriptions.set(checked.key, checked);
    this.#engine?.subscribe(checked);
  }

  /** Removes a stream from this connection. */
  unsubscribe(subscription: StreamSubscription): void {
    const checked = checkSubscription("unsubscribe", subscription);
    if (!this.#subscriptions.delete(checked.key)) return;
    this.#engine?.unsubscribe(checked);
  }

  /** The streams this handle is subscribed to. */
  get subscriptions(): StreamSubscription[] {
    return [...this.#subscriptions.values()].map(({ stream, tag, list }) => {
      if (tag !== undefined) return { stream, tag } as StreamSubscription;
      if (list !== undefined) return { stream, list } as StreamSubscription;
      return { stream } as StreamSubscription;
    });
  }

  /** Events as they arrive; leaving the loop closes the stream. */
  [Symbol.asyncIterator](): AsyncIterableIterator<StreamEvent> {
    const queue: EventQueue<StreamEvent> = new EventQueue(() => {
      this.#queues.delete(queue);
      this.close();
    });
    if (this.#finished) queue.end(this.#error);
    else this.#queues.add(queue);
    return queue;
  }

  /** `await using stream = api.streamUser(listener)` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.#done.catch(() => undefined);
  }

  /** Stops for good (the engine has closed its connection): settles `done`, ends the loops. */
  #finish(error: Error | undefined): void {
    if (this.#finished) return;
    this.#finished = true;
    if (error !== undefined && !this.#closed) {
      this.#error = error;
      const listener = this.#setup.listener;
      if (listener?.onAbort) {
        try {
          // Called as a method; a promise it returns may reject: nobody is left to tell.
          const result: unknown = listener.onAbort(error);
          if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function")
            (result as PromiseLike<unknown>).then(undefined, () => undefined);
        } catch {
          // An abort handler that throws has nobody left to tell.
        }
      } else if (this.#queues.size === 0) {
        // Nobody would hear of it otherwise, and a stream that stops silently is the worst failure.
        console.error(`mastodon-ts: ${this.#setup.method}() stopped: ${error.message}`);
      }
    }
    for (const queue of this.#queues) queue.end(this.#closed ? undefined : error);
    this.#queues.clear();
    if (error !== undefined && !this.#closed) this.#rejectDone(error);
    else this.#resolveDone();
  }
}
