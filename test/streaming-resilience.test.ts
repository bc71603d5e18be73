// Streams that survive: dropped connections (between and in the middle of events), a server gone
// silent, refused reconnects, recovery with backfill (nothing lost, nothing twice), closing while
// reconnecting. Both transports, real sockets.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MastodonNetworkError, MastodonReadTimeout, type StreamEvent } from "../src/index.js";
import { FakeStreamingServer, notification, status } from "./streaming-servers.js";
import { client, Recorder } from "./streaming-support.js";

const TRANSPORTS = ["sse", "websocket"] as const;
const FAST = { reconnect_async_wait_sec: 0.02, reconnect_max_wait_sec: 0.1 } as const;

async function serve(t: { after(fn: () => Promise<void>): void }, options = {}) {
  const server = await FakeStreamingServer.start(options);
  t.after(() => server.close());
  return server;
}

function ready(server: FakeStreamingServer, transport: "sse" | "websocket", streams = 1) {
  return server.until(() =>
    transport === "sse" ? server.open === streams : server.wsSubscriptions.length === streams,
  );
}

/**
 * The stream requests of one failed attempt. The default WebSocket on Node is the `ws` package, which
 * this repository installs: it sees a refused upgrade's status itself. (A standard WebSocket would ask
 * why with one more SSE request; test/streaming.test.ts covers that with undici's.)
 */
const REQUESTS_PER_ATTEMPT = 1;

const ids = (events: StreamEvent[], kind: "update" | "notification") =>
  events.flatMap((e) => (e.event === kind ? [e.payload.id] : []));

for (const transport of TRANSPORTS) {
  test(`${transport}: dropped mid-event, reconnects refused for a while, then backfill: nothing lost, nothing twice`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport, backfill: true, ...FAST });
    t.after(() => handle.close());
    await ready(server, transport);

    const s1 = status("one");
    const s2 = status("two");
    const n1 = notification();
    server.publish(["user"], "update", s1);
    server.publish(["user"], "notification", n1);
    server.publish(["user"], "update", s2);
    await listener.until(() => listener.events.length === 3);

    server.refuseConnections = 2 * REQUESTS_PER_ATTEMPT;
    server.drop(true);
    await listener.until(() => listener.disconnects.length === 1);
    assert.ok(listener.disconnects[0] instanceof MastodonNetworkError, String(listener.disconnects[0]));
    assert.equal(handle.isAlive(), true);
    // What happens while the client is away: only REST can tell it.
    const s3 = status("three");
    const n2 = notification("favourite");
    const s4 = status("four");
    server.happenWhileAway("update", s3);
    server.happenWhileAway("notification", n2);
    server.happenWhileAway("update", s4);

    await listener.until(() => listener.reconnects.length === 1);
    assert.equal(listener.reconnects[0]?.attempts, 3, "two refused attempts, then the one that worked");
    // Published right after the reconnect: on the live stream, and (depending on timing) in the REST page too.
    await ready(server, transport);
    const s5 = status("five");
    server.publish(["user"], "update", s5);
    const s6 = status("six");
    await listener.until(() => ids(listener.events, "update").includes(s5.id));
    server.publish(["user"], "update", s6);
    await listener.until(() => ids(listener.events, "update").includes(s6.id));

    assert.deepEqual(ids(listener.events, "update"), [s1.id, s2.id, s3.id, s4.id, s5.id, s6.id]);
    assert.deepEqual(ids(listener.events, "notification"), [n1.id, n2.id]);
    const backfilled = listener.events.flatMap((e) =>
      e.backfilled && (e.event === "update" || e.event === "notification") ? [e.payload.id] : [],
    );
    for (const id of [s3.id, s4.id, n2.id]) assert.ok(backfilled.includes(id), `${id} came from backfill`);
    assert.ok(!backfilled.includes(s1.id) && !backfilled.includes(s6.id));
    assert.ok(
      server.restRequests.includes(`/api/v1/timelines/home?min_id=${s2.id}&limit=40`),
      server.restRequests.join(),
    );
    assert.ok(server.restRequests.includes(`/api/v1/notifications?min_id=${n1.id}&limit=40`));
    assert.deepEqual(listener.errors, []);
    assert.equal(server.connections.length, 2 + 2 * REQUESTS_PER_ATTEMPT);
  });

  test(`${transport}: without backfill, a reconnect resumes live events and says so`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamPublic(listener, { transport, ...FAST });
    t.after(() => handle.close());
    await ready(server, transport);
    server.publish(["public"], "update", status("before"));
    await listener.until(() => listener.events.length === 1);
    server.drop();
    await listener.until(() => listener.reconnects.length === 1);
    await ready(server, transport);
    assert.equal(handle.isReceiving(), true);
    server.publish(["public"], "update", status("after"));
    await listener.until(() => listener.events.length === 2);
    assert.deepEqual(
      listener.events.map((e) => e.event === "update" && e.payload.content),
      ["before", "after"],
    );
    assert.equal(listener.disconnects.length, 1);
    assert.ok(listener.events.every((e) => !e.backfilled));
  });

  test(`${transport}: a server gone silent is detected by the timeout and replaced`, async (t) => {
    const server = await serve(t, { heartbeatMs: 20 });
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport, timeout: 0.15, ...FAST });
    t.after(() => handle.close());
    await ready(server, transport);
    server.silent = true;
    await listener.until(() => listener.disconnects.length === 1);
    assert.ok(listener.disconnects[0] instanceof MastodonReadTimeout, String(listener.disconnects[0]));
    assert.match(listener.disconnects[0]?.message ?? "", /for 0.15 s/);
    server.silent = false;
    await listener.until(() => listener.reconnects.length === 1);
    await server.until(() => server.connections.length === 2);
    await ready(server, transport);
    server.publish(["user"], "update", status("awake"));
    await listener.until(() => listener.events.length === 1);
  });

  test(`${transport}: closing while reconnecting stops the attempts`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport, ...FAST });
    await ready(server, transport);
    server.refuseConnections = 1_000;
    server.drop();
    await listener.until(() => listener.disconnects.length === 1);
    await server.until(() => server.connections.length >= 3);
    handle.close();
    await handle.done;
    assert.equal(handle.isAlive(), false);
    assert.equal(handle.isReceiving(), false);
    const attempts = server.connections.length;
    // Several backoff periods later there has been no further attempt.
    await sleep(300);
    assert.equal(server.connections.length, attempts);
    assert.deepEqual(listener.aborts, []);
    assert.deepEqual(listener.reconnects, []);
  });

  test(`${transport}: reconnect_async: false ends the stream on the first drop, with onAbort`, async (t) => {
    const server = await serve(t);
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport, reconnect_async: false });
    await ready(server, transport);
    server.drop();
    await assert.rejects(handle.done, MastodonNetworkError);
    assert.equal(listener.aborts.length, 1);
    assert.equal(listener.disconnects.length, 0);
    assert.equal(server.connections.length, 1);
  });
}

