/**
 * A loopback Mastodon stand-in for the benchmarks: GET /api/v1/timelines/home answers with a fixed,
 * pre-serialised timeline body and the headers a real Mastodon sends with it (JSON content type,
 * Link with next/prev, X-RateLimit-*, Date), over keep-alive connections.
 *
 * The rate-limit headers report a huge budget and a reset an hour away, so the client's rate limiter
 * never sleeps. `startTimelineServerInWorker` runs the server on a worker thread, so that serving
 * does not share the event loop (or the CPU core) with the clients being measured.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type BenchServer, serveInWorker, startServerInWorker } from "./worker-server.js";

export const TIMELINE_PATH = "/api/v1/timelines/home";
export const STATUSES_PATH = "/api/v1/statuses";

export interface TimelineServerOptions {
  /** The JSON body, sent as is. */
  body: string;
  /** Id of the first (newest) status, for the Link header's prev. */
  newestId: string;
  /** Id of the last (oldest) status, for the Link header's next. */
  oldestId: string;
  /** The JSON of one status: the answer to POST /api/v1/statuses (the body posted is read and dropped). */
  statusBody?: string;
}

/** Base URL without a trailing slash (e.g. "http://127.0.0.1:40123"), request count, close. */
export type TimelineServer = BenchServer;

const RATELIMIT_LIMIT = 1_000_000;

/** Mastodon's reset format: ISO 8601 with microseconds. */
function mastodonTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** Starts the server in this thread. */
export async function startTimelineServer(options: TimelineServerOptions): Promise<TimelineServer> {
  const body = Buffer.from(options.body, "utf8");
  const statusBody = Buffer.from(options.statusBody ?? "{}", "utf8");
  const reset = mastodonTimestamp(Date.now() + 3600_000);
  let count = 0;
  let link = "";

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (req.method === "POST" && path === STATUSES_PATH) {
      count++;
      req.resume();
      req.on("end", () => {
        res.writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "content-length": statusBody.length,
          "cache-control": "private, no-store",
          vary: "Authorization, Origin",
          "x-ratelimit-limit": String(RATELIMIT_LIMIT),
          "x-ratelimit-remaining": String(RATELIMIT_LIMIT - 1 - (count % (RATELIMIT_LIMIT / 2))),
          "x-ratelimit-reset": reset,
        });
        res.end(statusBody);
      });
      return;
    }
    if (req.method !== "GET" || path !== TIMELINE_PATH) {
      res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
      res.end('{"error":"Record not found"}');
      return;
    }
    count++;
    // Node adds Date (and keeps the connection alive); the rest is what Mastodon sends.
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": body.length,
      "cache-control": "private, no-store",
      vary: "Authorization, Origin",
      link,
      "x-ratelimit-limit": String(RATELIMIT_LIMIT),
      "x-ratelimit-remaining": String(RATELIMIT_LIMIT - 1 - (count % (RATELIMIT_LIMIT / 2))),
      "x-ratelimit-reset": reset,
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
    });
    res.end(body);
  };

  const server = createServer({ keepAlive: true }, handle);
  // Keep idle connections open across measurement blocks.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  link =
    `<${url}${TIMELINE_PATH}?limit=40&max_id=${options.oldestId}>; rel="next", ` +
    `<${url}${TIMELINE_PATH}?limit=40&min_id=${options.newestId}>; rel="prev"`;
  return {
    url,
    requests: async () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts the server on a worker thread (the worker loads this same file). */
export function startTimelineServerInWorker(options: TimelineServerOptions): Promise<TimelineServer> {
  return startServerInWorker(import.meta.url, "timeline-server", options);
}

await serveInWorker("timeline-server", startTimelineServer);
