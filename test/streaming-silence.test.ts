// Silence and dead addresses, over real sockets: a connection with no byte for `timeout` is replaced
// within timeout plus a small slack (not up to twice the timeout), on SSE, on `ws`, and on a standard
// WebSocket, which hides pings and is asked with a probe instead; a standard WebSocket that fails
// before `open` (error, never close) moves on to the next address at once.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { WebSocket as WsWebSocket } from "ws";
import { MastodonReadTimeout } from "../src/index.js";
import type { WebSocketConstructor } from "../src/streaming/websocket-impl.js";
import { MiniStreamingServer } from "./fault-streaming-server.js";
import { StandardWebSocket } from "./fault-streaming-websocket.js";
import { FakeStreamingServer } from "./streaming-servers.js";
import { client, Recorder } from "./streaming-support.js";

const FAST = { reconnect_async_wait_sec: 0.01, reconnect_max_wait_sec: 0.05 } as const;
const TIMEOUT = 0.4;
/** The most a replacement may come after the deadline: timers, a loaded 2-core machine. */
const SLACK_MS = 150;

const Standard = StandardWebSocket as unknown as WebSocketConstructor;
const Ws = WsWebSocket as unknown as WebSocketConstructor;

/** Fails (instead of hanging) when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function serve(t: { after(fn: () => Promise<void>): void }, options = {}) {
  const server = await MiniStreamingServer.start(options);
  t.after(() => server.close());
  return server;
}

const CASES = [
  { name: "sse", options: { transport: "sse" } },
  // `ws` explicitly: on Node 22+ the default is the global (standard) WebSocket, which hides pings.
  { name: "websocket (ws, ping)", options: { transport: "websocket", websocket: Ws } },
  { name: "standard WebSocket (probe)", options: { transport: "websocket", websocket: Standard } },
] as const;

for (const { name, options } of CASES) {
  test(`${name}: a connection silent from the start is replaced within timeout + slack`, async (t) => {
    const server = await serve(t);
    server.silent = true;
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { ...options, timeout: TIMEOUT, ...FAST });
    t.after(() => handle.close());
    await server.until(() => server.connections.length === 1);
    await within(
      server.until(() => server.connections.length === 2),
      3000,
      "no replacement",
    );
    const [first, second] = server.connections;
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    assert.ok(listener.disconnects[0] instanceof MastodonReadTimeout, String(listener.disconnects[0]));
    assert.ok(gap >= TIMEOUT * 1000 - 20, `not before the timeout (${gap} ms)`);
    assert.ok(
      gap <= TIMEOUT * 1000 + SLACK_MS,
      `replaced ${gap} ms after opening; timeout ${TIMEOUT * 1000} ms`,
    );
  });

  test(`${name}: a connection that goes silent later is replaced within timeout + slack of its last byte`, async (t) => {
    const server = await serve(t, { heartbeatMs: 50 });
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { ...options, timeout: TIMEOUT, ...FAST });
    t.after(() => handle.close());
    await server.until(() => server.open === 1);
    // Alive for a while (heartbeats on SSE, pongs or probe answers on WebSocket): not replaced.
    await sleep(TIMEOUT * 1000 * 2);
    assert.equal(server.connections.length, 1, "a living quiet connection is kept");
    server.createStatus("last words");
    await listener.until(() => listener.events.length === 1);
    const lastByte = Date.now();
    server.silent = true;
    await within(
      server.until(() => server.connections.length === 2),
      3000,
      "no replacement",
    );
    const after = (server.connections[1]?.at ?? 0) - lastByte;
    assert.ok(after <= TIMEOUT * 1000 + SLACK_MS, `replaced ${after} ms after the last byte`);
  });
}

test("standard WebSocket: a server that answers no probe is replaced once, then only its close counts", async (t) => {
  const server = await serve(t, { answerProbes: false });
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, {
    transport: "websocket",
    websocket: Standard,
    timeout: 0.2,
    ...FAST,
  });
  t.after(() => handle.close());
  await within(
    listener.until(() => listener.reconnects.length === 1),
    3000,
    "no replacement",
  );
  assert.match(listener.disconnects[0]?.message ?? "", /answered no probe/);
  await sleep(800);
  assert.equal(server.connections.length, 2, "no reconnect loop on a quiet server that ignores probes");
  server.createStatus("still here");
  await listener.until(() => listener.events.length === 1);
  server.drop();
  await listener.until(() => listener.reconnects.length === 2);
});

/** A server that advertises a dead address first (nothing listens there), then its own. */
async function deadFirst(t: { after(fn: () => Promise<void>): void }) {
  const dead = await FakeStreamingServer.start();
  const deadUrl = dead.url;
  await dead.close();
  const server = await FakeStreamingServer.start({ advertise: () => deadUrl.replace("http://", "ws://") });
  t.after(() => server.close());
  return server;
}

for (const [name, websocket] of [
  ["ws package", Ws],
  ["standard WebSocket", Standard],
] as const) {
  test(`${name}: an error before open moves to the next address at once`, async (t) => {
    const server = await deadFirst(t);
    const listener = new Recorder();
    const started = Date.now();
    // The connect timeout is long: waiting it out would fail the test.
    const handle = client(server.url).streamUser(listener, {
      transport: "websocket",
      websocket,
      timeout: 30,
    });
    t.after(() => handle.close());
    await within(
      server.until(() => server.wsSubscriptions.length === 1),
      5000,
      "no connection",
    );
    const took = Date.now() - started;
    assert.ok(took < 2000, `connected after ${took} ms`);
  });
}

test("Node's own WebSocket (--experimental-websocket): an error before open moves on at once", async (t) => {
  const server = await deadFirst(t);
  const script = `
    import { Mastodon } from "./src/index.ts";
    const api = new Mastodon({ api_base_url: process.argv[1], access_token: "t" });
    const started = Date.now();
    const handle = api.streamUser({ onError: () => {} }, { transport: "websocket", timeout: 30 });
    const wait = setInterval(() => {
      if (handle.isReceiving()) {
        clearInterval(wait);
        console.log(JSON.stringify({ ms: Date.now() - started, global: typeof WebSocket }));
        handle.close();
      }
    }, 10);
    // Still not connected: report and stop, rather than wait out the 30 s connect timeout.
    setTimeout(() => {
      console.log(JSON.stringify({ ms: Date.now() - started, global: typeof WebSocket }));
      process.exit(0);
    }, 6000).unref();
  `;
  const child = spawn(
    process.execPath,
    [
      "--experimental-websocket",
      "--no-warnings",
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
      server.url,
    ],
    { cwd: new URL("..", import.meta.url), stdio: ["ignore", "pipe", "pipe"] },
  );
  t.after(() => child.kill());
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.equal(code, 0, err);
  const result = JSON.parse(out.trim()) as { ms: number; global: string };
  assert.equal(result.global, "function", "the child runs with a global WebSocket");
  assert.ok(result.ms < 5000, `connected after ${result.ms} ms`);
  await server.until(() => server.open === 0);
});
