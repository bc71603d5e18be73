// Backfill after a reconnect, over real sockets and a server that really goes away: every status and
// notification created while disconnected arrives exactly once and in order, on both transports,
// even when a live event comes with the response headers; gaps longer than any page count; ids are
// opaque (Mastodon's decimal snowflakes across a length boundary, Pleroma's base62 flake ids); a
// configured limit is announced with a backfill_incomplete event and never drops a mention.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { BackfillGap, StreamEvent } from "../src/index.js";
import { cmp, type IdStyle, MiniStreamingServer } from "./fault-streaming-server.js";
import { client, Recorder } from "./streaming-support.js";

const FAST = { reconnect_async_wait_sec: 0.05, reconnect_max_wait_sec: 0.1 } as const;
const TRANSPORTS = ["sse", "websocket"] as const;

const idsOf = (events: StreamEvent[], kind: "update" | "notification") =>
  events.flatMap((e) => (e.event === kind ? [e.payload.id] : []));
const sorted = (ids: string[]) => [...ids].sort(cmp);

async function serve(t: { after(fn: () => Promise<void>): void }, options = {}) {
  const server = await MiniStreamingServer.start(options);
  t.after(() => server.close());
  return server;
}

/** Waits for `predicate`, but at most `ms`: a test that loses events then fails on its counts instead of hanging. */
async function settle(listener: Recorder, predicate: () => boolean, ms = 3000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([listener.until(predicate), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Runs an outage: the server stops, `during` creates items, the server comes back on the same port. */
async function outage(server: MiniStreamingServer, listener: Recorder, during: () => void): Promise<void> {
  const disconnects = listener.disconnects.length;
  await server.stop();
  await listener.until(() => listener.disconnects.length > disconnects);
  during();
  await server.listen();
}

for (const transport of TRANSPORTS) {
  for (const ids of ["mastodon", "flake"] as IdStyle[]) {
    test(`${transport}, ${ids} ids: a live event arriving at once after the reconnect does not skip the outage`, async (t) => {
      const server = await serve(t, { ids, eventWithHeadersOnReconnect: true });
      const listener = new Recorder();
      const handle = client(server.url).streamUser(listener, { transport, backfill: true, ...FAST });
      t.after(() => handle.close());
      await server.until(() => server.open === 1);
      for (let i = 0; i < 3; i++) server.createStatus(`before ${i}`);
      server.createNotification("mention");
      await listener.until(() => listener.events.length === 4);

      await outage(server, listener, () => {
        for (let i = 0; i < 98; i++) {
          server.createStatus(`away ${i}`);
          if (i % 10 === 0) server.createNotification(i % 20 === 0 ? "mention" : "favourite");
        }
      });
      const all = () => sorted(server.statuses.map((s) => s.id));
      await settle(listener, () => idsOf(listener.events, "update").length >= server.statuses.length);
      // A live one after backfill, to see that nothing else comes late.
      server.createStatus("after");
      await settle(listener, () => idsOf(listener.events, "update").length >= server.statuses.length);

      const delivered = idsOf(listener.events, "update");
      const lost = all().filter((id) => !delivered.includes(id));
      assert.deepEqual(lost, [], `${lost.length} of ${server.statuses.length} statuses lost`);
      assert.equal(new Set(delivered).size, delivered.length, "no status twice");
      assert.deepEqual(delivered, all(), "in order");
      assert.deepEqual(idsOf(listener.events, "notification"), sorted(server.notifications.map((n) => n.id)));
      assert.deepEqual(listener.errors, []);
    });
  }
}

test("a gap longer than ten pages of forty is delivered whole; ids grow a digit on the way", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamUser(listener, { transport: "sse", backfill: true, ...FAST });
  t.after(() => handle.close());
  await server.until(() => server.open === 1);
  server.createStatus("first");
  await listener.until(() => listener.events.length === 1);
  await outage(server, listener, () => {
    for (let i = 0; i < 450; i++) server.createStatus(`away ${i}`);
  });
  await settle(listener, () => idsOf(listener.events, "update").length === 451);
  const delivered = idsOf(listener.events, "update");
  assert.equal(delivered[0]?.length, 18);
  assert.equal(delivered.at(-1)?.length, 19, "the ids crossed from 18 to 19 digits");
  assert.deepEqual(delivered, sorted(server.statuses.map((s) => s.id)));
  assert.ok(listener.events.slice(1).every((e) => e.backfilled === true));
});

test("backfill_limit stops backfill with a backfill_incomplete event, and every mention still arrives", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const gaps: BackfillGap[] = [];
  const handle = client(server.url).streamUser(
    Object.assign(listener, { onBackfillIncomplete: (gap: BackfillGap) => void gaps.push(gap) }),
    { transport: "sse", backfill: true, backfill_limit: 20, ...FAST },
  );
  t.after(() => handle.close());
  await server.until(() => server.open === 1);
  server.createStatus("first");
  server.createNotification("favourite");
  await listener.until(() => listener.events.length === 2);
  await outage(server, listener, () => {
    for (let i = 0; i < 60; i++) {
      server.createStatus(`away ${i}`);
      server.createNotification(i % 3 === 0 ? "mention" : "favourite");
    }
  });
  for (let waited = 0; gaps.length < 2 && waited < 5000; waited += 10) await sleep(10);
  const statusGap = gaps.find((g) => g.kind === "update");
  const notificationGap = gaps.find((g) => g.kind === "notification");
  const statuses = sorted(server.statuses.map((s) => s.id));
  assert.deepEqual(statusGap, { kind: "update", reason: "limit", after: statuses[20], delivered: 20 });
  assert.deepEqual(idsOf(listener.events, "update"), statuses.slice(0, 21));

  const notifications = [...server.notifications].sort((a, b) => cmp(a.id, b.id));
  const mentionsPast = notifications.slice(21).filter((n) => n.type === "mention");
  assert.deepEqual(notificationGap, {
    kind: "notification",
    reason: "limit",
    after: notifications[20]?.id,
    delivered: 20,
    mentionsDelivered: mentionsPast.length,
  });
  const deliveredNotifications = idsOf(listener.events, "notification");
  for (const mention of notifications.filter((n) => n.type === "mention"))
    assert.ok(deliveredNotifications.includes(mention.id), `mention ${mention.id} delivered`);
  assert.ok(
    server.restRequests.some((r) => r.includes("types%5B%5D=mention") || r.includes("types[]=mention")),
    server.restRequests.join("\n"),
  );
});
