// Streaming over real sockets, both transports: every event type, the token's place, listeners and
// `for await`, malformed events, several subscriptions on one WebSocket.
import assert from "node:assert/strict";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { test } from "node:test";
import { WebSocket as UndiciWebSocket } from "undici";
import { WebSocket as WsWebSocket } from "ws";
import {
  CallbackStreamListener,
  type MastodonAPIError,
  MastodonMalformedEventError,
  MastodonUnauthorizedError,
  type Status,
  type StreamEvent,
} from "../src/index.js";
import { findWebSocket, type WebSocketConstructor } from "../src/streaming/websocket-impl.js";
import { FakeStreamingServer, notification, status } from "./streaming-servers.js";
import { client, Recorder, TOKEN } from "./streaming-support.js";

const TRANSPORTS = ["sse", "websocket"] as const;

async function serve(t: { after(fn: () => Promise<void>): void }, options = {}) {
  const server = await FakeStreamingServer.start(options);
  t.after(() => server.close());
  return server;
}

for (const transport of TRANSPORTS) {
  test(`${transport}: every event type reaches its callback, typed, in order`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport });
    t.after(() => handle.close());
    await server.until(() => (transport === "sse" ? server.open === 1 : server.wsSubscriptions.length === 1));

    const s = status("hello");
    const n = notification();
    const user = ["user"];
    server.send(user, "update", s);
    server.send(user, "delete", undefined, "110000000000000001");
    server.send(user, "notification", n);
    server.send(user, "filters_changed", undefined, "undefined");
    server.send(user, "conversation", { id: "6", unread: true, accounts: [], last_status: s });
    server.send(user, "announcement", { id: "7", content: "<p>News</p>" });
    server.send(user, "announcement.reaction", { name: "👍", count: 2, announcement_id: "7" });
    server.send(user, "announcement.delete", undefined, "7");
    server.send(user, "status.update", { ...s, content: "edited" });
    server.send(user, "notifications_merged", undefined, "1");
    server.send(user, "encrypted_message", { id: "9", message_type: 0 });
    server.send(user, "something.new", { x: 1 });
    await listener.until(() => listener.events.length === 12);
    assert.equal(handle.isReceiving(), true);

    const summary = listener.events.map((e) => [e.event, e.event === "unknown" ? e.name : "", e.stream]);
    assert.deepEqual(summary, [
      ["update", "", ["user"]],
      ["delete", "", ["user"]],
      ["notification", "", ["user"]],
      ["filters_changed", "", ["user"]],
      ["conversation", "", ["user"]],
      ["announcement", "", ["user"]],
      ["announcement.reaction", "", ["user"]],
      ["announcement.delete", "", ["user"]],
      ["status.update", "", ["user"]],
      ["notifications_merged", "", ["user"]],
      ["encrypted_message", "", ["user"]],
      ["unknown", "something.new", ["user"]],
    ]);
    const [update, deleted, notif, filters, , , reaction, announcementDelete, edit, , , unknown] =
      listener.events as StreamEvent[];
    assert.equal(update?.event === "update" && update.payload.content, "hello");
    assert.equal(deleted?.event === "delete" && deleted.payload, "110000000000000001", "ids stay strings");
    assert.equal(notif?.event === "notification" && notif.payload.id, n.id);
    assert.equal(filters?.event === "filters_changed" && filters.payload, undefined);
    assert.deepEqual(reaction?.event === "announcement.reaction" && reaction.payload, {
      name: "👍",
      count: 2,
      announcement_id: "7",
    });
    assert.equal(announcementDelete?.event === "announcement.delete" && announcementDelete.payload, "7");
    assert.equal(edit?.event === "status.update" && edit.payload.content, "edited");
    assert.deepEqual(unknown?.event === "unknown" && unknown.payload, { x: 1 });
    // onAnyEvent saw all twelve, with the server's names.
    assert.deepEqual(
      listener.any.map(([name]) => name),
      summary.map(([event, name]) => (event === "unknown" ? name : event)),
    );
    assert.deepEqual(listener.errors, []);

    // The token travels in a header, never in the URL.
    const [connection] = server.connections;
    assert.equal(connection?.transport, transport);
    if (transport === "sse") {
      assert.equal(connection?.authorization, `Bearer ${TOKEN}`);
      assert.equal(connection?.path, "/api/v1/streaming/user");
    } else {
      assert.equal(connection?.protocol, TOKEN);
      assert.equal(connection?.path, "/api/v1/streaming");
    }
    assert.equal(connection?.query.toString(), "");
    // A standard WebSocket (the global one on Node 22+) cannot set headers: the runtime's goes instead.
    if (!standardWebSocket({ transport })) assert.equal(connection?.userAgent, "tests/streaming");

    handle.close();
    await handle.done;
    assert.equal(handle.isAlive(), false);
    assert.equal(handle.isReceiving(), false);
    assert.deepEqual(listener.aborts, [], "close() is not an abort");
  });

  test(`${transport}: a malformed event is reported and the stream goes on`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamPublic(listener, { transport });
    t.after(() => handle.close());
    await server.until(() => (transport === "sse" ? server.open === 1 : server.wsSubscriptions.length === 1));
    server.send(["public"], "update", undefined, "{not json");
    server.send(["public"], "update", undefined, "42");
    if (transport === "websocket") server.sendRawWs("not json at all");
    const good = status("still here");
    server.send(["public"], "update", good);
    await listener.until(() => listener.updateIds.length === 1);
    assert.deepEqual(listener.updateIds, [good.id]);
    assert.equal(listener.errors.length, transport === "websocket" ? 3 : 2);
    for (const error of listener.errors)
      assert.ok(error instanceof MastodonMalformedEventError, String(error));
    assert.match(listener.errors[0]?.message ?? "", /"update" event's data is not valid JSON/);
    assert.match(listener.errors[1]?.message ?? "", /should carry a JSON object/);
    assert.equal(handle.isAlive(), true);
    assert.deepEqual(listener.aborts, []);
  });

  test(`${transport}: for await yields typed events, malformed ones included; leaving the loop closes`, async (t) => {
    const server = await serve(t);
    const handle = client(server.url).streamHashtag("#cats", undefined, { transport });
    t.after(() => handle.close());
    const sent = [status("one"), status("two")];
    void (async () => {
      await server.until(() =>
        transport === "sse" ? server.open === 1 : server.wsSubscriptions.includes("hashtag\u0000cats"),
      );
      server.send(["hashtag", "cats"], "update", sent[0]);
      server.send(["hashtag", "cats"], "update", undefined, "[broken");
      server.send(["hashtag", "cats"], "update", sent[1]);
    })();
    const seen: string[] = [];
    for await (const event of handle) {
      if (event.event === "update") seen.push(event.payload.content);
      else if (event.event === "malformed") seen.push(`malformed ${event.name}: ${event.error.name}`);
      if (seen.length === 3) break;
    }
    assert.deepEqual(seen, ["one", "malformed update: MastodonMalformedEventError", "two"]);
    await handle.done;
    assert.equal(handle.isAlive(), false);
    const hashtag = server.connections[0];
    if (transport === "sse") assert.equal(hashtag?.query.get("tag"), "cats", "the # is stripped");
  });

  test(`${transport}: the token goes in the query string only when asked`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamDirect(listener, { transport, access_token_in_query: true });
    t.after(() => handle.close());
    await server.until(() => server.open === 1);
    const [connection] = server.connections;
    assert.equal(connection?.query.get("access_token"), TOKEN);
    assert.equal(connection?.authorization, undefined);
    assert.equal(connection?.protocol, undefined);
  });

  test(`${transport}: the advertised address is unreachable, the API origin is used`, async (t) => {
    // Port 9 on loopback: nothing listens there, the connection is refused at once.
    const server = await serve(t, { advertise: () => "wss://127.0.0.1:9" });
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport, reconnect_async_wait_sec: 0.01 });
    t.after(() => handle.close());
    await server.until(() => (transport === "sse" ? server.open === 1 : server.wsSubscriptions.length === 1));
    server.send(["user"], "update", status("via fallback"));
    await listener.until(() => listener.events.length === 1);
    assert.deepEqual(listener.errors, [], "falling back is not an error");
    assert.ok(server.restRequests.includes("/api/v2/instance"));
  });
}

