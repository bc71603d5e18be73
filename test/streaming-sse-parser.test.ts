// The SSE parser and message caps: CR-only line ends deliver each event when its blank line arrives
// and the last one before the stream ends; time is linear in the input however it is chunked; an
// event or WebSocket message over max_event_bytes is skipped with a MastodonMalformedEventError and
// the stream goes on. Options passed where the listener goes are refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WebSocket as WsWebSocket } from "ws";
import { MastodonIllegalArgumentError, MastodonMalformedEventError } from "../src/index.js";
import { SseParser } from "../src/streaming/sse-parser.js";
import { MiniStreamingServer } from "./fault-streaming-server.js";
import { StandardWebSocket } from "./fault-streaming-websocket.js";
import { client, Recorder } from "./streaming-support.js";

const FAST = { reconnect_async_wait_sec: 0.02, reconnect_max_wait_sec: 0.1 } as const;

async function serve(t: { after(fn: () => Promise<void>): void }, options = {}) {
  const server = await MiniStreamingServer.start(options);
  t.after(() => server.close());
  return server;
}

test("sse with CR-only line ends: each event arrives without waiting for the next chunk", async (t) => {
  const server = await serve(t, { lineEnd: "\r" });
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, { transport: "sse" });
  t.after(() => handle.close());
  await server.until(() => server.open === 1);
  for (let i = 1; i <= 3; i++) {
    server.createStatus(`cr ${i}`);
    // The next event is written only once this one is delivered: a parser holding it back hangs here.
    await Promise.race([
      listener.until(() => listener.events.length === i),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`event ${i} held back`)), 2000)),
    ]);
  }
});

test("sse with CR-only line ends: the last event before the stream ends is delivered", async (t) => {
  const server = await serve(t, { lineEnd: "\r" });
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, { transport: "sse" });
  t.after(() => handle.close());
  await server.until(() => server.open === 1);
  server.endSse('event: update\rdata: {"id":"1","content":"last"}\r\r');
  await listener.until(() => listener.disconnects.length === 1);
  assert.deepEqual(
    listener.events.map((e) => e.event === "update" && e.payload.content),
    ["last"],
  );
});

test("SSE parser: CR, LF and CRLF cut anywhere, a CRLF split across chunks counts once", () => {
  for (const eol of ["\r", "\n", "\r\n"]) {
    const text = `:)${eol}event: update${eol}data: {"id":"1"}${eol}${eol}data: a${eol}data: b${eol}${eol}`;
    for (let cut = 0; cut <= text.length; cut++) {
      const out: unknown[] = [];
      const parser = new SseParser({ event: (n, d) => out.push([n, d]), comment: () => out.push("c") });
      parser.push(text.slice(0, cut));
      parser.push(text.slice(cut));
      parser.end();
      assert.deepEqual(
        out,
        ["c", ["update", '{"id":"1"}'], ["message", "a\nb"]],
        `${JSON.stringify(eol)} cut ${cut}`,
      );
    }
  }
  // Multi-byte characters cut between chunks are whole again.
  const bytes = new TextEncoder().encode("data: é€😀\n\n");
  const out: string[] = [];
  const parser = new SseParser({ event: (_n, d) => out.push(d), comment: () => undefined });
  for (const byte of bytes) parser.push(Uint8Array.of(byte));
  assert.deepEqual(out, ["é€😀"]);
});

function timeParse(chunks: Uint8Array[]): number {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const parser = new SseParser({ event: () => undefined, comment: () => undefined }, 8 * 1024 * 1024);
    const start = performance.now();
    for (const chunk of chunks) parser.push(chunk);
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1] as number;
}

