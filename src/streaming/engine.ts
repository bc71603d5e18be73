/**
 * What runs a stream behind its handle: the connect / watch / reconnect loop, transport choice,
 * event delivery (listener and `for await` queues), dead-connection detection; backfill and
 * checkpoints are ./recovery.ts, which the loop calls at fixed points. Loaded when the first stream
 * starts (by the client's `streamEngine()`: see ./full-engine.ts), so that an app pays for this code
 * in its first stream, not at start. Its transports, backfill and checkpoints come from the client's
 * StreamParts (./stream-parts.ts), each loaded when a stream first needs it; a client may leave some out.
 */
import { INTERNAL, type Internal } from "../api/internal.js";
import {
  MastodonIllegalArgumentError,
  MastodonMalformedEventError,
  MastodonNetworkError,
  MastodonReadTimeout,
} from "../core/errors.js";
import { backoffSeconds, type RetryPolicy } from "../core/retry.js";
import { sleep, timerDelay } from "../core/sleep.js";
import { type ClientSettings, clientSettings } from "./client-access.js";
import { asError, dispatchEvent, notify } from "./dispatch.js";
import type { EventQueue } from "./event-queue.js";
import { decodeEvent, type StreamEvent } from "./events.js";
import type { StreamSetup } from "./handle.js";
import type { StreamListener } from "./listener.js";
import type { StreamRecovery } from "./recovery.js";
import { type SilenceWatch, watchSilence } from "./silence-watch.js";
import type { CheckedSubscription } from "./stream-names.js";
import type { StreamParts, StreamRunner } from "./stream-parts.js";
import { streamingBases } from "./stream-url.js";
import { type ConnectContext, ConnectFailure, type Transport, type TransportEvents } from "./transport.js";
import { findWebSocket, type WebSocketConstructor } from "./websocket-impl.js";

/** What a handle shares with its engine: the handle owns these, the engine reads and fills them. */
export interface StreamHost {
  readonly setup: StreamSetup;
  /** The streams subscribed to, by key: subscribe() and unsubscribe() on the handle change it. */
  readonly subscriptions: Map<string, CheckedSubscription>;
  /** The `for await` loops reading the stream. */
  readonly queues: Set<EventQueue<StreamEvent>>;
  /** Stops the handle for good: `done`, the loops, onAbort (or the console) for `error`. */
  finish(error: Error | undefined): void;
}

const DEFAULT_TIMEOUT = 60;
const DEFAULT_WAIT = 5;
const DEFAULT_MAX_WAIT = 60;
const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

/** The running part of a StreamHandle, created once its code has loaded and the version is checked. */
export class StreamEngine implements StreamRunner {
  readonly #host: StreamHost;
  readonly #parts: StreamParts;
  readonly #setup: StreamSetup;
  /** The client's internal access: the streaming address, backfill's requests, whose account this is. */
  readonly #internal: Internal;
  readonly #listener: StreamListener | undefined;
  readonly #subscriptions: Map<string, CheckedSubscription>;
  readonly #queues: Set<EventQueue<StreamEvent>>;
  readonly #stop = new AbortController();
  /**
   * With `backfill`: what was delivered, what was missed, checkpoints and the lease (set when the
   * loop starts, before any connection; its code is loaded then: streams without backfill never load it).
   */
  #recovery: StreamRecovery | undefined;
  #closed = false;
  #transport: Transport | undefined;
  #lose: ((error: Error) => void) | undefined;
  #watch: SilenceWatch | undefined;
  /** A probe was answered on some connection of this stream: silence detection can trust probes. */
  #probeAnsweredEver = false;
  /** A standard WebSocket's probes went unanswered: silence cannot be told from a quiet stream. */
  #probesIgnored = false;
  /** Set by the first sign of life of a connection (which may come before connect() returns). */
  #receiving = false;
  #preferredBase: string | undefined;
  #kind: "websocket" | "sse" | undefined;
  #WebSocket: WebSocketConstructor | undefined;
  /** A WebSocket of this stream has opened: the server takes WebSockets. */
  #webSocketOpened = false;

  constructor(host: StreamHost, parts: StreamParts) {
    this.#host = host;
    this.#parts = parts;
    this.#setup = host.setup;
    this.#internal = host.setup.api[INTERNAL];
    this.#listener = host.setup.listener;
    this.#subscriptions = host.subscriptions;
    this.#queues = host.queues;
  }

  /** Connected (or at least one sign of life of the connection being opened) and not closed. */
  get receiving(): boolean {
    return this.#receiving && !this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#recovery?.close();
    this.#stop.abort();
    this.#transport?.close();
    this.#lose?.(new Error("closed"));
  }

  async flush(): Promise<void> {
    await this.#recovery?.flush();
  }

  subscribe(subscription: CheckedSubscription): void {
    this.#transport?.subscribe(subscription);
  }

  unsubscribe(subscription: CheckedSubscription): void {
    this.#transport?.unsubscribe(subscription);
  }

  // --- the loop ---