/** A standard WebSocket (browsers, Deno, Bun, Node 22+), on every Node: undici's, which Node 22+ has as its global. */
const UNDICI = {
  transport: "websocket",
  websocket: UndiciWebSocket as unknown as WebSocketConstructor,
} as const;
/**
 * Whether a stream with these options uses a standard WebSocket (no headers, an error without
 * status): only when one is given, since the default on Node is `ws`, which this repository installs.
 */
function standardWebSocket(options: { transport: string; websocket?: unknown }): boolean {
  return options.transport === "websocket" && options.websocket !== undefined;
}

/** The WebSocket a stream with `given` would use (`ws` by default on Node), counting sockets made. */
function countingWebSocket(given: WebSocketConstructor | undefined) {
  const Base = (given ?? WsWebSocket) as unknown as new (...args: unknown[]) => object;
  const made: string[] = [];
  class Implementation extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      made.push(String(args[0]));
    }
  }
  return { Implementation: Implementation as unknown as WebSocketConstructor, made };
}

for (const [name, options] of [
  ["sse", { transport: "sse" }],
  // The default: `ws`, which this repository installs, on every Node.
  ["websocket", { transport: "websocket" }],
  ["websocket (standard, undici)", UNDICI],
] as const) {
  test(`${name}: a refused token stops the stream with onAbort, no retries`, async (t) => {
    const server = await serve(t, { token: "the-right-one" });
    const listener = new Recorder();
    const counted = options.transport === "websocket" ? countingWebSocket(options.websocket) : undefined;
    const handle = client(server.url).streamUser(listener, {
      ...options,
      ...(counted && { websocket: counted.Implementation }),
      reconnect_async_wait_sec: 0.01,
    });
    await assert.rejects(handle.done, MastodonUnauthorizedError);
    assert.equal(listener.aborts.length, 1);
    assert.ok(listener.aborts[0] instanceof MastodonUnauthorizedError);
    assert.equal(handle.error, listener.aborts[0]);
    assert.ok(!listener.aborts[0]?.message.includes(TOKEN), "no token in the message");
    assert.equal(handle.isAlive(), false);
    if (counted === undefined) {
      assert.equal(server.connections.length, 1, "a refused token is not retried");
      return;
    }
    // Counted where the socket is made: Node 24's own WebSocket repeats a 401 handshake once itself.
    assert.equal(counted.made.length, 1, "a refused token is not retried");
    // A standard WebSocket learns why it was refused from one SSE request (its error has no status).
    const asked = server.connections.filter((c) => c.transport === "sse");
    assert.equal(asked.length, standardWebSocket(options) ? 1 : 0, "one question over HTTP at most");
  });

  test(`${name}: a refused query-string token is not in the error either`, async (t) => {
    const server = await serve(t, { token: "the-right-one" });
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, {
      ...options,
      access_token_in_query: true,
      reconnect_async_wait_sec: 0.01,
    });
    await assert.rejects(handle.done, MastodonUnauthorizedError);
    assert.equal(server.connections[0]?.query.get("access_token"), TOKEN, "the token went in the URL");
    const error = listener.aborts[0];
    assert.ok(error, "the listener heard of it");
    for (const text of [error.message, String(error), JSON.stringify(error), String(error.stack)]) {
      assert.ok(!text.includes(TOKEN), `no token in: ${text.replaceAll(TOKEN, "<TOKEN>")}`);
    }
  });
}

