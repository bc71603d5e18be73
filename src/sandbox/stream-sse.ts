/**
 * Streams as server-sent events, written as Mastodon's streaming server writes them: `:)` when the
 * stream opens, `event: NAME` and `data: PAYLOAD` per event, a `:thump` comment as heartbeat. A stream
 * that is refused answers Mastodon's JSON error (`{"error":"Missing access token"}`).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, type Reply } from "./reply.js";
import type { SandboxRequest } from "./request.js";
import { isTruthy, resolveStream, STREAM_PATHS, StreamError, streamCaller } from "./stream-channels.js";
import type { StreamHub } from "./stream-hub.js";
import { streamTiming } from "./stream-timing.js";

/** A client that lets this much pile up unread is dropped rather than kept in memory. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

const HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "private, no-store",
  "access-control-allow-origin": "*",
  connection: "keep-alive",
};

/** The stream name of an SSE path, with `only_media` choosing the ":media" variants of the public ones. */
function streamName(req: SandboxRequest): string | undefined {
  const path = req.path.length > 1 && req.path.endsWith("/") ? req.path.slice(0, -1) : req.path;
  const name = STREAM_PATHS[path];
  if (name?.startsWith("public") && isTruthy(req.query.get("only_media") ?? undefined))
    return `${name}:media`;
  return name;
}

/** Answers an SSE streaming request: the open stream, or Mastodon's error for it. */
export function sseReply(req: SandboxRequest, hub: StreamHub): Reply {
  const name = streamName(req);
  try {
    if (!name) throw new StreamError(400, "Unknown channel requested");
    const caller = streamCaller(req.ctx, req.headers, req.query);
    const resolved = resolveStream(req.ctx, caller, name, {
      tag: req.query.get("tag") ?? undefined,
      list: req.query.get("list") ?? undefined,
    });
    return {
      status: 200,
      body: null,
      stream: (res, raw) => openSse(res, raw, hub, caller.account.id, resolved.channels, resolved.filtered),
    };
  } catch (error) {
    if (error instanceof StreamError)
      throw new ApiError(error.status, { error: error.message }, { "access-control-allow-origin": "*" });
    throw error;
  }
}

function openSse(
  res: ServerResponse,
  req: IncomingMessage,
  hub: StreamHub,
  viewerId: string,
  channels: string[],
  filtered: boolean,
): void {
  res.writeHead(200, { ...HEADERS, "x-request-id": randomUUID() });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  res.socket?.setNoDelay(true);
  res.socket?.setTimeout(0);
  const write = (text: string) => {
    if (res.writableLength > MAX_UNSENT_BYTES) res.destroy();
    else res.write(text);
  };
  write(":)\n");
  const stopListening = hub.listen(channels, {
    viewerId,
    filtered,
    // An event without payload (filters_changed) reads "undefined", as Mastodon writes it.
    deliver: (event, payload) => write(`event: ${event}\ndata: ${payload ?? "undefined"}\n\n`),
  });
  const heartbeat = setInterval(() => write(":thump\n"), streamTiming.sseHeartbeatMs);
  const untrack = hub.track(() => res.end());
  res.on("close", () => {
    clearInterval(heartbeat);
    stopListening();
    untrack();
  });
}
