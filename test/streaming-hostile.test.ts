// Streaming servers that are broken or hostile: what they send must not crash the process, hang the
// stream, grow memory without bound, or get the token quoted back into a message.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { WebSocketServer, type WebSocket as WsSocket } from "ws";
import { MastodonAPIError, MastodonMalformedEventError } from "../src/index.js";
import { client, Recorder, TOKEN } from "./streaming-support.js";

type Http = (req: IncomingMessage, res: ServerResponse) => void;

/** A streaming server on loopback: `http` answers SSE requests, `ws` (when given) WebSocket connections. */
async function streamingServer(
  t: { after(fn: () => Promise<void> | void): void },
  http: Http,
  ws?: (socket: WsSocket) => void,
): Promise<string> {
  const server = createServer(http);
  const wss = ws && new WebSocketServer({ server, handleProtocols: (offered) => [...offered][0] ?? false });
  if (wss && ws) wss.on("connection", ws);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        // Upgraded sockets are the WebSocket server's: closeAllConnections() no longer sees them.
        for (const socket of wss?.clients ?? []) socket.terminate();
        wss?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const notFound: Http = (_req, res) => res.writeHead(404).end();

/** JSON nested `depth` arrays deep: valid JSON that JSON.stringify and String() cannot walk back. */
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

test("a WebSocket refusal whose error nests 200,000 deep is a MastodonAPIError, and the stream goes on", async (t) => {
  const url = await streamingServer(t, notFound, (socket) => {
    socket.send(`{"error":${nested(200_000)},"status":400}`);
    socket.send(JSON.stringify({ stream: ["public"], event: "delete", payload: "42" }));
  });
  const listener = new Recorder();
  const handle = client(url).streamPublic(listener, { transport: "websocket", streaming_base_url: url });
  t.after(() => handle.close());
  await listener.until(() => listener.events.length === 1);
  assert.equal(listener.errors.length, 1);
  const refusal = listener.errors[0];
  assert.ok(refusal instanceof MastodonAPIError, String(refusal));
  assert.match(refusal.message, /refused a subscription: \(a value nested too deep to show\)/);
  assert.equal(listener.events[0]?.event, "delete");
});

test("an update whose payload nests 200,000 deep is a malformed event with MastodonMalformedEventError", async (t) => {
  const url = await streamingServer(t, notFound, (socket) => {
    socket.send(`{"stream":["public"],"event":"update","payload":${nested(200_000)}}`);
  });
  const listener = new Recorder();
  const handle = client(url).streamPublic(listener, { transport: "websocket", streaming_base_url: url });
  t.after(() => handle.close());
  await listener.until(() => listener.errors.length === 1);
  const error = listener.errors[0];
  assert.ok(error instanceof MastodonMalformedEventError, String(error));
  assert.match(error.message, /should carry a JSON object; got \(a value nested too deep to show\)\.$/);
});

test("an SSE error answer whose body never ends: read no further than max_event_bytes, ended by the timeout and by close()", async (t) => {
  let sent = 0;
  let open = 0;
  const url = await streamingServer(t, (_req, res) => {
    open++;
    res.writeHead(503, { "content-type": "text/plain" });
    const chunk = "x".repeat(16 * 1024);
    const pump = setInterval(() => {
      res.write(chunk);
      sent += chunk.length;
    }, 2);
    res.on("close", () => {
      open--;
      clearInterval(pump);
    });
  });
  const listener = new Recorder();
  const handle = client(url).streamPublic(listener, {
    transport: "sse",
    streaming_base_url: url,
    max_event_bytes: 64 * 1024,
    reconnect_async_wait_sec: 30,
  });
  // The body is cut at the cap: the 503 is reported after 64 KB, not after the timeout.
  await listener.until(() => listener.errors.length === 1);
  assert.match(listener.errors[0]?.message ?? "", /503/);
  assert.ok(sent < 4 * 1024 * 1024, `${sent} bytes sent before the error`);
  handle.close();
  await handle.done;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(open, 0, "close() ended the connection");

  // A body that trickles, never reaching the cap: the connect timeout ends the reading, and the
  // 503 is reported then.
  const slow = await streamingServer(t, (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain" });
    const pump = setInterval(() => res.write("x"), 20);
    res.on("close", () => clearInterval(pump));
  });
  const second = new Recorder();
  const started = Date.now();
  const stalled = client(slow).streamPublic(second, {
    transport: "sse",
    streaming_base_url: slow,
    timeout: 0.5,
    reconnect_async_wait_sec: 30,
  });
  t.after(() => stalled.close());
  await second.until(() => second.errors.length === 1);
  assert.match(second.errors[0]?.message ?? "", /503/);
  assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
});

test("an onError that returns a rejected promise leaves no unhandled rejection", async (t) => {
  const url = await streamingServer(t, (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write("event: update\ndata: not json\n\n");
  });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  t.after(() => process.off("unhandledRejection", onUnhandled));
  let called = 0;
  const handle = client(url).streamPublic(
    {
      async onError() {
        called++;
        throw new Error("the handler failed");
      },
    },
    { transport: "sse", streaming_base_url: url },
  );
  t.after(() => handle.close());
  while (called === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(unhandled, []);
});

test("a server that echoes the token into close reasons, refusals, bad events or its content type: never in a message", async (t) => {
  const secret = TOKEN;
  const echoes: Array<[string, "sse" | "websocket", Http, ((socket: WsSocket) => void) | undefined]> = [
    ["close reason", "websocket", notFound, (socket) => socket.close(4000, `bye ${secret}`)],
    ["refusal", "websocket", notFound, (socket) => socket.send(JSON.stringify({ error: `no ${secret}` }))],
    ["not JSON", "websocket", notFound, (socket) => socket.send(`oops ${secret}`)],
    [
      "event data",
      "sse",
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(`event: update\ndata: ${secret}\n\n`);
      },
      undefined,
    ],
    [
      "content type",
      "sse",
      (_req, res) => res.writeHead(200, { "content-type": `text/html; ${secret}` }).end(),
      undefined,
    ],
  ];
  for (const [what, transport, http, ws] of echoes) {
    const url = await streamingServer(t, http, ws);
    const listener = new Recorder();
    const handle = client(url).streamPublic(listener, {
      transport,
      streaming_base_url: url,
      reconnect_async_wait_sec: 30,
    });
    await listener.until(() => listener.errors.length + listener.disconnects.length > 0);
    handle.close();
    const said = [...listener.errors, ...listener.disconnects].map((error) => [
      error.message,
      String(error.stack),
      String((error as { error?: unknown }).error ?? ""),
    ]);
    assert.ok(said.length > 0, what);
    assert.ok(!JSON.stringify(said).includes(secret), `${what}: ${JSON.stringify(said)}`);
    assert.match(JSON.stringify(said), /\[REDACTED\]/, what);
  }
});