for (const transport of TRANSPORTS) {
  test(`${transport}: an advertised address that accepts but never answers times out, then the API origin is used`, async (t) => {
    // A black hole: connections are accepted and left hanging.
    const hole = createNetServer(() => undefined);
    await new Promise<void>((resolve) => hole.listen(0, "127.0.0.1", resolve));
    const sockets: Socket[] = [];
    hole.on("connection", (socket) => sockets.push(socket));
    t.after(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          hole.close(() => resolve());
        }),
    );
    const holePort = (hole.address() as AddressInfo).port;
    const server = await serve(t, { advertise: () => `ws://127.0.0.1:${holePort}` });
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport, timeout: 0.2 });
    t.after(() => handle.close());
    await server.until(() => (transport === "sse" ? server.open === 1 : server.wsSubscriptions.length === 1));
    assert.ok(sockets.length >= 1, "the advertised address was tried first");
    server.send(["user"], "update", status("after the black hole"));
    await listener.until(() => listener.events.length === 1);
    assert.deepEqual(listener.errors, []);
  });
}

for (const [name, websocket] of [
  ["the default, ws, which this repository installs", undefined],
  ["a standard WebSocket (undici's) on every Node", UNDICI.websocket],
] as const) {
  test(`auto picks WebSocket (${name}) and falls back to SSE when the server refuses the upgrade`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { websocket });
    t.after(() => handle.close());
    await server.until(() => server.wsSubscriptions.length === 1);
    assert.equal(server.connections[0]?.transport, "websocket");

    const noWs = await serve(t, { refuseWebSocket: 404 });
    const other = client(noWs.url).streamUser(new Recorder(), { websocket });
    t.after(() => other.close());
    // A standard WebSocket's refusal says nothing: one SSE request (closed at once) asks why first.
    const standard = standardWebSocket({ transport: "websocket", websocket });
    const expected = standard ? ["websocket", "sse", "sse"] : ["websocket", "sse"];
    await noWs.until(() => noWs.connections.length >= expected.length && noWs.open === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(
      noWs.connections.map((c) => c.transport),
      expected,
      "no more WebSocket attempts",
    );
    assert.equal(noWs.open, 1, "the question's response was closed");
  });
}

