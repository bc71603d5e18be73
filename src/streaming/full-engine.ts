/**
 * The stream engine of the Mastodon class and of createClient: every part (WebSocket, SSE, backfill,
 * checkpoints), each loaded when a stream first needs it. The engine itself loads when the first
 * stream starts, so that an app pays for it in its first stream, not at start.
 */
import { engineWithParts, type StreamEngineMaker, type StreamParts } from "./stream-parts.js";

const ALL_PARTS: StreamParts = {
  webSocket: () => import("./websocket-transport.js"),
  sse: () => import("./sse-transport.js"),
  backfill: () => import("./recovery.js"),
  durable: () => import("./durable.js"),
};

/** The engine with all its parts. */
export const loadFullStreamEngine: () => Promise<StreamEngineMaker> =
  /* @__PURE__ */ engineWithParts(ALL_PARTS);
