/**
 * Mastodon's streaming over one WebSocket at /api/v1/streaming: the token is checked at the upgrade
 * (401 with an `X-Error-Message` header when missing or invalid), then streams (up to MAX_SUBSCRIPTIONS
 * at once) come and go with `{"type":"subscribe","stream":"hashtag","tag":"cats"}` and `unsubscribe`
 * messages (or the `stream` query parameter at connection). Events go out as
 * `{"stream":[...],"event":...,"payload":...}` with the payload a JSON string; a refused subscription
 * answers `{"error":...,"status":...}`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { SandboxContext } from "./context.js";
import {
  resolveStream,
  type StreamCaller,
  StreamError,
  type StreamParams,
  streamCaller,
} from "./stream-channels.js";
import type { StreamHub } from "./stream-hub.js";
import { streamTiming } from "./stream-timing.js";
import {
  acceptWebSocket,
  handshakeProblem,
  refuseUpgrade,
  type WebSocketConnection,
} from "./websocket-server.js";

const CLOSE_GOING_AWAY = 1001;
/**
 * Streams one connection may hold at once. Mastodon sets none, but each one is memory kept for as long
 * as the connection lasts, named by the client (any tag): without a cap one connection could subscribe
 * to made-up tags until the sandbox runs out of memory. Real clients hold a handful.
 */
export const MAX_SUBSCRIPTIONS = 100;

/** Takes an HTTP upgrade request: checks the handshake and the token, then runs the session. */
export function handleUpgrade(
  ctx: SandboxContext,
  hub: StreamHub,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  socket.on("error", () => socket.destroy());
  try {
    upgrade(ctx, hub, req, socket, head);
  } catch (error) {
    // Thrown from the server's upgrade event, it would take the process down.
    process.emitWarning(`sandbox: a WebSocket upgrade failed: ${(error as Error)?.stack ?? String(error)}`);
    if (socket.writable) refuseUpgrade(socket, 500, { "X-Error-Message": "An unexpected error occurred" });
  }
}

function upgrade(
  ctx: SandboxContext,
  hub: StreamHub,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://sandbox.invalid");
  } catch {
    refuseUpgrade(socket, 400);
    return;
  }
  const requestId = randomUUID();
  if (!url.pathname.startsWith("/api/v1/streaming")) {
    refuseUpgrade(socket, 404, { "X-Request-Id": requestId });
    return;
  }
  const problem = handshakeProblem(req);
  if (problem) {
    refuseUpgrade(socket, problem.status, { "X-Request-Id": requestId, "X-Error-Message": problem.message });
    return;
  }
  let caller: StreamCaller;
  try {
    caller = streamCaller(ctx, req.headers, url.searchParams);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    refuseUpgrade(socket, error.status, { "X-Request-Id": requestId, "X-Error-Message": error.message });
    return;
  }
  const connection = acceptWebSocket(
    req,
    socket,
    head,
    { maxMessageBytes: streamTiming.maxMessageBytes },
    {
      "X-Request-Id": requestId,
    },
  );
  const session = new StreamSession(ctx, hub, caller, connection);
  const stream = url.searchParams.get("stream");
  if (stream) session.subscribe(stream, paramsFrom(url.searchParams));
}

function paramsFrom(query: URLSearchParams): StreamParams {
  return { tag: query.get("tag") ?? undefined, list: query.get("list") ?? undefined };
}

/** A parameter from a client's JSON message: strings and numbers count, anything else is absent. */
function textParam(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "string") return first;
  if (typeof first === "number" && Number.isFinite(first)) return String(first);
  return undefined;
}

class StreamSession {
  /** The open subscriptions by their channels (joined with ";"), each with the function that ends it. */
  readonly #subscriptions = new Map<string, () => void>();
  #alive = true;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly hub: StreamHub,
    private readonly caller: StreamCaller,
    private readonly connection: WebSocketConnection,
  ) {
    const pinger = setInterval(() => {
      if (!this.#alive) {
        connection.terminate();
        return;
      }
      this.#alive = false;
      connection.ping();
    }, streamTiming.webSocketPingMs);
    const untrack = hub.track(() => connection.close(CLOSE_GOING_AWAY, "The sandbox is closing"));
    connection.onPong = () => {
      this.#alive = true;
    };
    connection.onMessage = (text) => {
      try {
        this.#message(text);
      } catch (error) {
        // A bug must cost this message, not the whole server (the socket's data handler has no catch).
        process.emitWarning(
          `sandbox: a streaming message failed: ${(error as Error)?.stack ?? String(error)}`,
        );
        this.#send({ error: "An unexpected error occurred", status: 500 });
      }
    };
    connection.onClose = () => {
      clearInterval(pinger);
      untrack();
      for (const stop of this.#subscriptions.values()) stop();
      this.#subscriptions.clear();
    };
  }

  #message(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      // Mastodon ignores what it cannot parse.
      return;
    }
    if (message === null || typeof message !== "object" || Array.isArray(message)) return;
    const { type, stream, tag, list } = message as Record<string, unknown>;
    const name = textParam(stream) ?? "";
    const params = { tag: textParam(tag), list: textParam(list) };
    if (type === "subscribe") this.subscribe(name, params);
    else if (type === "unsubscribe") this.#unsubscribe(name, params);
  }

  subscribe(name: string, params: StreamParams): void {
    let resolved: ReturnType<typeof resolveStream>;
    try {
      resolved = resolveStream(this.ctx, this.caller, name, params);
    } catch (error) {
      if (!(error instanceof StreamError)) throw error;
      this.#send({ error: error.message, status: error.status });
      return;
    }
    const key = resolved.channels.join(";");
    if (this.#subscriptions.has(key)) return;
    if (this.#subscriptions.size >= MAX_SUBSCRIPTIONS) {
      this.#send({ error: `Too many streams on one connection (at most ${MAX_SUBSCRIPTIONS})`, status: 400 });
      return;
    }
    const streamName = resolved.name;
    const stop = this.hub.listen(resolved.channels, {
      viewerId: this.caller.account.id,
      filtered: resolved.filtered,
      deliver: (event, payload) => this.#send({ stream: streamName, event, payload }),
    });
    this.#subscriptions.set(key, stop);
  }

  #unsubscribe(name: string, params: StreamParams): void {
    let channels: string[];
    try {
      channels = resolveStream(this.ctx, this.caller, name, params).channels;
    } catch {
      this.#send({ error: "Error unsubscribing from channel" });
      return;
    }
    const key = channels.join(";");
    this.#subscriptions.get(key)?.();
    this.#subscriptions.delete(key);
  }

  #send(message: object): void {
    this.connection.send(JSON.stringify(message));
  }
}