test("auto, standard WebSocket: a reconnect that fails once (reset) stays on WebSocket, since it worked before", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, {
    websocket: UNDICI.websocket,
    reconnect_async_wait_sec: 0.01,
    reconnect_max_wait_sec: 0.05,
  });
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 1);
  server.refuseWith = "reset";
  server.refuseConnections = 1;
  server.drop();
  await listener.until(() => listener.reconnects.length === 1);
  await server.until(() => server.wsSubscriptions.length === 1);
  // The reset says nothing to a standard WebSocket and the SSE question works: still not a reason to switch.
  assert.deepEqual(
    server.connections.map((c) => c.transport),
    ["websocket", "websocket", "sse", "websocket"],
  );
  server.send(["user"], "update", status("still over WebSocket"));
  await listener.until(() => listener.events.length === 1);
});

test("websocket: a WebSocket constructor passed by the user is the one used", async (t) => {
  const server = await serve(t);
  const made: string[] = [];
  class CountingWebSocket extends WsWebSocket {
    constructor(url: string, protocols?: string | string[], options?: object) {
      super(url, protocols, options);
      made.push(url);
    }
  }
  const handle = client(server.url).streamUser(new Recorder(), { websocket: CountingWebSocket });
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 1);
  assert.deepEqual(made, [`${server.url.replace("http", "ws")}/api/v1/streaming`]);
});

test("websocket: several subscriptions share one connection; subscribe and unsubscribe later", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamMultiple(
    [{ stream: "user" }, { stream: "hashtag", tag: "cats" }, { stream: "list", list: "42" }],
    listener,
    { transport: "websocket" },
  );
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 3);
  assert.equal(server.connections.length, 1);
  assert.deepEqual(server.wsSubscriptions.sort(), ["hashtag\u0000cats", "list\u000042", "user"]);

  server.send(["user"], "update", status("home"));
  server.send(["hashtag", "cats"], "update", status("cat"));
  server.send(["list", "42"], "update", status("listed"));
  await listener.until(() => listener.events.length === 3);
  assert.deepEqual(
    listener.events.map((e) => [e.stream, e.event === "update" ? e.payload.content : ""]),
    [
      [["user"], "home"],
      [["hashtag", "cats"], "cat"],
      [["list", "42"], "listed"],
    ],
  );

  handle.unsubscribe({ stream: "hashtag", tag: "cats" });
  handle.subscribe({ stream: "public:local:media" });
  await server.until(() => server.wsSubscriptions.includes("public:local:media"));
  assert.deepEqual(server.wsSubscriptions.sort(), ["list\u000042", "public:local:media", "user"]);
  assert.equal(server.connections.length, 1, "still one connection");
  assert.deepEqual(handle.subscriptions, [
    { stream: "user" },
    { stream: "list", list: "42" },
    { stream: "public:local:media" },
  ]);
});

test("websocket: a subscription the server refuses is reported; the others go on", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, { transport: "websocket" });
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 1);
  // Sent raw, bypassing the client-side check, as a server that refuses would answer.
  server.sendRawWs(JSON.stringify({ error: "Missing tag name parameter", status: 400 }));
  await listener.until(() => listener.errors.length === 1);
  assert.match(listener.errors[0]?.message ?? "", /refused a subscription: Missing tag name parameter/);
  server.send(["user"], "update", status("fine"));
  await listener.until(() => listener.events.length === 1);
  // A refusal a megabyte long is quoted, not copied whole into the message.
  server.sendRawWs(JSON.stringify({ error: "x".repeat(1_000_000), status: 400 }));
  await listener.until(() => listener.errors.length === 2);
  const long = listener.errors[1] as MastodonAPIError;
  assert.ok(long.message.length < 700, `${long.message.length} characters`);
  assert.match(long.message, /x… \(999,500 more characters\)$/);
  assert.equal(long.error?.length, 1_000_000);
  // A message that is not JSON, and a close reason: quoted without the control characters in them.
  server.sendRawWs("not json \u009b[2J");
  await listener.until(() => listener.errors.length === 3);
  assert.match(listener.errors[2]?.message ?? "", /not JSON \("not json \ufffd\[2J"\)/);
  server.closeWs(4000, "going away \u009b[2J\u0007");
  await listener.until(() => listener.disconnects.length === 1);
  assert.match(listener.disconnects[0]?.message ?? "", /closed \(code 4000: going away \ufffd\[2J\ufffd\)/);
});

