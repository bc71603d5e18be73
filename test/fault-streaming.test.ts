// Fault tests for streams: statuses (and mentions) are created steadily by a real server on real
// sockets while the stream is dropped, silenced and the server itself is stopped and started again
// on the same port, mid-run. At the end every status and notification the server created is counted
// on the client: lost ones and duplicated ones, on both transports, with backfill.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { StreamEvent } from "../src/index.js";
import { cmp, MiniStreamingServer } from "./fault-streaming-server.js";
import { client, Recorder } from "./streaming-support.js";

const FAST = { reconnect_async_wait_sec: 0.02, reconnect_max_wait_sec: 0.1 } as const;

const idsOf = (events: StreamEvent[], kind: "update" | "notification") =>
  events.flatMap((e) => (e.event === kind ? [e.payload.id] : []));

/** Lost and duplicated ids, and whether the delivered ones are in order. */
function count(created: string[], delivered: string[]) {
  const seen = new Map<string, number>();
  for (const id of delivered) seen.set(id, (seen.get(id) ?? 0) + 1);
  const lost = created.filter((id) => !seen.has(id));
  const duplicated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  const ordered = delivered.every((id, i) => i === 0 || cmp(delivered[i - 1] as string, id) < 0);
  return { lost, duplicated, ordered };
}

for (const transport of ["sse", "websocket"] as const) {
  test(`${transport}: drops, a silent server and a restart mid-run lose and duplicate nothing`, async (t) => {
    const server = await MiniStreamingServer.start({ heartbeatMs: 40, eventWithHeadersOnReconnect: true });
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, {
      transport,
      backfill: true,
      timeout: 0.3,
      ...FAST,
    });
    t.after(async () => {
      handle.close();
      await server.close();
    });
    await server.until(() => server.open === 1);

    // A steady producer: a status every 3 ms, a mention every tenth, whether or not anyone listens.
    let producing = true;
    const producer = (async () => {
      for (let i = 0; producing; i++) {
        server.createStatus(`status ${i}`);
        if (i % 10 === 0) server.createNotification("mention");
        await sleep(3);
      }
    })();

    await sleep(150);
    server.drop(); // 1. connections reset
    await sleep(150);
    server.silent = true; // 2. the server goes silent (events stored, nothing sent)
    await listener.until(() => listener.disconnects.length >= 2);
    server.silent = false;
    await sleep(150);
    await server.stop(); // 3. the server crashes...
    await sleep(250);
    await server.listen(); // ... and comes back on the same port
    await sleep(200);
    producing = false;
    await producer;

    const statuses = server.statuses.map((s) => s.id).sort(cmp);
    const notifications = server.notifications.map((n) => n.id).sort(cmp);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      listener.until(
        () =>
          new Set(idsOf(listener.events, "update")).size >= statuses.length &&
          new Set(idsOf(listener.events, "notification")).size >= notifications.length,
      ),
      new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
    ]);
    clearTimeout(timer);
    await sleep(100); // anything late and duplicated would show now

    const s = count(statuses, idsOf(listener.events, "update"));
    const n = count(notifications, idsOf(listener.events, "notification"));
    const report =
      `${transport}: ${statuses.length} statuses created, ${s.lost.length} lost, ${s.duplicated.length} duplicated; ` +
      `${notifications.length} notifications, ${n.lost.length} lost, ${n.duplicated.length} duplicated; ` +
      `${listener.disconnects.length} disconnects, ${listener.reconnects.length} reconnects, ` +
      `${listener.events.filter((e) => e.backfilled).length} items backfilled`;
    t.diagnostic(report);
    assert.ok(listener.disconnects.length >= 3, report);
    assert.deepEqual(s.lost, [], report);
    assert.deepEqual(s.duplicated, [], report);
    assert.deepEqual(n.lost, [], report);
    assert.deepEqual(n.duplicated, [], report);
    assert.ok(s.ordered && n.ordered, `in order; ${report}`);
    assert.deepEqual(listener.errors, []);
  });
}
