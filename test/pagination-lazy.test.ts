// Following pages (fetchNext, fetchPrevious, fetchRemaining, paginationIterator: src/api/pagination-walk.ts)
// loads on first use, through src/api/pagination-loader.ts, and so does polling with a checkpoint
// (paginationIterator("notifications"): src/api/notification-poll.ts). Over a real node:http server: an iterator
// handed out before the code is loaded loads it on its first next() and keeps the order of
// overlapping next() calls, and later iterators are the walk's own; code that fails to load is a
// MastodonError saying what to do, and the next call tries again; a browser app with code splitting
// loads none of it at start.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import { Mastodon, memoryStore } from "../src/index.js";
import { filesLoadedAtStart } from "./support/bundle-start.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";
import { bundleWithoutChunk } from "./support/missing-chunk.js";

const TOKEN = "lazy-pagination-token";

/** Home timeline in three pages (ids 30..25), each pointing to the next; the third is empty. */
function homePages(baseUrl: () => string) {
  return (req: ParsedRequest, res: ServerResponse) => {
    if (req.path !== "/api/v1/timelines/home") return json(res, 404, { error: "Record not found" });
    const maxId = Number(req.query.get("max_id") ?? 31);
    const ids = [maxId - 1, maxId - 2].filter((id) => id >= 25);
    const link =
      ids.length > 0 ? `<${baseUrl()}/api/v1/timelines/home?max_id=${ids.at(-1)}>; rel="next"` : "";
    json(
      res,
      200,
      ids.map((id) => ({ id: String(id) })),
      link ? { link } : {},
    );
  };
}

async function homeServer() {
  let url = "";
  const server = await startServer(homePages(() => url));
  url = server.url;
  return server;
}

const ids = (items: unknown[]) => items.map((item) => (item as { id: string }).id);

// First in this file: nothing has loaded the walk's code yet.
test("an iterator handed out before the code loads loads it on its first next(), in order; later ones are the walk's own", async (t) => {
  const server = await homeServer();
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: TOKEN });
  const first = await api.timelineHome();
  const iterator = api.paginationIterator(first);
  assert.equal(iterator.constructor.name, "IteratorAfterLoad", "a stand-in until the code is loaded");
  const overlapping = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
  assert.deepEqual(
    overlapping.map((result) => (result.value as { id: string }).id),
    ["30", "29", "28"],
  );
  const rest: unknown[] = [];
  for await (const item of iterator) rest.push(item);
  assert.deepEqual(ids(rest), ["27", "26", "25"]);
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });

  const later = api.paginationIterator(first);
  assert.equal(later.constructor.name, "PageWalker", "once loaded, no stand-in in between");
  const all: unknown[] = [];
  for await (const item of later) all.push(item);
  assert.deepEqual(ids(all), ["30", "29", "28", "27", "26", "25"]);
});

test("fetchNext, fetchPrevious and fetchRemaining work over the loaded code", async (t) => {
  const server = await homeServer();
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: TOKEN });
  const first = await api.timelineHome();
  const second = await api.fetchNext(first);
  assert.deepEqual(ids(second ?? []), ["28", "27"]);
  assert.equal(await api.fetchPrevious(first), null);
  assert.deepEqual(ids(await api.fetchRemaining(first)), ["30", "29", "28", "27", "26", "25"]);
});

