/**
 * createFetchClient's streams: the same engine as the class's (connecting, reconnecting with
 * backoff, silence detection, delivery), with the WebSocket transport only. SSE, backfill and
 * checkpoints are left out, so that their code stays out of a light app's bundle; a stream that
 * asks for one of them is refused by name when the stream method is called. The client gets its
 * engine from mastodon-ts/light's streamUser (withWebSocketStreams), not from createFetchClient,
 * so that an app that never streams bundles none of it.
 */
import { INTERNAL, type MethodHost } from "../api/internal.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { StreamOptions } from "../streaming/handle.js";
import { engineWithParts, type StreamParts } from "../streaming/stream-parts.js";

const WEBSOCKET_ONLY: StreamParts = { webSocket: () => import("../streaming/websocket-transport.js") };

/** The engine with the WebSocket transport only. */
const loadWebSocketStreamEngine = /* @__PURE__ */ engineWithParts(WEBSOCKET_ONLY);

/** The stream options that need a part these streams leave out; each is refused when set. */
const NEEDS_CREATE_CLIENT = [
  "backfill",
  "backfill_limit",
  "checkpoint",
  "exclusive",
  "lease_seconds",
] as const;

/**
 * Gives a client without streams of its own (createFetchClient's) the WebSocket-only engine and its
 * option checks; a client that has an engine (createClient's, the class's) keeps it. Returns the client.
 */
export function withWebSocketStreams<C extends MethodHost>(client: C): C {
  const internal = client[INTERNAL];
  if (internal.streamEngine === undefined) {
    internal.streamEngine = loadWebSocketStreamEngine;
    internal.checkStreamOptions = refuseStreamOptions;
  }
  return client;
}

/** Refuses the stream options the fetch client's WebSocket-only streams cannot honour. */
function refuseStreamOptions(method: string, options: StreamOptions): void {
  const found: string[] = NEEDS_CREATE_CLIENT.filter(
    (name) => options[name] !== undefined && options[name] !== false,
  );
  if (options.transport === "sse") found.push('transport: "sse"');
  if (found.length === 0) return;
  throw new MastodonIllegalArgumentError(
    `${method}(): ${found.join(", ")} ${found.length === 1 ? "needs" : "need"} createClient(): ` +
      "createFetchClient streams over WebSocket only, without backfill or checkpoints.",
  );
}
