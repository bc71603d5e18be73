/**
 * The streaming API, served on the sandbox's own port (the instance advertises it there): the
 * WebSocket at /api/v1/streaming, server-sent events at /api/v1/streaming/user, /public, ..., and the
 * health check. Every sandbox event is fanned out to the open streams; closing or resetting the
 * sandbox ends them all.
 */
import type { SandboxApp } from "../app.js";
import { ApiError } from "../reply.js";
import { STREAM_PATHS } from "../stream-channels.js";
import { startFanOut } from "../stream-fanout.js";
import { StreamHub } from "../stream-hub.js";
import { sseReply } from "../stream-sse.js";
import { handleUpgrade } from "../stream-websocket.js";

export function registerStreaming(app: SandboxApp): void {
  const { ctx, router } = app;
  const hub = new StreamHub();
  startFanOut(ctx, hub);
  app.closers.push(() => hub.endAll());
  app.upgrade = (req, socket, head) => handleUpgrade(ctx, hub, req, socket, head);

  router.get(
    "/api/v1/streaming/health",
    () => ({
      status: 200,
      body: null,
      raw: "OK",
      headers: { "content-type": "text/plain", "access-control-allow-origin": "*" },
    }),
    { auth: "none" },
  );
  for (const path of Object.keys(STREAM_PATHS))
    router.get(path, (req) => sseReply(req, hub), { auth: "none" });
  // Any other path of the streaming server names no stream: Mastodon answers 400, not 404.
  const unknown = () => {
    throw new ApiError(400, { error: "Unknown channel requested" });
  };
  for (const path of ["/api/v1/streaming", "/api/v1/streaming/:a", "/api/v1/streaming/:a/:b"])
    router.get(path, unknown, { auth: "none" });
}