test("pagination code that fails to load is a MastodonError saying what to do; the next call loads it", async (t) => {
  // The package as a bundler splits it: the walk is a chunk of its own, which goes missing.
  const bundle = await bundleWithoutChunk("src/api/pagination-walk.ts");
  t.after(() => bundle.remove());
  const bundled = bundle.code;
  const server = await homeServer();
  t.after(() => server.close());
  const api = new bundled.Mastodon({ api_base_url: server.url, access_token: TOKEN });
  const first = await api.timelineHome();
  const requests = server.requests.length;
  const refused = (error: unknown) => {
    assert.ok(error instanceof bundled.MastodonError);
    assert.match(error.message, /^mastodon-ts could not load the code of the pagination methods \(/);
    assert.match(error.message, /check that every chunk of the bundle is served/);
    assert.doesNotMatch(error.message, new RegExp(TOKEN));
    return true;
  };
  await assert.rejects(api.fetchNext(first), refused);
  await assert.rejects(api.fetchRemaining(first), refused);

  // An iterator: the next() that meets the failure rejects, and the walk is over, as after a
  // generator's error; return() before the first next() ends a walk without loading anything.
  const iterator = api.paginationIterator(first);
  const [failed, after] = await Promise.allSettled([iterator.next(), iterator.next()]);
  assert.equal(failed.status, "rejected");
  refused((failed as PromiseRejectedResult).reason);
  assert.deepEqual(after, { status: "fulfilled", value: { value: undefined, done: true } });
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  const unused = api.paginationIterator(first);
  assert.deepEqual(await unused.return("left"), { value: "left", done: true });
  assert.deepEqual(await unused.next(), { value: undefined, done: true });
  assert.equal(server.requests.length, requests, "nothing was asked of the server");

  bundle.restore();
  assert.deepEqual(ids((await api.fetchNext(first)) ?? []), ["28", "27"]);
  const all: unknown[] = [];
  for await (const item of api.paginationIterator(first)) all.push(item);
  assert.deepEqual(ids(all), ["30", "29", "28", "27", "26", "25"]);
});

/** An account with notifications 12 (the newest when polling starts), then 13 and 14. */
function notificationServer() {
  let newest = 12;
  const server = startServer((req, res) => {
    if (req.path === "/api/v1/accounts/verify_credentials") return json(res, 200, { id: "1" });
    if (req.path !== "/api/v1/notifications") return json(res, 404, { error: "Record not found" });
    const minId = Number(req.query.get("min_id") ?? newest - 1);
    const ids = [];
    for (let id = newest; id > minId; id--) ids.push({ id: String(id), type: "mention" });
    json(res, 200, ids);
  });
  return { server, arrive: (id: number) => (newest = id) };
}

async function poll(api: Mastodon, checkpoint: ReturnType<typeof memoryStore>) {
  const polled: string[] = [];
  for await (const notification of api.paginationIterator("notifications", { checkpoint })) {
    polled.push(notification.id);
  }
  return polled;
}

test('paginationIterator("notifications") loads its code on the first next() and polls from the checkpoint', async (t) => {
  const { server: started, arrive } = notificationServer();
  const server = await started;
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: TOKEN });
  const checkpoint = memoryStore();
  assert.deepEqual(await poll(api, checkpoint), [], "the first run starts from now");
  arrive(14);
  assert.deepEqual(await poll(api, checkpoint), ["13", "14"], "oldest first");
  assert.deepEqual(await poll(api, checkpoint), [], "nothing twice");
});

test("polling code that fails to load is a MastodonError saying what to do; the next run loads it", async (t) => {
  const bundle = await bundleWithoutChunk("src/api/notification-poll.ts");
  t.after(() => bundle.remove());
  const { server: started, arrive } = notificationServer();
  const server = await started;
  t.after(() => server.close());
  const api = new bundle.code.Mastodon({ api_base_url: server.url, access_token: TOKEN });
  const checkpoint = memoryStore();
  const iterator = api.paginationIterator("notifications", { checkpoint });
  await assert.rejects(iterator.next(), (error: unknown) => {
    assert.ok(error instanceof bundle.code.MastodonError);
    assert.match(
      error.message,
      /^mastodon-ts could not load the code of paginationIterator\("notifications"\) \(/,
    );
    assert.match(error.message, /check that every chunk of the bundle is served/);
    return true;
  });
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  assert.equal(server.requests.length, 0);
  bundle.restore();
  assert.deepEqual(await poll(api, checkpoint), []);
  arrive(13);
  assert.deepEqual(await poll(api, checkpoint), ["13"]);
});

test("a browser app with code splitting loads no code for following pages or polling at start", async () => {
  const loadedAtStart = await filesLoadedAtStart(
    'import { Mastodon } from "./src/index.ts";\n' +
      "const api = new Mastodon({ access_token: 't', api_base_url: 'https://example.com' });\n" +
      "api.timelineHome().then((s) => console.log(s.length));",
  );
  assert.equal(loadedAtStart.has("src/api/pagination-walk.ts"), false);
  assert.equal(loadedAtStart.has("src/api/notification-poll.ts"), false);
  assert.ok(loadedAtStart.has("src/api/pagination-loader.ts"), "the loader does");
  assert.ok(loadedAtStart.has("src/api/pagination.ts"), "and getPaginationInfo, which answers at once");
});
