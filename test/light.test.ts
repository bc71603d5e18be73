// mastodon-ts/light: the class's methods as functions of a client, over real sockets (a node:http
// server on 127.0.0.1, a real SSE stream), and what its browser bundle may contain.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import { Mastodon } from "../src/index.js";
import { createClient, statusPost, streamUser, timelineHome } from "../src/light.js";
import { oneFileBundle } from "./support/bundle-start.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";

const STATUS = { id: "101", content: "<p>hello</p>", account: { id: "1", acct: "bot" } };

/** Home timeline, status posts and the user stream (SSE, one update), as Mastodon answers them. */
function mastodonLike(req: ParsedRequest, res: ServerResponse): void {
  if (req.method === "GET" && req.path === "/api/v1/timelines/home") json(res, 200, [STATUS]);
  else if (req.method === "POST" && req.path === "/api/v1/statuses") json(res, 200, STATUS);
  else if (req.method === "GET" && req.path === "/api/v1/streaming/user") {
    res.writeHead(200, { "content-type": "text/event-stream" });
    // Left open, as a live stream; the client closes it.
    res.write(`event: update\ndata: ${JSON.stringify(STATUS)}\n\n`);
  } else json(res, 404, { error: "Record not found" });
}

test("light functions send what the class's methods send and resolve to the same results", async (t) => {
  const server = await startServer(mastodonLike);
  t.after(() => server.close());
  const options = { api_base_url: server.url, access_token: "light-test-token" };
  const client = createClient(options);
  const api = new Mastodon(options);

  assert.deepEqual(await timelineHome(client, { limit: 5 }), await api.timelineHome({ limit: 5 }));
  assert.deepEqual(await statusPost(client, "hello", { visibility: "unlisted" }), STATUS);
  await api.statusPost("hello", { visibility: "unlisted" });

  const [lightHome, classHome, lightPost, classPost] = server.requests;
  assert.equal(lightHome?.path, "/api/v1/timelines/home");
  assert.deepEqual(lightHome?.params, classHome?.params);
  assert.equal(lightHome?.headers.authorization, "Bearer light-test-token");
  assert.deepEqual(lightPost?.params, { status: "hello", visibility: "unlisted" });
  assert.deepEqual(lightPost?.params, classPost?.params);
  assert.ok(lightPost?.headers["idempotency-key"], "the post carries an Idempotency-Key");
});

test("light functions check their arguments as the class does, before sending", async (t) => {
  const server = await startServer(mastodonLike);
  t.after(() => server.close());
  const client = createClient({ api_base_url: server.url, access_token: "light-test-token" });
  await assert.rejects(statusPost(client, "hi", { visibility: "everyone" }), /visibility/);
  assert.throws(() => streamUser(client, { transport: "carrier pigeon" } as never), /options/);
  assert.equal(server.requests.length, 0);
});

test("light streamUser delivers the user stream's events", async (t) => {
  const server = await startServer(mastodonLike);
  t.after(() => server.close());
  const client = createClient({ api_base_url: server.url, access_token: "light-test-token" });
  const handle = streamUser(client, undefined, { transport: "sse", streaming_base_url: server.url });
  t.after(() => handle.close());
  for await (const event of handle) {
    assert.equal(event.event, "update");
    assert.equal((event.payload as { id: string }).id, "101");
    break;
  }
  assert.equal(server.requests.at(-1)?.path, "/api/v1/streaming/user");
});

test("the light browser bundle holds no endpoint tables, Node built-ins, CLI or sandbox", async () => {
  // Not even read (shaken out or not): a bundler that shakes less must not reach them either.
  const { read, code } = await oneFileBundle(
    'import { createClient, statusPost, streamUser, timelineHome } from "./src/light.ts";\n' +
      "const c = createClient({ access_token: 't', api_base_url: 'https://example.com' });\n" +
      "timelineHome(c); statusPost(c, 'hi'); streamUser(c);",
  );
  const forbidden = [...read].filter((path) =>
    /^node:|\/(sandbox|cli)\/|\/api\/(admin|accounts|media|push)\//.test(path),
  );
  assert.deepEqual(forbidden, []);
  assert.ok(!code.includes("/api/v1/admin/"), "no admin routes");
  assert.ok(!code.includes("/api/v1/media"), "no media routes");
});
