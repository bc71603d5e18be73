/**
 * The streaming workload: 20,000 `update` events (real statuses from the timeline fixture) from a
 * loopback streaming server on a worker thread, over SSE and over WebSocket. mastodon-ts (the built
 * package: streamPublic with a listener counting onUpdate calls) against a raw client that only
 * splits the stream and JSON.parses each event, in alternating rounds of the same run.
 * The figure of merit is events per second; the ratio reported is mastodon-ts's throughput over
 * the raw client's (at least 0.80 passes). The comparison line shows the inverse (time per event,
 * mastodon-ts / raw, at most 1.25 passes) in the harness's median-ratio form.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocket, WebSocketServer } from "ws";
import { Mastodon } from "../../dist/index.js";
import {
  type BenchConfig,
  compare,
  measureInterleaved,
  pairedRatio,
  type Result,
  type Stats,
  summarise,
  type Workload,
} from "../harness.js";
import { loadMasto, loadMegalodon, megalodonClient, versionOf } from "../peers.js";
import { buildTimelineFixture } from "../timeline-fixture.js";
import { type BenchServer, serveInWorker, startServerInWorker } from "../worker-server.js";

const EVENTS = 20_000;
/** Enough rounds to tell a few percent apart: with 7, the WebSocket ratio moved by ±0.1 between runs. */
const ROUNDS = 15;
const WARMUP_ROUNDS = 1;
/** Events per socket write on SSE (a busy server's writes carry several events). */
const EVENTS_PER_WRITE = 25;
const TOKEN = "bench-fake-token";
const MIN_THROUGHPUT_RATIO = 0.8;

// --- the server (worker thread) ---

