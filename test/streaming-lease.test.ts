// Exclusive streams (backfill + checkpoint + exclusive) in one process, over real sockets: what
// happens to the lease when the stream stops, is closed while it waits, or loses it mid-backfill.
// The fleet with real processes and Redis is in stores-checkpoint.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mastodon, type MastodonStore, memoryStore } from "../src/index.js";
import type { StreamHandle } from "../src/streaming/handle.js";
import { FakeStreamingServer } from "./streaming-servers.js";
import { Recorder } from "./streaming-support.js";

const TOKEN = "lease-test-token";
const LEASE_SECONDS = 3;

/** A listener that also records lease changes. */
class LeaseRecorder extends Recorder {
  readonly leases: boolean[] = [];
  onLeaseChange = (held: boolean) => {
    this.leases.push(held);
  };
}

interface LeaseSwitch {
  store: MastodonStore;
  /** While set, every lease request is answered "held by someone else". */
  refuse: boolean;
  /** While set, lease requests wait for it before they are answered. */
  answerAfter: Promise<void> | undefined;
  /** How many lease requests and releases the store has seen. */
  asked: number;
  released: number;
}

/** A memoryStore whose leases can be refused or delayed (see LeaseSwitch). */
function storeWithLeaseSwitch(): LeaseSwitch {
  const base = memoryStore();
  const control: LeaseSwitch = {
    refuse: false,
    answerAfter: undefined,
    asked: 0,
    released: 0,
    store: {
      kind: base.kind,
      getCheckpoint: (key: string) => base.getCheckpoint(key),
      advanceCheckpoint: (key: string, id: string) => base.advanceCheckpoint(key, id),
      lease: async (key: string, owner: string, ms: number) => {
        control.asked++;
        await control.answerAfter;
        return control.refuse ? { held: false, remainingMs: ms } : base.lease(key, owner, ms);
      },
      releaseLease: (key: string, owner: string) => {
        control.released++;
        return base.releaseLease(key, owner);
      },
      takeBudget: base.takeBudget.bind(base),
      reportBudget: base.reportBudget.bind(base),
    } satisfies MastodonStore,
  };
  return control;
}

const until = async (predicate: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

function exclusiveStream(api: Mastodon, store: MastodonStore, listener: Recorder): StreamHandle {
  return api.streamUser(listener, {
    backfill: true,
    checkpoint: store,
    exclusive: true,
    // Long enough that a busy machine renews in time (every second), short enough for the tests.
    lease_seconds: LEASE_SECONDS,
    reconnect_async_wait_sec: 0.02,
  });
}

test("a stream that stops for good gives its lease back: the next replica takes over at once", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const { store } = storeWithLeaseSwitch();
  const first = new LeaseRecorder();
  const firstStream = exclusiveStream(
    new Mastodon({ api_base_url: server.url, access_token: TOKEN }),
    store,
    first,
  );
  t.after(() => firstStream.close());
  await until(() => server.wsSubscriptions.length === 1, "the first replica's stream");
  assert.deepEqual(first.leases, [true]);
  const second = new LeaseRecorder();
  const secondStream = exclusiveStream(
    new Mastodon({ api_base_url: server.url, access_token: TOKEN }),
    store,
    second,
  );
  t.after(() => secondStream.close());
  // The first replica's token is refused when it reconnects: that stops its stream for good.
  server.refuseConnections = 1;
  server.refuseWith = 401;
  server.drop();
  await assert.rejects(firstStream.done, /refused the access token \(401\)/);
  // Released, not left to run out: the second replica takes it at its next ask, within a lease.
  await until(() => second.leases.includes(true), "the second replica's lease", LEASE_SECONDS * 1000 - 500);
  await until(() => server.wsSubscriptions.length === 1, "the second replica's stream");
  assert.deepEqual(second.aborts, []);
});

test("close() while the store is granting the lease: no connection is opened, and the lease goes back", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const control = storeWithLeaseSwitch();
  let grant: () => void = () => undefined;
  control.answerAfter = new Promise<void>((resolve) => (grant = resolve));
  const listener = new LeaseRecorder();
  const stream = exclusiveStream(
    new Mastodon({ api_base_url: server.url, access_token: TOKEN }),
    control.store,
    listener,
  );
  t.after(() => stream.close());
  await until(() => control.asked === 1, "the lease request");
  stream.close();
  grant();
  await stream.done;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(server.connections, [], "no connection after close()");
  assert.equal(control.released, 1, "the lease granted as close() came is given back");
  assert.deepEqual(listener.leases, []);
});

test("a lease lost while backfill runs is a lease loss, not a failed connection: the stream waits for it again", async (t) => {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  const control = storeWithLeaseSwitch();
  // Backfill's REST requests wait at this gate while `hold` is set.
  let hold = false;
  let open: () => void = () => undefined;
  const gate = () => new Promise<void>((resolve) => (open = resolve));
  const fetchThroughGate: typeof fetch = async (input, init) => {
    if (hold && /\/api\/v1\/(timelines|notifications)/.test(String(input))) await gate();
    return fetch(input, init);
  };
  const listener = new LeaseRecorder();
  const stream = exclusiveStream(
    new Mastodon({ api_base_url: server.url, access_token: TOKEN, fetch: fetchThroughGate }),
    control.store,
    listener,
  );
  t.after(() => stream.close());
  await until(() => server.wsSubscriptions.length === 1, "the stream");
  // The first connection reads where backfill would start (home timeline, notifications) before the
  // gate may close: held there, it would never get to the reconnect.
  const seeded = (path: string) => server.restRequests.some((request) => request.startsWith(path));
  await until(() => seeded("/api/v1/timelines/home") && seeded("/api/v1/notifications"), "the seeding");
  hold = true;
  server.drop();
  // Reconnected and backfilling: the lease is lost meanwhile, then backfill's answers arrive.
  await until(() => listener.reconnects.length === 1, "the reconnect");
  control.refuse = true;
  await until(() => listener.leases.includes(false), "the lease loss");
  hold = false;
  open();
  control.refuse = false;
  await until(() => listener.leases.filter((held) => held).length === 2, "the lease again");
  await until(() => server.wsSubscriptions.length === 1, "the stream again");
  assert.deepEqual(listener.leases, [true, false, true]);
  assert.deepEqual(
    listener.disconnects.map((error) => error.message),
    [listener.disconnects[0]?.message],
    "one disconnect: the dropped connection, not the lease loss",
  );
  assert.deepEqual(listener.errors, []);
});
