/**
 * The sandbox's WebSocket streaming with a raw client over TCP: the opening handshake and its
 * refusals, the three places a token may be, subscribe/unsubscribe messages and their errors, the
 * message format, ping/pong and liveness, fragmentation, the closing handshake, and every way a
 * client can break the protocol (each answered with the close code RFC 6455 names).
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { streamTiming } from "../src/sandbox/stream-timing.js";
import { follow, pause, postStatus, RawWebSocket, tokenOf, until } from "./sandbox-streaming-harness.js";

let sb: Sandbox;
const sockets: RawWebSocket[] = [];

async function connect(
  path = "/api/v1/streaming",
  headers: Record<string, string> = {},
): Promise<RawWebSocket> {
  const ws = await RawWebSocket.open(sb.url, path, headers);
  sockets.push(ws);
  return ws;
}

/** An open, authenticated socket (token in the Authorization header). */
async function authed(user = "bob", path = "/api/v1/streaming"): Promise<RawWebSocket> {
  const ws = await connect(path, { Authorization: `Bearer ${tokenOf(sb, user)}` });
  assert.equal(ws.status, 101, ws.response);
  return ws;
}

async function closedWith(ws: RawWebSocket, code: number, reason?: string): Promise<void> {
  await until(() => ws.closeFrame() !== undefined, `a close frame ${code}`);
  assert.equal(ws.closeFrame()!.code, code);
  if (reason !== undefined) assert.equal(ws.closeFrame()!.reason, reason);
  await until(() => ws.closed, "the socket to close");
}

/** Sends a subscribe message and waits until the subscription is in place (proved by a round trip). */
async function subscribe(ws: RawWebSocket, message: Record<string, unknown>): Promise<void> {
  ws.sendText(JSON.stringify({ type: "subscribe", ...message }));
  const before = ws.frames.length;
  ws.sendFrame(0x9, "sync");
  await until(() => ws.frames.slice(before).some((f) => f.opcode === 0xa), "the pong after subscribing");
}

before(async () => {
  sb = await startSandbox({ port: 0, users: ["alice", "bob", "carol"] });
});
after(async () => {
  for (const ws of sockets) ws.destroy();
  await sb.close();
});
beforeEach(async () => {
  for (const ws of sockets.splice(0)) ws.destroy();
  await sb.reset();
});

