/**
 * The stream engine of the Mastodon class and of createClient: every part (WebSocket, SSE, backfill,
 * checkpoints), each loaded when a stream first needs it. The engine itself loads when the first
 * stream starts, so that an app pays for it in its first stream, not at start.
 */
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import type { StreamEngineMaker, StreamParts } from "./stream-parts.js";

const ALL_PARTS: StreamParts = {
  webSocket: () => import("./websocket-transport.js"),
  sse: () => import("./sse-transport.js"),
  backfill: () => import("./recovery.js"),
  durable: () => import("./durable.js"),
};

/** The engine with all its parts (again on the next stream if loading failed). */
export const loadFullStreamEngine: () => Promise<StreamEngineMaker> = /* @__PURE__ */ loadOnFirstUse(
  "streaming",
  async () => {
    const { StreamEngine } = await import("./engine.js");
    return (host) => new StreamEngine(host, ALL_PARTS);
  },
);
