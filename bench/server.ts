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
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

export const TIMELINE_PATH = "/api/v1/timelines/home";

export interface TimelineServerOptions {
  /** The JSON body, sent as is. */
  body: string;
  /** Id of the first (newest) status, for the Link header's prev. */
  newestId: string;
  /** Id of the last (oldest) status, for the Link header's next. */
  oldestId: string;
}

export interface TimelineServer {
  /** Base URL, e.g. "http://127.0.0.1:40123" (no trailing slash). */
  url: string;
  /** Requests answered so far. */
  requests(): Promise<number>;
  close(): Promise<void>;
}

const RATELIMIT_LIMIT = 1_000_000;

/** Mastodon's reset format: ISO 8601 with microseconds. */
function mastodonTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** Starts the server in this thread. */
export async function startTimelineServer(options: TimelineServerOptions): Promise<TimelineServer> {
  const body = Buffer.from(options.body, "utf8");
  const reset = mastodonTimestamp(Date.now() + 3600_000);
  let count = 0;
  let link = "";

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?", 1)[0];
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

type ToWorker = { type: "count" } | { type: "close" };
type FromWorker = { type: "ready"; url: string } | { type: "count"; count: number } | { type: "closed" };

/** Starts the server on a worker thread (the worker loads this same file). */
export async function startTimelineServerInWorker(options: TimelineServerOptions): Promise<TimelineServer> {
  // Node 20 does not apply `--import tsx` to a worker's entry module: register tsx, then load this file.
  const entry =
    `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); ` +
    `await import(${JSON.stringify(import.meta.url)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), {
    workerData: { role: "timeline-server", options },
  });
  const next = (type: FromWorker["type"]) =>
    new Promise<FromWorker>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== type) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const ready = (await next("ready")) as Extract<FromWorker, { type: "ready" }>;
  const send = (message: ToWorker) => worker.postMessage(message);
  return {
    url: ready.url,
    requests: async () => {
      const answer = next("count");
      send({ type: "count" });
      return ((await answer) as Extract<FromWorker, { type: "count" }>).count;
    },
    close: async () => {
      const closed = next("closed");
      send({ type: "close" });
      await closed;
      await worker.terminate();
    },
  };
}

// Worker entry point.
if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === "timeline-server") {
  const port = parentPort;
  const server = await startTimelineServer((workerData as { options: TimelineServerOptions }).options);
  port.on("message", async (message: ToWorker) => {
    if (message.type === "count") {
      port.postMessage({ type: "count", count: await server.requests() } satisfies FromWorker);
    } else if (message.type === "close") {
      await server.close();
      port.postMessage({ type: "closed" } satisfies FromWorker);
    }
  });
  port.postMessage({ type: "ready", url: server.url } satisfies FromWorker);
}