// Measured on the shared 2-core machine: 15-45 ms for a 1 MB line, 45-300 ms for 1 MB of 8-byte lines
// (the cost per line and per event dominates there). A quadratic parser takes seconds on the 4 MB line
// in 1 KB chunks (each chunk re-scanning what is held); the bounds leave room for a loaded machine.
test("SSE parser: linear time, whatever the line ends and the chunking", () => {
  const encoder = new TextEncoder();
  const longLine = encoder.encode(`data: ${"x".repeat(4 * 1024 * 1024)}\n\n`);
  const lfLines = encoder.encode("data: x\n".repeat(128 * 1024));
  const crLines = encoder.encode("data: x\r\r".repeat(100 * 1024));
  const cuts = (bytes: Uint8Array, size: number) => {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    return chunks;
  };
  for (const [name, chunks] of [
    ["one 4 MB line in 1 KB chunks", cuts(longLine, 1024)],
    ["1 MB of LF lines in one chunk", [lfLines]],
    ["1 MB of CR-only events in 7-byte chunks", cuts(crLines, 7)],
  ] as const) {
    const ms = timeParse(chunks as Uint8Array[]);
    assert.ok(ms < 1500, `${name}: ${ms.toFixed(1)} ms`);
  }
});

test("SSE parser: an event over the cap is skipped and reported, nothing of it kept, the next one arrives", () => {
  const events: string[] = [];
  const oversized: number[] = [];
  const parser = new SseParser(
    { event: (_n, d) => events.push(d), comment: () => undefined, oversized: (size) => oversized.push(size) },
    1000,
  );
  parser.push("data: small\n\n");
  parser.push("data: ");
  for (let i = 0; i < 1000; i++) parser.push("y".repeat(1000));
  parser.push("\n\ndata: after\n\n");
  assert.deepEqual(events, ["small", "after"]);
  assert.equal(oversized.length, 1);
});

for (const [name, extra] of [
  ["sse", { transport: "sse" }],
  // `ws` explicitly: on Node 22+ the default is the global (standard) WebSocket.
  ["websocket (ws)", { transport: "websocket", websocket: WsWebSocket }],
  ["standard WebSocket", { transport: "websocket", websocket: StandardWebSocket }],
] as const) {
  test(`${name}: an event over max_event_bytes gives MastodonMalformedEventError and the stream goes on`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, {
      ...extra,
      max_event_bytes: 4096,
      ...FAST,
    } as never);
    t.after(() => handle.close());
    await server.until(() => server.open === 1);
    const big = JSON.stringify({ id: "5", content: "z".repeat(10_000), account: { id: "1", acct: "a" } });
    server.sendRaw(
      `event: update\ndata: ${big}\n\n`,
      JSON.stringify({ stream: ["user"], event: "update", payload: big }),
    );
    await listener.until(() => listener.errors.length === 1);
    assert.ok(listener.errors[0] instanceof MastodonMalformedEventError, String(listener.errors[0]));
    assert.match(listener.errors[0]?.message ?? "", /larger than 4096 bytes/);
    // `ws` refuses the message while it arrives, which closes the connection: it comes back.
    if (name === "websocket (ws)") await listener.until(() => listener.reconnects.length === 1);
    await server.until(() => server.open === 1);
    server.createStatus("after");
    await listener.until(() => listener.events.length === 1);
  });
}

test("options passed where the listener goes are refused on every stream method", () => {
  const api = client("http://127.0.0.1:9");
  const calls: Array<[string, () => unknown]> = [
    ["streamPublic", () => api.streamPublic({ transport: "sse" } as never)],
    ["streamUser", () => api.streamUser({ backfill: true } as never)],
    ["streamUserNotification", () => api.streamUserNotification({ timeout: 5 } as never)],
    ["streamLocal", () => api.streamLocal({ only_media: true } as never)],
    ["streamHashtag", () => api.streamHashtag("cats", { local: true } as never)],
    ["streamList", () => api.streamList("1", { reconnect_async: false } as never)],
    ["streamDirect", () => api.streamDirect({ transport: "websocket" } as never)],
    ["streamMultiple", () => api.streamMultiple([{ stream: "user" }], { backfill: true } as never)],
  ];
  for (const [method, call] of calls) {
    assert.throws(
      call,
      (error: Error) =>
        error instanceof MastodonIllegalArgumentError &&
        error.message.startsWith(`${method}(): the listener argument holds options`) &&
        /Options come after the listener/.test(error.message),
      method,
    );
  }
  // A listener with callbacks and its own state is still a listener.
  const handle = api.streamUser({ count: 0, onUpdate() {} } as never, { reconnect_async: false });
  handle.close();
});