test("sse: several subscriptions open one response each", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamMultiple(
    [{ stream: "public:remote:media" }, { stream: "hashtag:local", tag: "dogs" }],
    listener,
    { transport: "sse" },
  );
  t.after(() => handle.close());
  await server.until(() => server.open === 2);
  assert.deepEqual(server.connections.map((c) => `${c.path}?${c.query}`).sort(), [
    "/api/v1/streaming/hashtag/local?tag=dogs",
    "/api/v1/streaming/public/remote?only_media=true",
  ]);
  server.send(["hashtag:local", "dogs"], "update", status("dog"));
  await listener.until(() => listener.events.length === 1);
  assert.deepEqual(listener.events[0]?.stream, ["hashtag:local", "dogs"]);
});

test("CallbackStreamListener: Mastodon.py's handlers, local_update_handler for local accounts only", async (t) => {
  const server = await serve(t);
  const all: string[] = [];
  const local: string[] = [];
  const deleted: string[] = [];
  const handle = client(server.url).streamLocal(
    new CallbackStreamListener({
      update_handler: (s: Status) => all.push(s.content),
      local_update_handler: (s: Status) => local.push(s.content),
      delete_handler: (id) => deleted.push(id),
    }),
    { transport: "sse" },
  );
  t.after(() => handle.close());
  await server.until(() => server.open === 1);
  server.send(["public:local"], "update", status("mine", "alice"));
  server.send(["public:local"], "update", status("theirs", "bob@elsewhere.example"));
  server.send(["public:local"], "delete", undefined, "123");
  while (deleted.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(all, ["mine", "theirs"]);
  assert.deepEqual(local, ["mine"]);
  assert.deepEqual(deleted, ["123"]);
});

test("a callback that throws is reported to onError; later events still arrive", async (t) => {
  const server = await serve(t);
  const errors: Error[] = [];
  const seen: string[] = [];
  const handle = client(server.url).streamUser(
    {
      onUpdate(s) {
        seen.push(s.content);
        if (s.content === "bad") throw new Error("callback failed");
      },
      async onDelete() {
        throw new Error("async callback failed");
      },
      onError: (e) => errors.push(e),
    },
    { transport: "sse" },
  );
  t.after(() => handle.close());
  await server.until(() => server.open === 1);
  server.send(["user"], "update", status("bad"));
  server.send(["user"], "delete", undefined, "1");
  server.send(["user"], "update", status("good"));
  while (seen.length < 2 || errors.length < 2) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(seen, ["bad", "good"]);
  assert.deepEqual(errors.map((e) => e.message).sort(), ["async callback failed", "callback failed"]);
});

test("heartbeats reach handleHeartbeat", async (t) => {
  const server = await serve(t, { heartbeatMs: 10 });
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, { transport: "sse" });
  t.after(() => handle.close());
  await listener.until(() => listener.heartbeats >= 3);
});

test("Symbol.asyncDispose closes the stream", async (t) => {
  const server = await serve(t);
  const handle = client(server.url).streamUser(new Recorder(), { transport: "sse" });
  await server.until(() => server.open === 1);
  await handle[Symbol.asyncDispose]();
  assert.equal(handle.isAlive(), false);
  await server.until(() => server.open === 0);
});

test("streamHealthy asks the advertised streaming server", async (t) => {
  const server = await serve(t);
  assert.equal(await client(server.url).streamHealthy(), true);
  assert.ok(server.restRequests.includes("/api/v1/streaming/health"));
});

