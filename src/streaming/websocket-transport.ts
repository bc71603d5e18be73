/**
 * The WebSocket transport: one connection to /api/v1/streaming carrying every subscription, each
 * started with Mastodon's {"type":"subscribe","stream":...} message. The access token travels in the
 * Sec-WebSocket-Protocol header (as Mastodon's web app sends it), never in the URL unless asked.
 */
import { describeUrl, errorDetail } from "../core/error-factory.js";
import {
  MastodonAPIError,
  MastodonMalformedEventError,
  MastodonNetworkError,
  MastodonUnauthorizedError,
} from "../core/errors.js";
import { quoteServer } from "../core/printable.js";
import { redact } from "../core/redact.js";
import { asError } from "./dispatch.js";
import { describeData, type Secrets, serverText } from "./events.js";
import { subscribeMessage } from "./stream-addresses.js";
import type { CheckedSubscription } from "./stream-names.js";
import {
  type ConnectContext,
  ConnectFailure,
  type FailureKind,
  oversizedEvent,
  type Transport,
  type TransportEvents,
  withQueryToken,
} from "./transport.js";
import type { WebSocketLike } from "./websocket-impl.js";

const OPEN = 1;

/** The WebSocket URL of a streaming base URL: https -> wss, http -> ws. */
export function webSocketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/i, "ws")}/api/v1/streaming`;
}

/** Opens the socket and sends the subscriptions; resolves once it is open. */
export function connectWebSocket(context: ConnectContext, events: TransportEvents): Promise<Transport> {
  const Implementation = context.WebSocket;
  if (Implementation === undefined) throw new Error("connectWebSocket needs a WebSocket implementation");
  const url = withQueryToken(webSocketUrl(context.baseUrl), context);
  const protocols = context.token !== undefined && !context.tokenInQuery ? [context.token] : [];
  return new Promise<Transport>((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new Implementation(url, protocols, {
        headers: { "User-Agent": context.userAgent },
        maxPayload: context.maxEventBytes,
      });
    } catch (cause) {
      reject(new ConnectFailure(failure(url, cause, context.token), "unreachable"));
      return;
    }
    const transport = new WebSocketTransport(socket, events, context.maxEventBytes, [context.token]);
    let lastError: unknown;
    let settled = false;
    /** The attempt failed before `open`: give up on this socket and say why, once. */
    const fail = (failed: ConnectFailure) => {
      if (settled) return;
      settled = true;
      context.signal.removeEventListener("abort", onAbort);
      transport.close();
      reject(failed);
    };
    /**
     * The attempt failed before `open`. `ws` says why (the refused upgrade's status is in its error);
     * a standard WebSocket does not, so the server is asked over HTTP (./websocket-refusal.ts).
     */
    const failBeforeOpen = (error: unknown) => {
      const known = new ConnectFailure(failure(url, error, context.token), classify(error));
      if (settled || refusedStatus(error) !== undefined || typeof socket.on === "function") {
        fail(known);
        return;
      }
      settled = true;
      context.signal.removeEventListener("abort", onAbort);
      transport.close();
      import("./websocket-refusal.js")
        .then(({ explainRefusal }) => explainRefusal(context, url, known.error))
        .then(reject, () => reject(known));
    };
    const onAbort = () =>
      // A connect timeout: this address does not answer, so the next candidate address is tried.
      fail(new ConnectFailure(asError(context.signal.reason), "unreachable"));
    context.signal.addEventListener("abort", onAbort, { once: true });
    transport.listen({
      open: () => {
        if (settled) return;
        settled = true;
        context.signal.removeEventListener("abort", onAbort);
        transport.opened = true;
        for (const subscription of context.subscriptions) transport.subscribe(subscription);
        resolve(transport);
      },
      error: (error) => {
        lastError = error;
        if (transport.opened) {
          if (isOversized(error))
            events.problem(oversizedEvent("a WebSocket message", context.maxEventBytes));
          return;
        }
        // A standard WebSocket that fails before `open` fires `error` and may never fire `close`:
        // waiting for it would wait out the whole connect timeout, so the attempt ends here.
        failBeforeOpen(error);
      },
      close: (code, reason) => {
        context.signal.removeEventListener("abort", onAbort);
        if (transport.closedByUs) return;
        if (!transport.opened) {
          failBeforeOpen(lastError);
          return;
        }
        events.closed(
          new MastodonNetworkError(
            `The WebSocket to the streaming server at ${describeUrl(url)} closed (code ${code}${reason ? `: ${quoteServer(redact(reason, [context.token]))}` : ""}).`,
          ),
        );
      },
    });
  });
}

interface SocketHandlers {
  open(): void;
  error(error: unknown): void;
  close(code: number, reason: string): void;
}

class WebSocketTransport implements Transport {
  readonly kind = "websocket";
  opened = false;
  closedByUs = false;
  readonly #subscribed = new Set<string>();

  /** Probes sent and not answered yet (standard WebSocket only). */
  #probesPending = 0;
  probeAnswered = false;

  constructor(
    private readonly socket: WebSocketLike,
    private readonly events: TransportEvents,
    private readonly maxMessageBytes: number,
    /** Masked in messages that quote the server (the token, should the server echo it). */
    private readonly secrets: Secrets,
  ) {}

  /** Wires the socket's events, Node-style for `ws` (cheaper per message), else the standard way. */
  listen(handlers: SocketHandlers): void {
    const { socket } = this;
    if (typeof socket.on === "function") {
      const on = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => void) => unknown;
      on("open", () => handlers.open());
      on("message", (data) => this.#message(decode(data)));
      on("ping", () => this.events.heartbeat());
      on("pong", () => this.events.heartbeat());
      on("error", (error) => handlers.error(error));
      on("close", (code, reason) => handlers.close(Number(code), String(reason ?? "")));
      return;
    }
    const add = socket.addEventListener?.bind(socket) as
      | ((type: string, listener: (event: Record<string, unknown>) => void) => void)
      | undefined;
    if (add === undefined)
      throw new Error("The WebSocket implementation has neither on() nor addEventListener().");
    add("open", () => handlers.open());
    add("message", (event) => {
      // Read once: on undici's WebSocket (Node 22+'s global) `data` is a getter with a brand check.
      const data = event.data;
      this.#message(typeof data === "string" ? data : decode(data));
    });
    add("error", (event) => handlers.error(event.error ?? event.message ?? event));
    add("close", (event) => handlers.close(Number(event.code), String(event.reason ?? "")));
  }

  /** A standard WebSocket hides ping frames: the server is asked with a probe message instead. */
  get probing(): boolean {
    return typeof this.socket.ping !== "function";
  }

  get ping(): () => void {
    const { socket } = this;
    if (typeof socket.ping === "function") {
      return () => {
        if (socket.readyState === OPEN) socket.ping?.();
      };
    }
    return () => {
      if (socket.readyState !== OPEN) return;
      this.#probesPending++;
      socket.send(PROBE);
    };
  }

  subscribe(subscription: CheckedSubscription): void {
    if (this.#subscribed.has(subscription.key)) return;
    this.#subscribed.add(subscription.key);
    if (this.opened && this.socket.readyState === OPEN)
      this.socket.send(subscribeMessage("subscribe", subscription));
  }

  unsubscribe(subscription: CheckedSubscription): void {
    if (!this.#subscribed.delete(subscription.key)) return;
    if (this.socket.readyState === OPEN) this.socket.send(subscribeMessage("unsubscribe", subscription));
  }

  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    // terminate() (ws) drops a dead connection at once instead of waiting for a closing handshake.
    if (typeof this.socket.terminate === "function") this.socket.terminate();
    else this.socket.close(1000);
  }

  #message(text: string): void {
    if (text.length > this.maxMessageBytes / 3) {
      // Only a standard WebSocket gets here with a message over the cap (`ws` refuses it while it
      // arrives): it is dropped before parsing. Its size in bytes is counted only when it may be over.
      const size = utf8Length(text);
      if (size > this.maxMessageBytes) {
        this.events.problem(oversizedEvent("a WebSocket message", this.maxMessageBytes, size));
        return;
      }
    }
    let message: { stream?: unknown; event?: unknown; payload?: unknown; error?: unknown; status?: unknown };
    try {
      message = JSON.parse(text);
    } catch (cause) {
      this.events.problem(
        new MastodonMalformedEventError(
          `The streaming server sent a WebSocket message that is not JSON (${describeData(text, this.secrets)}).`,
          { cause },
        ),
      );
      return;
    }
    if (message === null || typeof message !== "object") {
      this.events.problem(
        new MastodonMalformedEventError(
          "The streaming server sent a WebSocket message that is not an object.",
        ),
      );
      return;
    }
    if (typeof message.event === "string") {
      const stream = Array.isArray(message.stream) ? (message.stream as string[]) : [];
      this.events.message(message.event, message.payload, stream);
      return;
    }
    if (message.error !== undefined) {
      const said = redact(serverText(message.error), this.secrets);
      if (this.#probesPending > 0 && /\btag\b/i.test(said)) {
        // The answer to a probe: the server is alive.
        this.#probesPending--;
        this.probeAnswered = true;
        this.events.heartbeat();
        return;
      }
      // Mastodon answers a refused subscription (a missing tag, an unknown list) this way.
      const status = typeof message.status === "number" ? message.status : undefined;
      this.events.problem(
        new MastodonAPIError(`The streaming server refused a subscription: ${quoteServer(said)}`, {
          status,
          error: said,
        }),
      );
      return;
    }
    this.events.problem(
      new MastodonMalformedEventError("The streaming server sent a WebSocket message without an event name."),
    );
  }
}

/**
 * What a standard WebSocket sends to ask the server for a sign of life. Mastodon's streaming server
 * sends no application-level heartbeat over WebSocket and its ping frames are hidden from a standard
 * WebSocket, but it answers a hashtag subscription without a tag at once with an error
 * ({"error":"Missing tag name parameter","status":400}) and changes nothing. Servers that ignore the
 * message (GoToSocial) answer nothing: see the handle's silence detection for what follows.
 */
const PROBE = JSON.stringify({ type: "subscribe", stream: "hashtag" });

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** `ws` refused a message over maxPayload (it then closes the connection with 1009). */
function isOversized(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
}

function decode(data: unknown): string {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return utf8.decode(data as ArrayBuffer);
  if (Array.isArray(data)) return data.map(decode).join("");
  return String(data);
}

/** The HTTP status `ws` reports when the server refused the upgrade ("Unexpected server response: 401"). */
function refusedStatus(error: unknown): number | undefined {
  const match = /Unexpected server response: (\d{3})/.exec(
    error instanceof Error ? error.message : String(error ?? ""),
  );
  return match ? Number(match[1]) : undefined;
}

function classify(error: unknown): FailureKind {
  const status = refusedStatus(error);
  if (status === undefined) return "unreachable";
  if (status === 401 || status === 403) return "fatal";
  // The address answers HTTP but does not upgrade: no WebSocket streaming here.
  if (status === 400 || status === 404 || status === 405 || status === 426) return "unsupported";
  return "retry";
}

function failure(url: string, cause: unknown, token: string | undefined): Error {
  const status = refusedStatus(cause);
  const detail = errorDetail(cause, [token]);
  const message =
    status === 401
      ? `The streaming server at ${describeUrl(url)} refused the access token (401). Log in again, or check the token's read scope.`
      : `Could not open a WebSocket to the streaming server at ${describeUrl(url)}${detail ? ` (${detail})` : ""}.`;
  if (status === 401) return new MastodonUnauthorizedError(message, { status, cause });
  if (status !== undefined) return new MastodonAPIError(message, { status, cause });
  return new MastodonNetworkError(message, { cause });
}