describe("opening handshake", () => {
  test("101 with the right Sec-WebSocket-Accept", async () => {
    const key = "dGhlIHNhbXBsZSBub25jZQ==";
    const ws = await connect("/api/v1/streaming", {
      "Sec-WebSocket-Key": key,
      Authorization: `Bearer ${tokenOf(sb, "bob")}`,
    });
    assert.equal(ws.status, 101);
    assert.equal(ws.header("Upgrade"), "websocket");
    assert.equal(ws.header("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assert.equal(ws.header("Sec-WebSocket-Accept"), RawWebSocket.expectedAccept(key));
    assert.equal(ws.header("Sec-WebSocket-Protocol"), undefined, "none offered, none chosen");
  });

  test("the token in Sec-WebSocket-Protocol is accepted and echoed, as browsers need", async () => {
    const token = tokenOf(sb, "bob");
    const ws = await connect("/api/v1/streaming/?stream=user", { "Sec-WebSocket-Protocol": token });
    assert.equal(ws.status, 101);
    assert.equal(ws.header("Sec-WebSocket-Protocol"), token);
  });

  test("the token in access_token is accepted", async () => {
    const ws = await connect(`/api/v1/streaming?access_token=${tokenOf(sb, "bob")}`);
    assert.equal(ws.status, 101);
  });

  test("no token: 401 with X-Error-Message: Missing access token", async () => {
    const ws = await connect("/api/v1/streaming?stream=public");
    assert.equal(ws.status, 401);
    assert.equal(ws.header("X-Error-Message"), "Missing access token");
    await until(() => ws.closed, "the socket to close");
  });

  test("a wrong token (header, query or protocol): 401 Invalid access token", async () => {
    for (const headers of [
      { Authorization: "Bearer wrong" },
      { Authorization: "Bearer" },
      { "Sec-WebSocket-Protocol": "wrong" },
    ]) {
      const ws = await connect("/api/v1/streaming", headers);
      assert.equal(ws.status, 401, JSON.stringify(headers));
      assert.equal(ws.header("X-Error-Message"), "Invalid access token");
    }
    const query = await connect("/api/v1/streaming?access_token=wrong");
    assert.equal(query.status, 401);
  });

  test("a broken handshake: 400 naming what is wrong", async () => {
    const auth = { Authorization: `Bearer ${tokenOf(sb, "bob")}` };
    const noKey = await connect("/api/v1/streaming", { ...auth, "Sec-WebSocket-Key": "" });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.header("X-Error-Message"), "Missing or invalid Sec-WebSocket-Key header");
    const badKey = await connect("/api/v1/streaming", { ...auth, "Sec-WebSocket-Key": "short" });
    assert.equal(badKey.status, 400);
    const oldVersion = await connect("/api/v1/streaming", { ...auth, "Sec-WebSocket-Version": "8" });
    assert.equal(oldVersion.status, 400);
    assert.equal(oldVersion.header("X-Error-Message"), "Missing or invalid Sec-WebSocket-Version header");
    const notWebSocket = await connect("/api/v1/streaming", { ...auth, Upgrade: "h2c" });
    assert.equal(notWebSocket.status, 400);
  });

  test("an upgrade anywhere but the streaming API: 404", async () => {
    const ws = await connect("/api/v1/timelines/public", { Authorization: `Bearer ${tokenOf(sb, "bob")}` });
    assert.equal(ws.status, 404);
  });
});

describe("subscriptions and events", () => {
  test("?stream=user at connection; events as Mastodon encodes them (payload is a JSON string)", async () => {
    const ws = await authed("bob", "/api/v1/streaming?stream=user");
    await pause(20);
    const status = postStatus(sb, "bob", "hello");
    await until(() => ws.messages().length === 1, "the update");
    const [message] = ws.messages();
    assert.deepEqual(Object.keys(message!), ["stream", "event", "payload"]);
    assert.deepEqual(message!.stream, ["user"]);
    assert.equal(message!.event, "update");
    assert.equal(typeof message!.payload, "string");
    assert.equal(JSON.parse(message!.payload as string).id, status.id);
  });

  test("several streams on one socket, each event tagged with its stream", async () => {
    follow(sb, "bob", "alice");
    const ws = await authed("bob");
    await subscribe(ws, { stream: "user" });
    await subscribe(ws, { stream: "hashtag", tag: "Cats" });
    await subscribe(ws, { stream: "public:local" });
    const status = postStatus(sb, "alice", "#cats");
    await until(() => ws.messages().length === 3, "three events");
    assert.deepEqual(
      ws
        .messages()
        .map((m) => m.stream)
        .sort(),
      [["hashtag", "Cats"], ["public:local"], ["user"]],
    );
    for (const m of ws.messages()) assert.equal(JSON.parse(m.payload as string).id, status.id);
  });

  test("subscribing twice delivers once; unsubscribe stops the stream", async () => {
    const ws = await authed("bob");
    await subscribe(ws, { stream: "public" });
    await subscribe(ws, { stream: "public" });
    postStatus(sb, "alice", "one");
    await until(() => ws.messages().length === 1, "one event");
    await pause(30);
    assert.equal(ws.messages().length, 1);
    ws.sendText(JSON.stringify({ type: "unsubscribe", stream: "public" }));
    await subscribe(ws, { stream: "hashtag", tag: "marker" });
    postStatus(sb, "alice", "two #marker");
    await until(() => ws.messages().length === 2, "the marker");
    assert.deepEqual(ws.messages()[1]!.stream, ["hashtag", "marker"], "nothing more from public");
  });

  test("a delete's payload is the bare id; filters_changed has no payload", async () => {
    const ws = await authed("bob");
    await subscribe(ws, { stream: "user" });
    const status = postStatus(sb, "bob", "bye");
    sb.context.state.statuses.delete(status.id);
    sb.context.events.emit({ type: "status.deleted", status });
    const bobId = sb.users.find((u) => u.username === "bob")!.id;
    sb.context.events.emit({ type: "filters_changed", account_id: bobId });
    await until(() => ws.messages().length === 3, "three events");
    assert.deepEqual(ws.messages()[1], { stream: ["user"], event: "delete", payload: status.id });
    assert.deepEqual(ws.messages()[2], { stream: ["user"], event: "filters_changed" });
  });

  test("refused subscriptions answer {error, status} and the socket stays open", async () => {
    const ws = await authed("bob");
    const sent = [
      { type: "subscribe", stream: "nonsense" },
      { type: "subscribe", stream: "hashtag" },
      { type: "subscribe", stream: "hashtag", tag: { not: "a string" } },
      { type: "subscribe", stream: "list" },
      { type: "subscribe", stream: "list", list: "12345" },
      { type: "subscribe", stream: 42 },
      { type: "unsubscribe", stream: "nonsense" },
    ];
    for (const message of sent) ws.sendText(JSON.stringify(message));
    await until(() => ws.messages().length === sent.length, "every answer");
    assert.deepEqual(ws.messages(), [
      { error: "Unknown stream type", status: 400 },
      { error: "Missing tag name parameter", status: 400 },
      { error: "Missing tag name parameter", status: 400 },
      { error: "Missing list name parameter", status: 400 },
      { error: "Not authorized to stream this list", status: 401 },
      { error: "Unknown stream type", status: 400 },
      { error: "Error unsubscribing from channel" },
    ]);
    assert.equal(ws.closed, false);
  });

  test("text that is not a JSON object, or of an unknown type, is ignored", async () => {
    const ws = await authed("bob");
    for (const text of ["not json", "[1,2]", "null", "42", '"subscribe"', '{"type":"dance"}', "{}", "\u0000"])
      ws.sendText(text);
    await subscribe(ws, { stream: "public" });
    postStatus(sb, "alice", "still works");
    await until(() => ws.messages().length === 1, "the update");
    assert.equal(ws.messages()[0]!.event, "update");
  });

  test("a fragmented subscribe message, with a ping between the fragments", async () => {
    const ws = await authed("bob");
    const text = JSON.stringify({ type: "subscribe", stream: "public" });
    ws.sendFrame(0x1, text.slice(0, 10), { fin: false });
    ws.sendFrame(0x9, "mid");
    ws.sendFrame(0x0, text.slice(10, 20), { fin: false });
    ws.sendFrame(0x0, text.slice(20), { fin: true });
    await until(() => ws.frames.some((f) => f.opcode === 0xa), "the pong");
    assert.equal(ws.frames.find((f) => f.opcode === 0xa)!.payload.toString(), "mid");
    await pause(20);
    postStatus(sb, "alice", "fragmented");
    await until(() => ws.messages().length === 1, "the update");
  });

  test("a frame cut into single bytes across writes", async () => {
    const ws = await authed("bob");
    const original = ws.socket.write.bind(ws.socket);
    const chunks: Buffer[] = [];
    ws.socket.write = ((data: Buffer) => {
      chunks.push(Buffer.from(data));
      return true;
    }) as typeof ws.socket.write;
    ws.sendText(JSON.stringify({ type: "subscribe", stream: "public" }));
    ws.socket.write = original;
    for (const byte of Buffer.concat(chunks)) {
      original(Buffer.from([byte]));
      await pause(1);
    }
    await pause(30);
    postStatus(sb, "alice", "bytes");
    await until(() => ws.messages().length === 1, "the update");
  });
});

describe("ping, pong and liveness", () => {
  test("a ping is answered with a pong carrying the same data", async () => {
    const ws = await authed();
    ws.sendFrame(0x9, "are you there?");
    await until(() => ws.frames.some((f) => f.opcode === 0xa), "the pong");
    assert.equal(ws.frames.find((f) => f.opcode === 0xa)!.payload.toString(), "are you there?");
  });

  test("the server pings; a client that never answers is dropped, one that answers stays", async () => {
    const saved = streamTiming.webSocketPingMs;
    streamTiming.webSocketPingMs = 40;
    try {
      const silent = await authed();
      const answering = await authed();
      const answered = new Set<number>();
      const timer = setInterval(() => {
        answering.frames.forEach((f, i) => {
          if (f.opcode === 0x9 && !answered.has(i)) {
            answered.add(i);
            answering.sendFrame(0xa, f.payload);
          }
        });
      }, 5);
      await until(() => silent.frames.some((f) => f.opcode === 0x9), "a ping");
      await until(() => silent.closed, "the silent client to be dropped");
      await until(() => answering.frames.filter((f) => f.opcode === 0x9).length >= 4, "four pings");
      assert.equal(answering.closed, false);
      clearInterval(timer);
    } finally {
      streamTiming.webSocketPingMs = saved;
    }
  });
});

describe("closing", () => {
  test("a client's close frame is echoed, then the connection ends", async () => {
    const ws = await authed();
    const body = Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from("bye")]);
    ws.sendFrame(0x8, body);
    await closedWith(ws, 1000);
  });

  test("an empty close frame is answered with an empty one", async () => {
    const ws = await authed();
    ws.sendFrame(0x8, Buffer.alloc(0));
    await until(() => ws.closeFrame() !== undefined, "the close frame");
    assert.equal(ws.closeFrame()!.code, undefined);
    await until(() => ws.closed, "the socket to close");
  });

  test("reset (and close) end open sockets with 1001", async () => {
    const ws = await authed();
    await sb.reset();
    await until(() => ws.closeFrame() !== undefined, "the close frame");
    assert.equal(ws.closeFrame()!.code, 1001);
    // The client answers; the server then ends the connection.
    ws.sendFrame(0x8, Buffer.from([0x03, 0xe9]));
    await until(() => ws.closed, "the socket to close");
  });

  test("a connection dropped without a close frame is cleaned up; the server goes on", async () => {
    const ws = await authed();
    await subscribe(ws, { stream: "public" });
    ws.destroy();
    await pause(20);
    postStatus(sb, "alice", "nobody listens");
    const res = await fetch(`${sb.url}/api/v1/streaming/health`);
    assert.equal(await res.text(), "OK");
  });
});

