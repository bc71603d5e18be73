/**
 * How often open streams show they are alive. Mastodon writes an SSE comment every 15 s and pings
 * WebSockets every 30 s; the sandbox does it more often so that a client notices a dead stream sooner.
 * The sandbox's own tests shorten these (they are read whenever a stream opens).
 */
export const streamTiming = {
  /** Between two `:thump` comments on an SSE stream. */
  sseHeartbeatMs: 10_000,
  /** Between two pings on a WebSocket; one left unanswered until the next ping drops the connection. */
  webSocketPingMs: 15_000,
  /** The largest message a WebSocket client may send (Mastodon's clients send small subscribe messages). */
  maxMessageBytes: 64 * 1024,
};
