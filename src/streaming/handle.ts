/**
 * A running stream: the connect / watch / reconnect loop, event delivery (listener and `for await`),
 * dead-connection detection and backfill. Returned by every stream method.
 */
import type { Internal } from "../api/internal.js";
import { MastodonMalformedEventError, MastodonReadTimeout } from "../core/errors.js";
import { backoffSeconds, type RetryPolicy } from "../core/retry.js";
import { sleep } from "../core/sleep.js";
import { type MastodonStore, MastodonStoreDataError } from "../stores/types.js";
import type { BackfillRun, BackfillTracker } from "./backfill.js";
import type { ClientSettings } from "./client-access.js";
import type { Checkpoints, Lease } from "./durable.js";
import { EventQueue } from "./event-queue.js";
import { type BackfillGap, decodeEvent, type StreamEvent } from "./events.js";
import { asError, dispatchEvent, notify, type StreamListener } from "./listener.js";
import { type SilenceWatch, watchSilence } from "./silence-watch.js";
import {
  type CheckedSubscription,
  checkSubscription,
  type StreamSubscription,
  streamKey,
} from "./stream-names.js";
import { streamingBases } from "./stream-url.js";
import {
  type ConnectContext,
  ConnectFailure,
  streamParts,
  type Transport,
  type TransportEvents,
} from "./transport.js";
import { findWebSocket, type WebSocketConstructor } from "./websocket-impl.js";

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

/** The lease was lost: not a failure of the connection, so no backoff and no onDisconnect. */
class LeaseLost extends Error {}

/** What a stream method hands to the handle. */
export interface StreamSetup {
  method: string;
  since: string;
  changed: string;
  internal: Internal;
  client: () => ClientSettings;
  subscriptions: readonly CheckedSubscription[];
  listener: StreamListener | undefined;
  options: StreamOptions;
}

const DEFAULT_TIMEOUT = 60;
const DEFAULT_WAIT = 5;
const DEFAULT_MAX_WAIT = 60;
const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
/** Tries per source when backfill requests fail, before the gap is reported. */
const BACKFILL_ATTEMPTS = 3;

/** A running stream. Close it when done (or use `await using`). */
export class StreamHandle implements AsyncIterable<StreamEvent> {
  readonly #setup: StreamSetup;
  readonly #listener: StreamListener | undefined;
  readonly #subscriptions = new Map<string, CheckedSubscription>();
  readonly #queues = new Set<EventQueue<StreamEvent>>();
  readonly #stop = new AbortController();
  /** With `backfill`: what was delivered, per stream (set when the loop starts, before any connection). */
  #tracker: BackfillTracker | undefined;
  /** With `backfill`: its code, loaded when the loop starts (apps without backfill never load it). */
  #backfillCode: typeof import("./backfill.js") | undefined;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;
  #rejectDone!: (error: Error) => void;
  #closed = false;
  #finished = false;
  #transport: Transport | undefined;
  #lose: ((error: Error) => void) | undefined;
  #watch: SilenceWatch | undefined;
  /** A probe was answered on some connection of this stream: silence detection can trust probes. */
  #probeAnsweredEver = false;
  /** A standard WebSocket's probes went unanswered: silence cannot be told from a quiet stream. */
  #probesIgnored = false;
  /** Set by the first sign of life of a connection (which may come before connect() returns). */
  #receiving = false;
  /** Live events held from a disconnect until backfill has delivered what was missed. */
  #buffer: StreamEvent[] | undefined;
  #preferredBase: string | undefined;
  #kind: "websocket" | "sse" | undefined;
  #WebSocket: WebSocketConstructor | undefined;
  /** A WebSocket of this stream has opened: the server takes WebSockets. */
  #webSocketOpened = false;
  #error: Error | undefined;
  #checkpoints: Checkpoints | undefined;
  #lease: Lease | undefined;
  /** The next connection reads the checkpoints first (the first one, and each after a lease was regained). */
  #restore = true;

  /** @internal Created by the stream methods (streamUser, ...). */
  constructor(setup: StreamSetup) {
    this.#setup = setup;
    this.#listener = setup.listener;
    for (const subscription of setup.subscriptions) this.#subscriptions.set(subscription.key, subscription);
    this.#done = new Promise<void>((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // Whoever does not wait on `done` must not get an unhandled rejection from it.
    this.#done.catch(() => undefined);
    void this.#run();
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
    this.#lease?.release();
    this.#stop.abort();
    this.#transport?.close();
    this.#lose?.(new Error("closed"));
  }