test("websocket: after a reconnect every subscription is restored on the new connection", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamMultiple(
    [{ stream: "user" }, { stream: "hashtag", tag: "cats" }],
    listener,
    { transport: "websocket", ...FAST },
  );
  t.after(() => handle.close());
  await ready(server, "websocket", 2);
  handle.subscribe({ stream: "direct" });
  await ready(server, "websocket", 3);
  server.refuseWith = "reset";
  server.refuseConnections = 1;
  server.drop();
  await listener.until(() => listener.reconnects.length === 1);
  await ready(server, "websocket", 3);
  assert.deepEqual(server.wsSubscriptions.sort(), ["direct", "hashtag\u0000cats", "user"]);
  // A standard WebSocket asks over SSE why the reset attempt failed.
  assert.equal(server.connections.length, 2 + REQUESTS_PER_ATTEMPT, "first, reset, restored");
  server.publish(["hashtag", "cats"], "update", status("cat again"));
  await listener.until(() => listener.events.length === 1);
});

test("a first connection that fails is reported on each attempt until one works", async (t) => {
  const server = await serve(t);
  server.refuseConnections = 2;
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, { transport: "sse", ...FAST });
  t.after(() => handle.close());
  await ready(server, "sse");
  await listener.until(() => listener.errors.length === 2);
  assert.match(listener.errors[0]?.message ?? "", /503|unavailable/i);
  assert.deepEqual(listener.reconnects, [], "not a reconnect: it was never connected");
  server.publish(["user"], "update", status("at last"));
  await listener.until(() => listener.events.length === 1);
});