async function startServer(payloads: readonly string[]): Promise<BenchServer> {
  // Pre-serialised, so that the server's cost per event is a copy.
  const sseBlocks: string[] = [];
  for (let i = 0; i < EVENTS; i += EVENTS_PER_WRITE) {
    let block = "";
    for (let j = i; j < Math.min(EVENTS, i + EVENTS_PER_WRITE); j++) {
      block += `event: update\ndata: ${payloads[j % payloads.length]}\n\n`;
    }
    sseBlocks.push(block);
  }
  const wsMessages = payloads.map((p) => JSON.stringify({ stream: ["public"], event: "update", payload: p }));
  const sockets = new Set<Socket>();
  let streamsServed = 0;
  let base = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/api/v1/instance") {
      // megalodon asks where the streaming API is before it connects.
      const body = JSON.stringify({ uri: "127.0.0.1", urls: { streaming_api: base.replace("http", "ws") } });
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body);
      return;
    }
    if (!req.url?.startsWith("/api/v1/streaming/public")) {
      res.writeHead(404).end();
      return;
    }
    streamsServed++;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(":)\n");
    let i = 0;
    const pump = () => {
      while (i < sseBlocks.length) {
        if (!res.write(sseBlocks[i++])) {
          res.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const wss = new WebSocketServer({ server, path: "/api/v1/streaming" });
  wss.on("connection", (ws, req) => {
    streamsServed++;
    // A stream named in the URL (megalodon) starts at once; otherwise at the subscribe message.
    const named = /[?&]stream=/.test(req.url ?? "");
    const start = () => {
      // Send every event, respecting the socket's buffer.
      let i = 0;
      const pump = () => {
        while (i < EVENTS) {
          ws.send(wsMessages[i++ % wsMessages.length] as string);
          if (ws.bufferedAmount > 1 << 20) {
            setImmediate(pump);
            return;
          }
        }
      };
      pump();
    };
    if (named) start();
    else ws.once("message", start);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests: async () => streamsServed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

function startStreamServerInWorker(payloads: string[]): Promise<BenchServer> {
  return startServerInWorker(import.meta.url, "streaming-bench-server", payloads);
}

await serveInWorker("streaming-bench-server", startServer);

// --- the clients: each resolves with the milliseconds from connecting to the last event ---

type Round = () => Promise<number>;

/** Raw SSE: fetch, cut the text at blank lines, JSON.parse each data line. Nothing else. */
function rawSse(url: string): Round {
  return async () => {
    const start = performance.now();
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/streaming/public`, {
      headers: { Authorization: `Bearer ${TOKEN}`, Accept: "text/event-stream" },
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let count = 0;
    let sink = 0;
    while (count < EVENTS) {
      const { done, value } = await reader.read();
      if (done) throw new Error("raw sse: stream ended early");
      buffer += decoder.decode(value, { stream: true });
      let from = 0;
      for (;;) {
        const end = buffer.indexOf("\n\n", from);
        if (end < 0) break;
        const data = buffer.indexOf("data: ", from);
        if (data >= 0 && data < end) {
          const status = JSON.parse(buffer.slice(data + 6, end)) as { id: string };
          sink += status.id.length;
          count++;
        }
        from = end + 2;
      }
      buffer = buffer.slice(from);
    }
    const elapsed = performance.now() - start;
    controller.abort();
    if (sink === 0) throw new Error("unreachable");
    return elapsed;
  };
}

/** Raw WebSocket (ws): subscribe, JSON.parse each message and its payload. Nothing else. */
function rawWebSocket(url: string): Round {
  return () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const socket = new WebSocket(`${url.replace("http", "ws")}/api/v1/streaming`, [TOKEN]);
      let count = 0;
      let sink = 0;
      socket.on("open", () => socket.send(JSON.stringify({ type: "subscribe", stream: "public" })));
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { payload: string };
        sink += (JSON.parse(message.payload) as { id: string }).id.length;
        if (++count === EVENTS) {
          const elapsed = performance.now() - start;
          socket.terminate();
          if (sink === 0) reject(new Error("unreachable"));
          resolve(elapsed);
        }
      });
      socket.on("error", reject);
    });
}

/** mastodon-ts: streamPublic with a listener that counts onUpdate calls. */
function viaClient(url: string, transport: "sse" | "websocket", backfill = false): Round {
  const api = new Mastodon({ api_base_url: url, access_token: TOKEN });
  return () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      let count = 0;
      let sink = 0;
      const handle = api.streamPublic(
        {
          onUpdate(status) {
            sink += status.id.length;
            if (++count === EVENTS) {
              const elapsed = performance.now() - start;
              handle.close();
              if (sink === 0) reject(new Error("unreachable"));
              resolve(elapsed);
            }
          },
          onError: reject,
          onAbort: reject,
        },
        {
          transport,
          streaming_base_url: url,
          reconnect_async: false,
          ...(backfill ? { backfill: true } : {}),
        },
      );
    });
}

// biome-ignore lint/suspicious/noExplicitAny: peers' own types are not part of this package's type check.
type Any = any;

/** masto: its streaming client (WebSocket only), public stream, counting update events. */
function viaMasto(masto: Any, url: string): Round {
  return async () => {
    const start = performance.now();
    const client = masto.createStreamingAPIClient({
      streamingApiUrl: url.replace("http", "ws"),
      accessToken: TOKEN,
    });
    const subscription = client.public.subscribe();
    let count = 0;
    let sink = 0;
    for await (const event of subscription as AsyncIterable<{ event: string; payload: { id: string } }>) {
      if (event.event !== "update") continue;
      sink += event.payload.id.length;
      if (++count === EVENTS) break;
    }
    const elapsed = performance.now() - start;
    subscription.unsubscribe();
    client.close();
    if (sink === 0) throw new Error("unreachable");
    return elapsed;
  };
}

/** megalodon: publicStreaming() (WebSocket; it asks /api/v1/instance first), counting update events. */
function viaMegalodon(generator: Any, url: string): Round {
  const client = megalodonClient(generator, url, TOKEN);
  return async () => {
    const start = performance.now();
    const stream = await client.publicStreaming();
    return new Promise<number>((resolve, reject) => {
      let count = 0;
      let sink = 0;
      stream.on("update", (status: { id: string }) => {
        sink += status.id.length;
        if (++count === EVENTS) {
          const elapsed = performance.now() - start;
          stream.removeAllListeners();
          stream.stop();
          if (sink === 0) reject(new Error("unreachable"));
          resolve(elapsed);
        }
      });
      stream.on("error", reject);
    });
  };
}

/**
 * Runs the contenders round after round, in a new shuffled order each round (the harness's
 * interleaving, one round per turn); returns each one's round times in milliseconds.
 */
function interleave(contenders: ReadonlyArray<[string, Round]>): Promise<Map<string, number[]>> {
  return measureInterleaved(
    contenders.map(([name, round]) => ({ name, once: round })),
    { requests: ROUNDS, warmup: WARMUP_ROUNDS, block: 1 },
  );
}

/** Stats per event: each round's time divided by the events in it (so rps reads as events/s). */
function perEvent(name: string, roundTimes: readonly number[]): Stats {
  return summarise(
    name,
    roundTimes.map((ms) => ms / EVENTS),
  );
}

export const workload: Workload = {
  name: "streaming",
  description: `${EVENTS} update events over SSE and over WebSocket: mastodon-ts listener vs a raw client doing only JSON.parse`,
  async run(_config: BenchConfig): Promise<Result> {
    const fixture = buildTimelineFixture();
    // Every event a status of its own (real ones under new, increasing ids), so that the backfill
    // bookkeeping (ids recorded per stream to drop duplicates) sees 20,000 distinct statuses.
    const payloads = Array.from({ length: EVENTS }, (_, i) =>
      JSON.stringify({
        ...fixture.statuses[i % fixture.statuses.length],
        id: String(117000000000000000n + BigInt(i)),
      }),
    );
    const server = await startStreamServerInWorker(payloads);
    try {
      const names = {
        rawSse: "raw SSE (JSON.parse)",
        sse: "mastodon-ts SSE",
        rawWs: "raw WebSocket (JSON.parse)",
        ws: "mastodon-ts WebSocket",
      };
      const contenders: Array<[string, Round]> = [
        [names.rawSse, rawSse(server.url)],
        [names.sse, viaClient(server.url, "sse")],
        ["mastodon-ts SSE, backfill: true", viaClient(server.url, "sse", true)],
        [names.rawWs, rawWebSocket(server.url)],
        [names.ws, viaClient(server.url, "websocket")],
      ];
      const notes: string[] = [];
      const masto = await loadMasto();
      if (masto.ok)
        contenders.push([`masto ${versionOf("masto")} WebSocket`, viaMasto(masto.value, server.url)]);
      else notes.push(`masto: ${masto.reason}`);
      const megalodon = await loadMegalodon();
      if (megalodon.ok) {
        contenders.push([
          `megalodon ${versionOf("megalodon")} WebSocket`,
          viaMegalodon(megalodon.value, server.url),
        ]);
      } else notes.push(`megalodon: ${megalodon.reason}`);
      const times = await interleave(contenders);
      // Each contender's paired ratio (one round per block) to the raw client of its transport.
      const stats = contenders.map(([name]) => {
        const raw = name.includes("SSE") ? names.rawSse : names.rawWs;
        const ratio = pairedRatio(times.get(name) ?? [], times.get(raw) ?? [], 1);
        return { ...perEvent(name, times.get(name) ?? []), ratio };
      });
      const [rawSseStats, sseStats, backfillStats, rawWsStats, wsStats] = stats as [
        Stats,
        Stats,
        Stats,
        Stats,
        Stats,
      ];
      const peerRatios = Object.fromEntries(
        stats
          .slice(5)
          .map((s) => [
            `${s.name} time per event ÷ raw WebSocket`,
            Number((s.ratio ?? Number.NaN).toFixed(3)),
          ]),
      );
      const throughput = (subject: Stats) => 1 / (subject.ratio ?? Number.NaN);
      const sseRatio = throughput(sseStats);
      const wsRatio = throughput(wsStats);
      // The harness compares paired ratios of time; 80% of the events/s is at most 1/0.8 the time per event.
      const worse =
        sseRatio <= wsRatio
          ? compare(sseStats, rawSseStats, 1 / MIN_THROUGHPUT_RATIO)
          : compare(wsStats, rawWsStats, 1 / MIN_THROUGHPUT_RATIO);
      return {
        name: this.name,
        description: this.description,
        info: {
          events: EVENTS,
          rounds: ROUNDS,
          fixture: fixture.source,
          avgEventBytes: Math.round(payloads.reduce((n, p) => n + p.length, 0) / payloads.length),
          sseEventsPerSecRaw: Math.round(rawSseStats.rps),
          sseEventsPerSecClient: Math.round(sseStats.rps),
          sseThroughputRatio: Number(sseRatio.toFixed(3)),
          wsEventsPerSecRaw: Math.round(rawWsStats.rps),
          wsEventsPerSecClient: Math.round(wsStats.rps),
          wsThroughputRatio: Number(wsRatio.toFixed(3)),
          minThroughputRatio: MIN_THROUGHPUT_RATIO,
          "mastodon-ts SSE time per event ÷ raw SSE": Number((sseStats.ratio ?? Number.NaN).toFixed(3)),
          "mastodon-ts SSE with backfill time per event ÷ raw SSE": Number(
            (backfillStats.ratio ?? Number.NaN).toFixed(3),
          ),
          "mastodon-ts WebSocket time per event ÷ raw WebSocket": Number(
            (wsStats.ratio ?? Number.NaN).toFixed(3),
          ),
          ...peerRatios,
          ...Object.fromEntries(notes.map((note, i) => [`left out ${i + 1}`, note])),
          server: "node:http + ws on 127.0.0.1, worker thread",
        },
        stats,
        comparison: worse,
      };
    } finally {
      await server.close();
    }
  },
};
