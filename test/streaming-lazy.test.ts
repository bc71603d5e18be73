// The code that runs streams (src/streaming/engine.ts) loads when the first stream starts; the handle
// a stream method returns works before it has loaded: close() right away leaves nothing open,
// subscribe() and `for await` set up before the load see every event of the first connection, and a
// chunk that cannot be loaded stops the stream with the same advice as the REST areas' loader.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { StreamEvent } from "../src/index.js";
import { FakeStreamingServer, status } from "./streaming-servers.js";
import { client, Recorder, TOKEN } from "./streaming-support.js";
import { bundleWithoutChunk } from "./support/missing-chunk.js";

async function serve(t: { after(fn: () => Promise<void>): void }) {
  const server = await FakeStreamingServer.start();
  t.after(() => server.close());
  return server;
}

/** `done`, or a failure after a few seconds (not a hang) when the stream does not stop. */
async function stopped(handle: { done: Promise<void> }, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: the stream did not stop`)), 5000);
  });
  try {
    await Promise.race([handle.done, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lets pending promise jobs and I/O callbacks run (a stream that wrongly went on would connect). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

test("close() right after the call, before the engine has loaded: done resolves, nothing connects, no onAbort", async (t) => {
  const server = await serve(t);
  for (const transport of ["sse", "websocket"] as const) {
    const listener = new Recorder();
    const handle = client(server.url).streamUser(listener, { transport });
    const loop = handle[Symbol.asyncIterator]();
    handle.close();
    assert.equal(handle.isReceiving(), false);
    await stopped(handle, transport);
    assert.equal(handle.isAlive(), false);
    assert.equal(handle.error, undefined);
    assert.deepEqual(await loop.next(), { value: undefined, done: true }, "the loop ends without an error");
    await handle.flush();
    await settle();
    assert.deepEqual(server.connections, [], `${transport}: no connection was opened`);
    assert.deepEqual([listener.aborts, listener.errors], [[], []]);
  }
});

test("subscribe() and for await set up before the engine has loaded see the first connection's events, in order", async (t) => {
  const server = await serve(t);
  const listener = new Recorder();
  const handle = client(server.url).streamMultiple({ stream: "user" }, listener, { transport: "websocket" });
  handle.subscribe({ stream: "hashtag", tag: "#cats" });
  handle.unsubscribe({ stream: "user" });
  handle.subscribe({ stream: "user" });
  assert.deepEqual(handle.subscriptions, [{ stream: "hashtag", tag: "cats" }, { stream: "user" }]);
  const loop = handle[Symbol.asyncIterator]();
  await server.until(() => server.wsSubscriptions.length === 2);
  assert.deepEqual(server.wsSubscriptions.sort(), ["hashtag\u0000cats", "user"]);
  const sent = [status("one"), status("two"), status("three")];
  server.send(["hashtag", "cats"], "update", sent[0]);
  server.send(["user"], "update", sent[1]);
  server.send(["hashtag", "cats"], "update", sent[2]);
  const looped: StreamEvent[] = [];
  for await (const event of { [Symbol.asyncIterator]: () => loop }) {
    looped.push(event);
    if (looped.length === 3) break;
  }
  const ids = (events: StreamEvent[]) => events.map((e) => (e.event === "update" ? e.payload.id : e.event));
  assert.deepEqual(
    ids(looped),
    sent.map((s) => s.id),
  );
  assert.deepEqual(
    ids(listener.events),
    sent.map((s) => s.id),
  );
  // Leaving the loop closed the stream.
  await handle.done;
  assert.equal(handle.isAlive(), false);
});

test("an engine chunk that cannot be loaded stops the stream with a MastodonError saying what to do; the next stream loads it", async (t) => {
  const server = await serve(t);
  // The package as a bundler splits it: the engine is a chunk of its own, which goes missing.
  const bundle = await bundleWithoutChunk("src/streaming/engine.ts");
  t.after(() => bundle.remove());
  const packageCode = bundle.code;
  const api = new packageCode.Mastodon({ api_base_url: server.url, access_token: TOKEN });

  const listener = new Recorder();
  const handle = api.streamUser(listener, { transport: "sse" });
  await assert.rejects(handle.done, (error: unknown) => {
    assert.ok(error instanceof packageCode.MastodonError);
    assert.match(error.message, /^mastodon-ts could not load the code of streaming \(/);
    assert.match(error.message, /check that every chunk of the bundle is served/);
    assert.ok(error.cause instanceof Error);
    return true;
  });
  assert.equal(handle.error?.message, listener.aborts[0]?.message, "onAbort heard of it");
  assert.equal(listener.aborts.length, 1);
  assert.equal(handle.isAlive(), false);
  assert.deepEqual(server.connections, []);

  // The loader forgets a failed load: once the chunk is served, the next stream works.
  bundle.restore();
  const next = api.streamUser(new Recorder(), { transport: "sse" });
  t.after(() => next.close());
  await server.until(() => server.open === 1);
  next.close();
  await next.done;
});
