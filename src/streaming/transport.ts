/**
 * What the two transports (SSE over fetch, WebSocket) have in common: how they are opened, what they
 * report, and how a failed connection is classified so that the reconnect loop knows what to do.
 */
import type { FetchLike } from "../core/http.js";
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
}

/** What a transport reports while open. */
export interface TransportEvents {
  /** An event as the server sent it; `data` is decoded by ./events.ts. */
  message(name: string, data: unknown, stream: readonly string[]): void;
  /** A sign of life that is not an event (SSE comment, WebSocket ping or pong). */
  heartbeat(): void;
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
  /** Asks the server for a sign of life, where the transport can (WebSocket with `ws`). */
  readonly ping: (() => void) | undefined;
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

/** Appends the opt-in query-string token to a URL. */
export function withQueryToken(url: string, context: ConnectContext): string {
  if (!context.tokenInQuery || context.token === undefined) return url;
  return `${url}${url.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(context.token)}`;
}

/** The stream parts of a subscription, as Mastodon names them on WebSocket events. */
export function streamParts(subscription: CheckedSubscription): readonly string[] {
  if (subscription.tag !== undefined) return [subscription.stream, subscription.tag];
  if (subscription.list !== undefined) return [subscription.stream, subscription.list];
  return [subscription.stream];
}