describe("protocol violations", () => {
  test("an unmasked client frame: 1002", async () => {
    const ws = await authed();
    ws.sendFrame(0x1, "{}", { masked: false });
    await closedWith(ws, 1002);
  });

  test("reserved bits set: 1002", async () => {
    const ws = await authed();
    ws.sendFrame(0x1, "{}", { rsv: 0b100 });
    await closedWith(ws, 1002);
  });

  test("an unknown opcode: 1002", async () => {
    const ws = await authed();
    ws.sendFrame(0x3, "?");
    await closedWith(ws, 1002);
  });

  test("a continuation with no message started: 1002", async () => {
    const ws = await authed();
    ws.sendFrame(0x0, "orphan");
    await closedWith(ws, 1002);
  });

  test("a new message before the fragmented one ended: 1002", async () => {
    const ws = await authed();
    ws.sendFrame(0x1, "part", { fin: false });
    ws.sendFrame(0x1, "another");
    await closedWith(ws, 1002);
  });

  test("a fragmented or overlong control frame: 1002", async () => {
    const fragmented = await authed();
    fragmented.sendFrame(0x9, "x", { fin: false });
    await closedWith(fragmented, 1002);
    const long = await authed();
    long.sendFrame(0x9, "x".repeat(126));
    await closedWith(long, 1002);
  });

  test("a message over the size limit: 1009, decided on the announced length", async () => {
    const ws = await authed();
    // Only the header goes out: the server must not wait for (or buffer) the body.
    ws.sendFrame(0x1, Buffer.alloc(0), { declaredLength: streamTiming.maxMessageBytes + 1 });
    await closedWith(ws, 1009);
    const huge = await authed();
    huge.sendFrame(0x1, Buffer.alloc(0), { declaredLength: 2 ** 53 });
    await closedWith(huge, 1009);
  });

  test("fragments that add up to more than the limit: 1009", async () => {
    const ws = await authed();
    const half = "x".repeat(streamTiming.maxMessageBytes / 2 + 1);
    ws.sendFrame(0x1, half, { fin: false });
    ws.sendFrame(0x0, half, { fin: true });
    await closedWith(ws, 1009);
  });

  test("a message at the size limit is fine", async () => {
    const ws = await authed();
    const padding = " ".repeat(streamTiming.maxMessageBytes - 40);
    ws.sendText(`{"type":"subscribe","stream":"public"}${padding}`.slice(0, streamTiming.maxMessageBytes));
    await pause(30);
    postStatus(sb, "alice", "big message ok");
    await until(() => ws.messages().length === 1, "the update");
  });

  test("invalid UTF-8 in a text message: 1007", async () => {
    const ws = await authed();
    ws.sendFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await closedWith(ws, 1007);
  });

  test("a binary message: 1003, with Mastodon's reason", async () => {
    const ws = await authed();
    ws.sendFrame(0x2, Buffer.from([1, 2, 3]));
    await closedWith(ws, 1003, "The mastodon streaming server does not support binary messages");
  });

  test("a close frame with a one-byte body or a reserved code: 1002", async () => {
    const oneByte = await authed();
    oneByte.sendFrame(0x8, Buffer.from([0x03]));
    await closedWith(oneByte, 1002);
    for (const code of [999, 1005, 1006, 1015, 2000, 5000]) {
      const ws = await authed();
      const body = Buffer.alloc(2);
      body.writeUInt16BE(code);
      ws.sendFrame(0x8, body);
      await closedWith(ws, 1002);
    }
  });

  test("a close reason that is not UTF-8: 1007", async () => {
    const ws = await authed();
    ws.sendFrame(0x8, Buffer.from([0x03, 0xe8, 0xc3, 0x28]));
    await closedWith(ws, 1007);
  });

  test("garbage bytes right after the handshake are a protocol error, not a crash", async () => {
    const ws = await authed();
    ws.socket.write(Buffer.from("GET / HTTP/1.1\r\n\r\n"));
    await closedWith(ws, 1002);
    const res = await fetch(`${sb.url}/api/v1/streaming/health`);
    assert.equal(await res.text(), "OK");
  });
});