  /** Runs the stream until it is closed or stops for good (the server's version is checked already). */
  async run(): Promise<void> {
    const { options } = this.#setup;
    try {
      if (options.backfill === true) this.#recovery = await this.#startRecovery();
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
        resume = (await this.#recovery?.prepare()) === true;
      } catch (error) {
        if (this.#closed) break;
        if (this.#recovery?.isFatal(error)) {
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
      // close() may have come while the lease or the checkpoints were being read.
      if (this.#closed) break;
      // After a disconnect (or to resume from checkpoints), live events are held until backfill has
      // delivered what was missed.
      if (resume || connectedBefore) this.#recovery?.hold();
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
        await this.#recovery?.connected(first, wasOutage || resume);
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
      // Another process holds the stream now: wait for the lease again (recovery's prepare), at once.
      if (this.#recovery?.isLeaseLoss(lost)) continue;
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
    const { options } = this.#setup;
    const settings = clientSettings(this.#setup.api);
    const bases = await streamingBases(this.#internal, {
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
          // A client without SSE (createFetchClient) has nothing to switch to: retrying cannot help.
          if (this.#parts.sse === undefined) throw new ConnectFailure(withoutSse(failure.error), "fatal");
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
    if (this.#parts.sse === undefined) {
      throw new ConnectFailure(
        withoutSse(
          new Error(
            "This runtime has no WebSocket: install the `ws` package, or pass one as the `websocket` option.",
          ),
        ),
        "fatal",
      );
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
      timerDelay(timeoutSeconds * 1000),
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
          ? (await this.#parts.webSocket()).connectWebSocket
          : (await (this.#parts.sse ?? missingPart("SSE"))()).connectSse;
      return await connect(context, this.#events(attempt, [settings.token]));
    } finally {
      clearTimeout(timer);
      // Once open, close() reaches the transport directly; a listener per attempt would pile up.
      this.#stop.signal.removeEventListener("abort", onStop);
    }
  }

  /**
   * The transport's reports, routed into this stream; `connection` is aborted when it is lost.
   * `secrets` (the token) are masked in the messages about bad events, should a server echo them.
   */
  #events(connection: AbortController, secrets: readonly (string | undefined)[]): TransportEvents {
    return {
      message: (name, data, stream) => {
        this.#watch?.alive();
        this.#receiving = true;
        let event: StreamEvent;
        try {
          event = decodeEvent(name, data, stream, secrets);
        } catch (error) {
          event = { event: "malformed", name, error: malformed(error), stream };
        }
        if (this.#recovery?.held(event) !== true) this.#deliver(event);
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

  #deliver(event: StreamEvent): void {
    if (this.#closed) return;
    const finished = this.#recovery?.admit(event);
    if (finished === false) return;
    const handled =
      this.#listener === undefined ? undefined : dispatchEvent(this.#listener, event, this.#report);
    if (finished !== undefined) {
      if (handled === undefined) finished();
      else void handled.then(finished, finished);
    }
    for (const queue of this.#queues) queue.push(event);
  }

  /** With `backfill`: loads its code (the client's `backfill` part) and starts its record. */
  async #startRecovery(): Promise<StreamRecovery> {
    const { StreamRecovery } = await (this.#parts.backfill ?? missingPart("backfill"))();
    const durable = this.#parts.durable;
    return new StreamRecovery({
      setup: this.#setup,
      internal: this.#internal,
      subscriptions: this.#subscriptions,
      stopped: this.#stop.signal,
      retryWait: this.#setup.options.reconnect_async_wait_sec ?? DEFAULT_WAIT,
      durable: durable ?? (() => missingPart("checkpoint")),
      deliver: (event) => this.#deliver(event),
      report: this.#report,
      drop: (reason) => {
        this.#transport?.close();
        this.#lose?.(reason);
      },
    });
  }

  /** A problem the stream survives: onError, else onAbort, else nowhere (the stream goes on). */
  readonly #report = (error: Error): void => {
    const name = this.#listener?.onError ? "onError" : "onAbort";
    // Called as any callback is (a method, its throw or rejection caught), but a failing error
    // handler has nobody left to tell: the sink drops it.
    notify(() => undefined, this.#listener, name, error);
  };

  /**
   * Stops for good: the connection first, then the handle (done, the loops, onAbort). run() calls it
   * once, as it ends; the handle keeps whether the stream has finished.
   */
  #finish(error: Error | undefined): void {
    this.#transport?.close();
    this.#transport = undefined;
    this.#receiving = false;
    // A stream stopped by an error holds its lease no longer (nor one taken as close() came).
    this.#recovery?.close();
    this.#stop.abort();
    this.#host.finish(error);
  }
}

/** A part this client's streams do not offer; the stream methods refuse the options that need one first. */
function missingPart(what: string): never {
  throw new MastodonIllegalArgumentError(
    `This client's streams have no ${what}: use createClient() or the Mastodon class for it.`,
  );
}

/** What decoding an event threw, as the malformed event's error (it throws nothing else, by design). */
function malformed(error: unknown): MastodonMalformedEventError {
  if (error instanceof MastodonMalformedEventError) return error;
  return new MastodonMalformedEventError(`An event could not be decoded (${asError(error).message}).`, {
    cause: error,
  });
}

/** A WebSocket failure on a client that cannot fall back to SSE: the error, with what to do instead. */
function withoutSse(error: Error): Error {
  return new MastodonNetworkError(
    `${error.message} This client streams over WebSocket only; createClient() or the Mastodon class can stream over SSE.`,
    { cause: error },
  );
}
