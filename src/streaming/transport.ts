/**
 * What the two transports (SSE over fetch, WebSocket) have in common: how they are opened, what they
 * report, and how a failed connection is classified so that the reconnect loop knows what to do.
 */
import { MastodonMalformedEventError } from "../core/errors.js";
import type { FetchLike } from "../core/http.js";
import { ssePath } from "./stream-addresses.js";
import type { CheckedSubscription } from "./stream-names.js";
import type { WebSocketConstructor } from "./websocket-impl.js";

/** Everything a transport needs to connect. */
export interface ConnectContext {
  /** The streaming server's base URL, http(s) form ("https://streaming.example"). */
  baseUrl: string;
  subscriptions: readonly CheckedSubscription[];
  token: string | undefined;
  /** Send the token as ?access_token= instead of in a header (only when the user asked). */
  tokenInQuery: boolean;
  userAgent: string;
  fetch: FetchLike;
  /** Set for the WebSocket transport. */
  WebSocket?: WebSocketConstructor | undefined;
  /** Aborting it cancels a connection attempt that is still under way. */
  signal: AbortSignal;
  /** The largest SSE event or WebSocket message accepted, in bytes; larger ones are skipped and reported. */
  maxEventBytes: number;
}

/** What a transport reports while open. */
export interface TransportEvents {
  /** An event as the server sent it; `data` is decoded by ./events.ts. */
  message(name: string, data: unknown, stream: readonly string[]): void;
  /** A heartbeat: an SSE comment, a WebSocket ping or pong, an answered probe. */
  heartbeat(): void;
  /** Bytes arrived (perhaps only part of an event): the connection lives. */
  alive(): void;
  /** A problem the connection survives (a malformed message, a refused subscription). */
  problem(error: Error): void;
  /** The connection is gone (not called after close()). */
  closed(error: Error): void;
}

/** An open connection. */
export interface Transport {
  readonly kind: "sse" | "websocket";
  /** Adds a subscription on the open connection. */
  subscribe(subscription: CheckedSubscription): void;
  unsubscribe(subscription: CheckedSubscription): void;
  /**
   * Asks the server for a sign of life, where the transport can: a ping frame with `ws`, a probe
   * message on a standard WebSocket (see `probing`). Undefined on SSE, where the server sends heartbeats.
   */
  readonly ping: (() => void) | undefined;
  /**
   * True when `ping` sends an application-level probe that only some servers answer (a standard
   * WebSocket hides ping frames); `probeAnswered` then tells whether this server answered one.
   */
  readonly probing: boolean;
  readonly probeAnswered: boolean;
  close(): void;
}

/** Why a connection attempt failed, and so what to try next. */
export type FailureKind =
  /** Retrying cannot help (refused token, unknown list): stop and tell the listener. */
  | "fatal"
  /** The server could not be reached at this address: try the next candidate address. */
  | "unreachable"
  /** The server does not speak this transport here (e.g. no WebSocket): try the other one. */
  | "unsupported"
  /** Anything else (5xx, dropped connection): wait and try again. */
  | "retry";

export class ConnectFailure extends Error {
  constructor(
    readonly error: Error,
    readonly kind: FailureKind,
  ) {
    super(error.message, { cause: error });
  }
}

/** The problem reported for an event or message over the size cap (it is skipped, never buffered whole). */
export function oversizedEvent(what: string, limit: number, size?: number): MastodonMalformedEventError {
  const arrived = size === undefined ? "" : ` (${size} bytes when it was cut off)`;
  return new MastodonMalformedEventError(
    `The streaming server sent ${what} larger than ${limit} bytes${arrived}; it was skipped. ` +
      "Raise the stream option max_event_bytes if events this large are expected.",
  );
}

/** Appends the opt-in query-string token to a URL. */
export function withQueryToken(url: string, context: ConnectContext): string {
  if (!context.tokenInQuery || context.token === undefined) return url;
  return `${url}${url.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(context.token)}`;
}

/** The SSE request of one subscription: its URL and headers, the token where the user wants it. */
export function sseRequest(
  context: ConnectContext,
  subscription: CheckedSubscription,
): { url: string; headers: Record<string, string> } {
  const url = withQueryToken(context.baseUrl + ssePath(subscription), context);
  const headers: Record<string, string> = {
    Accept: "text/event-stream",
    "Cache-Control": "no-cache",
    "User-Agent": context.userAgent,
  };
  if (context.token !== undefined && !context.tokenInQuery) headers.Authorization = `Bearer ${context.token}`;
  return { url, headers };
}

/** The stream parts of a subscription, as Mastodon names them on WebSocket events. */
export function streamParts(subscription: CheckedSubscription): readonly string[] {
  if (subscription.tag !== undefined) return [subscription.stream, subscription.tag];
  if (subscription.list !== undefined) return [subscription.stream, subscription.list];
  return [subscription.stream];
}