test("websocket: a standard WebSocket (standard events, no ping), as browsers, Deno, Bun and Node 22+ have", async (t) => {
  const server = await serve(t);
  const made: string[] = [];
  // A standard WebSocket's surface only (addEventListener, send, close), as in browsers, Deno, Node 22.
  class StandardWebSocket {
    readonly #socket: WsWebSocket;
    constructor(url: string, protocols?: string | string[]) {
      this.#socket = new WsWebSocket(url, protocols);
      made.push(url);
    }
    get readyState(): number {
      return this.#socket.readyState;
    }
    send(data: string): void {
      this.#socket.send(data);
    }
    close(code?: number, reason?: string): void {
      this.#socket.close(code, reason);
    }
    addEventListener(type: "open" | "message" | "error" | "close", listener: (event: never) => void): void {
      this.#socket.addEventListener(type, listener as () => void);
    }
  }
  const listener = new Recorder();
  // A short timeout: without ping, a quiet standard WebSocket must not be taken for dead.
  const handle = client(server.url).streamUser(listener, {
    timeout: 0.05,
    websocket: StandardWebSocket as unknown as WebSocketConstructor,
  });
  t.after(() => handle.close());
  await server.until(() => server.wsSubscriptions.length === 1);
  await new Promise((r) => setTimeout(r, 200));
  server.send(["user"], "update", status("standard"));
  await listener.until(() => listener.events.length === 1);
  assert.equal(made.length, 1);
  assert.equal(server.connections.length, 1, "no reconnect for a quiet connection");
  assert.deepEqual(listener.disconnects, []);
  handle.close();
  await server.until(() => server.open === 0);
});

test("which WebSocket a stream uses: the given one; on Node ws when installed, else the global; elsewhere the global, else ws", async () => {
  class Given {}
  class Global {}
  class Ws {}
  const ws = async () => Ws as unknown as WebSocketConstructor;
  const none = async () => undefined;
  const given = Given as unknown as WebSocketConstructor;
  const cases: [string, Parameters<typeof findWebSocket>[1], unknown][] = [
    ["Node with ws installed: ws, though there is a global", { node: true, global: Global, loadWs: ws }, Ws],
    ["Node without ws: the global (Node 22+)", { node: true, global: Global, loadWs: none }, Global],
    [
      "Node 20 without ws: none (streams go over SSE)",
      { node: true, global: undefined, loadWs: none },
      undefined,
    ],
    [
      "a browser, Deno or Bun: the global, though ws is installed",
      { node: false, global: Global, loadWs: ws },
      Global,
    ],
    ["no global elsewhere: ws if installed", { node: false, global: undefined, loadWs: ws }, Ws],
  ];
  for (const [what, environment, expected] of cases) {
    assert.equal(await findWebSocket(undefined, environment), expected, what);
    assert.equal(await findWebSocket(given, environment), Given, `${what}, but one is given`);
  }
  // This process is Node, and the repository installs ws.
  assert.equal(await findWebSocket(undefined), WsWebSocket);
});

test("each stream method opens its stream (SSE addresses)", async (t) => {
  const server = await serve(t);
  const api = client(server.url);
  const sse = { transport: "sse" } as const;
  const handles = [
    api.streamUser(undefined, sse),
    api.streamUserNotification(undefined, sse),
    api.streamPublic(undefined, sse),
    api.streamPublic(undefined, { ...sse, only_media: true }),
    api.streamPublic(undefined, { ...sse, local: true }),
    api.streamPublic(undefined, { ...sse, remote: true, only_media: true }),
    api.streamLocal(undefined, { ...sse, only_media: true }),
    api.streamHashtag("Cats", undefined, { ...sse, local: true }),
    api.streamList({ id: "42" }, undefined, sse),
    api.streamDirect(undefined, sse),
  ];
  t.after(() => {
    for (const handle of handles) handle.close();
  });
  await server.until(() => server.open === handles.length);
  assert.deepEqual(server.connections.map((c) => `${c.path}${c.query.size ? `?${c.query}` : ""}`).sort(), [
    "/api/v1/streaming/direct",
    "/api/v1/streaming/hashtag/local?tag=Cats",
    "/api/v1/streaming/list?list=42",
    "/api/v1/streaming/public",
    "/api/v1/streaming/public/local",
    "/api/v1/streaming/public/local?only_media=true",
    "/api/v1/streaming/public/remote?only_media=true",
    "/api/v1/streaming/public?only_media=true",
    "/api/v1/streaming/user",
    "/api/v1/streaming/user/notification",
  ]);
  assert.deepEqual(handles[8]?.subscriptions, [{ stream: "list", list: "42" }]);
});

test("for await: a stream stopped for good ends the loop with its error", async (t) => {
  const server = await serve(t, { token: "another-token" });
  const handle = client(server.url).streamUser(undefined, { transport: "sse" });
  t.after(() => handle.close());
  const seen: StreamEvent[] = [];
  await assert.rejects(async () => {
    for await (const event of handle) seen.push(event);
  }, MastodonUnauthorizedError);
  assert.deepEqual(seen, []);
  assert.equal(handle.isAlive(), false);
});