  /** Resolves when the checkpoint of every item the listener has finished is saved (with `checkpoint`). */
  async flush(): Promise<void> {
    await this.#checkpoints?.flushed();
  }

  /** True until the stream stops for good (including while it waits to reconnect). */
  isAlive(): boolean {
    return !this.#finished;
  }

  /** True while connected (not while waiting to reconnect). */
  isReceiving(): boolean {
    return this.#receiving && !this.#closed;
  }

  /** Adds a stream to this connection (a WebSocket subscribe message; another response on SSE). */
  subscribe(subscription: StreamSubscription): void {
    const checked = checkSubscription("subscribe", subscription);
    if (this.#subscriptions.has(checked.key)) return;
    this.#subscriptions.set(checked.key, checked);
    this.#transport?.subscribe(checked);
  }

  /** Removes a stream from this connection. */
  unsubscribe(subscription: StreamSubscription): void {
    const checked = checkSubscription("unsubscribe", subscription);
    if (!this.#subscriptions.delete(checked.key)) return;
    this.#transport?.unsubscribe(checked);
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

  // --- the loop ---

  async #run(): Promise<void> {
    const { internal, method, since, changed, options } = this.#setup;
    try {
      await internal.checkVersion(method, since, changed);
      if (options.backfill === true) {
        this.#backfillCode = await import("./backfill.js");
        this.#tracker = new this.#backfillCode.BackfillTracker();
      }
    } catch (error) {
      this.#finish(asError(error));
      return;
    }
    // The core's equal-jitter backoff; a stream retries for as long as it is open.
    const policy: RetryPolicy = {
      maxRetries: Number.POSITIVE_INFINITY,
      baseDelay: options.reconnect_async_wait_sec ?? DEFAULT_WAIT,
      maxDelay: options.reconnect_max_wait_sec ?? DEFAULT_MAX_WAIT,
    };
    let attempt = 0;
    let connectedBefore = false;
    let outageStart: number | undefined;
    let attemptsInOutage = 0;
    while (!this.#closed) {
      let resume = false;
      try {
        resume = await this.#prepareDurable();
      } catch (error) {
        if (this.#closed) break;
        if (error instanceof MastodonStoreDataError) {
          this.#finish(error);
          return;
        }
        this.#report(asError(error));
        try {
          await sleep(backoffSeconds(policy, attempt++), this.#stop.signal);
        } catch {
          break;
        }
        continue;
      }
      if (resume && this.#tracker !== undefined) this.#buffer ??= [];
      // After a disconnect, live events are held until backfill has delivered what was missed: one
      // delivered first would move the cursor (the newest id seen before the disconnect) past the
      // whole outage. Live events can arrive with the response headers, before connect() returns.
      if (connectedBefore && this.#tracker !== undefined) this.#buffer ??= [];
      let lost: Error;
      try {
        const lostPromise = new Promise<Error>((resolve) => {
          this.#lose = resolve;
        });
        const transport = await this.#connect();
        if (this.#closed) {
          transport.close();
          break;
        }
        const openedAt = Date.now();
        this.#transport = transport;
        this.#receiving = true;
        this.#watch = this.#watchSilence(transport);
        if (outageStart !== undefined && connectedBefore) {
          const info = { attempts: attemptsInOutage, downtime: openedAt - outageStart };
          notify(this.#report, this.#listener, "onReconnect", info);
        }
        const wasOutage = outageStart !== undefined && connectedBefore;
        outageStart = undefined;
        attemptsInOutage = 0;
        const first = !connectedBefore;
        connectedBefore = true;
        if (first && this.#tracker !== undefined) await this.#seed(this.#tracker);
        if ((wasOutage || resume) && this.#tracker !== undefined) await this.#backfill(this.#tracker);
        lost = await lostPromise;
        this.#watch?.stop();
        this.#watch = undefined;
        if (transport.probeAnswered) this.#probeAnsweredEver = true;
        this.#transport = undefined;
        this.#receiving = false;
        transport.close();
        if (this.#closed) break;
        // A connection that stayed up a while resets the backoff; one dropped at once does not.
        if (Date.now() - openedAt >= policy.baseDelay * 1000) attempt = 0;
      } catch (failure) {
        if (this.#closed) break;
        const f = failure instanceof ConnectFailure ? failure : new ConnectFailure(asError(failure), "retry");
        if (f.kind === "fatal") {
          this.#finish(f.error);
          return;
        }
        lost = f.error;
        // Until a first connection works, each failure is reported: a wrong address must not go unnoticed.
        if (!connectedBefore) this.#report(lost);
      } finally {
        this.#lose = undefined;
      }
      // Another process holds the stream now: wait for the lease again (#prepareDurable), at once.
      if (lost instanceof LeaseLost) continue;
      if (options.reconnect_async === false) {
        this.#finish(lost);
        return;
      }
      if (outageStart === undefined) {
        outageStart = Date.now();
        if (connectedBefore) notify(this.#report, this.#listener, "onDisconnect", lost);
      }
      attemptsInOutage++;
      try {
        await sleep(backoffSeconds(policy, attempt++), this.#stop.signal);
      } catch {
        break;
      }
    }
    this.#finish(undefined);
  }

  /** Opens a transport, trying each candidate address; throws ConnectFailure. */
  async #connect(): Promise<Transport> {
    const { options, internal } = this.#setup;
    const settings = this.#setup.client();
    const bases = await streamingBases(internal, {
      override: options.streaming_base_url,
      allowHttp: settings.allowHttp,
    });
    if (this.#preferredBase !== undefined && bases.includes(this.#preferredBase)) {
      bases.sort((a, b) => Number(b === this.#preferredBase) - Number(a === this.#preferredBase));
    }
    await this.#chooseTransport();
    let last: ConnectFailure | undefined;
    for (let i = 0; i < bases.length; i++) {
      const baseUrl = bases[i] as string;
      try {
        const transport = await this.#connectTo(baseUrl, settings);
        this.#preferredBase = baseUrl;
        if (transport.kind === "websocket") this.#webSocketOpened = true;
        return transport;
      } catch (failure) {
        if (!(failure instanceof ConnectFailure)) throw failure;
        last = failure;
        if (
          failure.kind === "unsupported" &&
          this.#kind === "websocket" &&
          (options.transport ?? "auto") === "auto" &&
          // A server whose WebSocket worked before takes WebSockets: a standard WebSocket's failure
          // (which says nothing) while SSE works is then a passing one, not a reason to switch.
          !this.#webSocketOpened
        ) {
          // The server does not upgrade to WebSocket here: use SSE from now on, at the same address.
          this.#kind = "sse";
          i--;
          continue;
        }
        if (failure.kind !== "unreachable") throw failure;
      }
    }
    throw last ?? new ConnectFailure(new Error("no streaming address to try"), "retry");
  }

  async #chooseTransport(): Promise<void> {
    if (this.#kind !== undefined) return;
    const wanted = this.#setup.options.transport ?? "auto";
    if (wanted === "sse") {
      this.#kind = "sse";
      return;
    }
    this.#WebSocket = await findWebSocket(this.#setup.options.websocket);
    if (this.#WebSocket !== undefined) {
      this.#kind = "websocket";
      return;
    }
    if (wanted === "websocket") {
      throw new ConnectFailure(
        new Error(
          'transport: "websocket" needs a WebSocket implementation: this runtime has no global WebSocket; ' +
            "install the `ws` package, or pass one as the `websocket` option.",
        ),
        "fatal",
      );
    }
    this.#kind = "sse";
  }

  async #connectTo(baseUrl: string, settings: ClientSettings): Promise<Transport> {
    const timeoutSeconds = this.#setup.options.timeout ?? DEFAULT_TIMEOUT;
    const attempt = new AbortController();
    const onStop = () => attempt.abort(new Error("closed"));
    this.#stop.signal.addEventListener("abort", onStop, { once: true });
    const timer = setTimeout(
      () =>
        attempt.abort(
          new MastodonReadTimeout(
            `The streaming server did not answer within ${timeoutSeconds} s (timeout).`,
          ),
        ),
      timeoutSeconds * 1000,
    );
    const context: ConnectContext = {
      baseUrl,
      subscriptions: [...this.#subscriptions.values()],
      token: settings.token,
      tokenInQuery: this.#setup.options.access_token_in_query === true,
      userAgent: settings.userAgent,
      fetch: settings.fetch,
      signal: attempt.signal,
      maxEventBytes: this.#setup.options.max_event_bytes ?? DEFAULT_MAX_EVENT_BYTES,
    };
    if (this.#WebSocket !== undefined) context.WebSocket = this.#WebSocket;
    try {
      // Each transport is loaded when first used: a page that never streams, or streams over one
      // transport only, does not load the other's code (a chunk of its own in a split bundle).
      const connect =
        this.#kind === "websocket"
          ? (await import("./websocket-transport.js")).connectWebSocket
          : (await import("./sse-transport.js")).connectSse;
      return await connect(context, this.#events(attempt));
    } finally {
      clearTimeout(timer);
      // Once open, close() reaches the transport directly; a listener per attempt would pile up.
      this.#stop.signal.removeEventListener("abort", onStop);
    }
  }

  /** The transport's reports, routed into this handle; `connection` is aborted when it is lost. */
  #events(connection: AbortController): TransportEvents {
    return {
      message: (name, data, stream) => {
        this.#watch?.alive();
        this.#receiving = true;
        let event: StreamEvent;
        try {
          event = decodeEvent(name, data, stream);
        } catch (error) {
          event = { event: "malformed", name, error: error as MastodonMalformedEventError, stream };
        }
        if (this.#buffer !== undefined) this.#buffer.push(event);
        else this.#deliver(event);
      },
      heartbeat: () => {
        this.#watch?.alive();
        notify(this.#report, this.#listener, "handleHeartbeat");
      },
      alive: () => this.#watch?.alive(),
      problem: (error) => {
        this.#watch?.alive();
        if (error instanceof MastodonMalformedEventError)
          this.#deliver({ event: "malformed", name: "", error, stream: [] });
        else this.#report(error);
      },
      closed: (error) => {
        this.#receiving = false;
        connection.abort(error);
        this.#lose?.(error);
      },
    };
  }

  /** Replaces the connection after `timeout` seconds without a sign of life. */
  #watchSilence(transport: Transport): SilenceWatch | undefined {
    if (transport.probing && this.#probesIgnored) return undefined;
    const seconds = this.#setup.options.timeout ?? DEFAULT_TIMEOUT;
    return watchSilence(transport, seconds * 1000, () => {
      let message = `No data and no heartbeat from the streaming server for ${seconds} s (timeout).`;
      if (transport.probing && !transport.probeAnswered && !this.#probeAnsweredEver) {
        // Dead, or alive but ignoring probes with nothing to send: the two look alike from here.
        this.#probesIgnored = true;
        message +=
          " It answered no probe either, so on this standard WebSocket silence can no longer be told " +
          "from a quiet stream: from now on only a closed socket counts as a lost connection.";
      }
      transport.close();
      this.#lose?.(new MastodonReadTimeout(message));
    });
  }

  /** Gives streams that have delivered nothing yet a backfill starting point (the first connection). */
  async #seed(tracker: BackfillTracker): Promise<void> {
    try {
      for (const subscription of this.#subscriptions.values()) {
        await this.#backfillCode!.seedCursors(this.#setup.internal, subscription, tracker);
      }
      // A bot that stops before its first event still reads on from here when it starts again.
      await this.#checkpoints?.saveStart(this.#subscriptions.values(), tracker);
    } catch (error) {
      if (!this.#closed) this.#report(asError(error));
    }
  }

  /**
   * Delivers the statuses and notifications missed during the outage, oldest first, source by source,
   * then the live events held meanwhile (those backfill delivered already are dropped as duplicates).
   */
  async #backfill(tracker: BackfillTracker): Promise<void> {
    this.#buffer ??= [];
    const { options, internal } = this.#setup;
    const run: BackfillRun = {
      internal,
      tracker,
      limit: options.backfill_limit,
      deliver: (event) => this.#deliver(event),
    };
    try {
      for (const subscription of this.#subscriptions.values()) {
        for (const source of this.#backfillCode!.backfillSources(subscription)) {
          const gap = await this.#backfillWithRetries(run, subscription, source);
          if (this.#closed) return;
          if (gap !== undefined) {
            this.#deliver({ event: "backfill_incomplete", payload: gap, stream: streamParts(subscription) });
          }
        }
      }
    } finally {
      const held = this.#buffer;
      this.#buffer = undefined;
      for (const event of held) this.#deliver(event);
    }
  }

  async #backfillWithRetries(
    run: BackfillRun,
    subscription: CheckedSubscription,
    source: ReturnType<typeof import("./backfill.js").backfillSources>[number],
  ): Promise<BackfillGap | undefined> {
    const counted = { delivered: 0 };
    const wait = this.#setup.options.reconnect_async_wait_sec ?? DEFAULT_WAIT;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#backfillCode!.backfillSource(run, subscription, source, counted);
      } catch (failure) {
        if (this.#closed) return undefined;
        const error = asError(failure);
        if (attempt >= BACKFILL_ATTEMPTS) {
          this.#report(error);
          const after = run.tracker.newest(subscription, source.kind) ?? "";
          return { kind: source.kind, reason: "error", after, delivered: counted.delivered, error };
        }
        try {
          await sleep(wait * attempt, this.#stop.signal);
        } catch {
          return undefined;
        }
      }
    }
  }

  #deliver(event: StreamEvent): void {
    if (this.#closed) return;
    // Lease lost (or not confirmed in time): another process delivers from the checkpoint on.
    if (this.#lease !== undefined && !this.#lease.valid()) return;
    if (this.#tracker?.isDuplicate(event)) return;
    let finished: (() => void) | undefined;
    if (this.#checkpoints !== undefined && (event.event === "update" || event.event === "notification")) {
      const id = (event.payload as { id?: unknown }).id;
      if (typeof id === "string")
        finished = this.#checkpoints.delivered(streamKey(event.stream), event.event, id);
    }
    const handled =
      this.#listener === undefined ? undefined : dispatchEvent(this.#listener, event, this.#report);
    if (finished !== undefined) {
      if (handled === undefined) finished();
      else void handled.then(finished, finished);
    }
    for (const queue of this.#queues) queue.push(event);
  }

  /**
   * With `checkpoint`: learns whose stream this is (once), waits for the lease with `exclusive`, and
   * reads the saved checkpoints before the first connection and after a lease was regained. Returns
   * true when the connection must backfill from them.
   */
  async #prepareDurable(): Promise<boolean> {
    const { options, internal } = this.#setup;
    const store = options.checkpoint;
    if (store === undefined || this.#tracker === undefined) return false;
    if (this.#checkpoints === undefined) {
      // Loaded here, on the first connect with `checkpoint`: apps without it never load this code.
      const durable = await import("./durable.js");
      const owner = await durable.streamOwnerKey(internal);
      const checkpoints = new durable.Checkpoints(store, owner, this.#report);
      if (options.exclusive === true) {
        const keys = [...this.#subscriptions.keys()].sort().join(",");
        const ms = (options.lease_seconds ?? durable.DEFAULT_LEASE_SECONDS) * 1000;
        this.#lease = new durable.Lease(
          store,
          `stream:${owner}|${keys}`,
          ms,
          () => this.#leaseLost(),
          this.#report,
        );
      }
      this.#checkpoints = checkpoints;
    }
    if (this.#lease !== undefined && !this.#lease.valid()) {
      await this.#lease.acquire(this.#stop.signal);
      if (this.#closed) return false;
      this.#restore = true;
      notify(this.#report, this.#listener, "onLeaseChange", true);
    }
    if (!this.#restore) return false;
    this.#restore = false;
    return await this.#checkpoints.restore(this.#subscriptions.values(), this.#tracker);
  }

  #leaseLost(): void {
    if (this.#closed) return;
    this.#buffer = undefined;
    notify(this.#report, this.#listener, "onLeaseChange", false);
    this.#transport?.close();
    this.#lose?.(new LeaseLost("the exclusive lease went to another process"));
  }

  /** A problem the stream survives: onError, else onAbort, else nowhere (the stream goes on). */
  readonly #report = (error: Error): void => {
    const listener = this.#listener;
    try {
      if (listener?.onError) listener.onError(error);
      else if (listener?.onAbort) listener.onAbort(error);
    } catch {
      // An error handler that throws has nobody left to tell.
    }
  };

  #finish(error: Error | undefined): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#transport?.close();
    this.#transport = undefined;
    this.#receiving = false;
    this.#stop.abort();
    if (error !== undefined && !this.#closed) {
      this.#error = error;
      if (this.#listener?.onAbort) {
        notify(() => undefined, this.#listener, "onAbort", error);
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
