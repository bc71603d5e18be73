// The request path (HTTP core, transport, rate-limit budgets: src/core/request-path.ts) loads on a
// client's first request: over a real node:http server the first request works and later ones
// too; the rate-limit attributes read before the first request show the same state the budget
// then starts from; a request path that fails to load is a MastodonError saying what to do, and
// the next request tries again; and a browser app with code splitting loads none of it at start.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mastodon, MastodonError } from "../src/index.js";
import { filesLoadedAtStart } from "./support/bundle-start.js";
import { json, startServer } from "./support/http-server.js";
import { bundleWithoutChunk } from "./support/missing-chunk.js";

test("the first request loads the request path; it and later requests reach the server", async (t) => {
  const server = await startServer((req, res) => json(res, 200, { path: req.path }));
  t.after(() => server.close());
  const api = new Mastodon({ api_base_url: server.url, access_token: "lazy-path-token" });
  const [first, second] = await Promise.all([api.instanceV1(), api.instanceV1()]);
  assert.deepEqual(first, { path: "/api/v1/instance" });
  assert.deepEqual(second, { path: "/api/v1/instance" });
  assert.deepEqual(await api.instanceV1(), { path: "/api/v1/instance" });
  assert.equal(server.requests.length, 3);
});

test("rate-limit attributes read before the first request are the state the budget starts from", async (t) => {
  const server = await startServer((_req, res) => json(res, 200, {}));
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "lazy-path-token",
    ratelimit_method: "pace",
    ratelimit_pacefactor: 2,
  });
  const before = {
    method: api.ratelimitMethod,
    pacefactor: api.ratelimitPacefactor,
    limit: api.ratelimitLimit,
    remaining: api.ratelimitRemaining,
    reset: api.ratelimitReset,
    lastcall: api.ratelimitLastcall,
  };
  assert.deepEqual(
    { ...before, reset: 0, lastcall: 0 },
    { method: "pace", pacefactor: 2, limit: 300, remaining: 300, reset: 0, lastcall: 0 },
  );
  await new Promise((done) => setTimeout(done, 20));
  assert.equal(api.ratelimitReset, before.reset, "the first look is kept, not taken again");
  // This server sends no rate-limit headers, so nothing but the request itself changes the budget.
  await api.instanceV1();
  assert.equal(api.ratelimitReset, before.reset);
  assert.equal(api.ratelimitLastcall, before.lastcall);
  assert.equal(api.ratelimitRemaining, 299);
});

test("a request path that fails to load is a MastodonError saying what to do; the next request loads it", async (t) => {
  // The package as a bundler splits it: the request path is a chunk of its own, which goes missing.
  const bundle = await bundleWithoutChunk("src/core/request-path.ts");
  t.after(() => bundle.remove());
  const bundled = bundle.code;
  const server = await startServer((_req, res) => json(res, 200, { ok: true }));
  t.after(() => server.close());
  const api = new bundled.Mastodon({ api_base_url: server.url, access_token: "lazy-path-token" });
  await assert.rejects(api.instanceV1(), (error: unknown) => {
    assert.ok(error instanceof bundled.MastodonError);
    assert.match(error.message, /^mastodon-ts could not load the code of the request path \(/);
    assert.match(error.message, /check that every chunk of the bundle is served/);
    assert.doesNotMatch(error.message, /lazy-path-token/);
    return true;
  });
  assert.equal(server.requests.length, 0);
  bundle.restore();
  assert.deepEqual(await api.instanceV1(), { ok: true });
  assert.equal(server.requests.length, 1);
  assert.ok(MastodonError, "the error classes load at start");
});

test("a browser app with code splitting loads no request-path code at start", async () => {
  for (const source of [
    'import { Mastodon } from "./src/index.ts";\n' +
      "const api = new Mastodon({ access_token: 't', api_base_url: 'https://example.com' });\n" +
      "api.timelineHome().then((s) => console.log(s.length));",
    'import { createClient, timelineHome } from "./src/light.ts";\n' +
      "const client = createClient({ access_token: 't', api_base_url: 'https://example.com' });\n" +
      "timelineHome(client).then((s) => console.log(s.length));",
  ]) {
    const loadedAtStart = await filesLoadedAtStart(source);
    const requestPath = [
      "http",
      "request-path",
      "transport",
      "budgets",
      "ratelimit",
      "store-budget",
      "redirects",
      "deadlines",
      "attempt-signal",
      "response-body",
      "read-result",
    ].map((name) => `src/core/${name}.ts`);
    assert.deepEqual(
      requestPath.filter((path) => loadedAtStart.has(path)),
      [],
      "none of the request path loads at start",
    );
    assert.ok(loadedAtStart.has("src/core/client.ts"), "the constructor does");
  }
});
