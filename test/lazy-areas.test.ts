// The API areas load on first use (src/api/lazy-areas.ts): over a real node:http server, the first
// call of a method loads its area and puts the real methods on the prototype; a subclass that
// overrides a method and calls super still works; a failed load is a MastodonError that says what
// to do, and the next call tries again; the generated list of names is current; and a browser app
// with code splitting loads no area's code, and no stream engine, at start.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import { formatGenerated } from "../scripts/api-signatures.js";
import { AREA_METHODS_PATH, renderAreaMethods } from "../scripts/area-methods.js";
import { AREA_METHODS } from "../src/api/area-methods.generated.js";
import { type AreaModule, installLazyMethods } from "../src/api/lazy-areas.js";
import { Mastodon, MastodonError } from "../src/index.js";
import { splitBundleFiles } from "./support/bundle-start.js";
import { json, type ParsedRequest, startServer } from "./support/http-server.js";

const ACCOUNT = { id: "7", acct: "alice", username: "alice" };
const RELATIONSHIP = { id: "7", following: true };

function mastodonLike(req: ParsedRequest, res: ServerResponse): void {
  if (req.method === "GET" && req.path === "/api/v1/accounts/7") json(res, 200, ACCOUNT);
  else if (req.method === "POST" && req.path === "/api/v1/accounts/7/follow") json(res, 200, RELATIONSHIP);
  else json(res, 404, { error: "Record not found" });
}

type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

test("the first call of a method loads its area and puts the area's real methods on the prototype", async (t) => {
  const server = await startServer(mastodonLike);
  t.after(() => server.close());
  const prototype = Mastodon.prototype as unknown as Methods;
  const standIns = { account: prototype.account, accountFollow: prototype.accountFollow };
  const api = new Mastodon({ api_base_url: server.url, access_token: "lazy-test-token" });

  assert.deepEqual(await api.account("7"), ACCOUNT);
  assert.notEqual(prototype.account, standIns.account, "account() was replaced by the real method");
  assert.notEqual(prototype.accountFollow, standIns.accountFollow, "and so was the rest of its area");
  assert.deepEqual(await api.accountFollow("7"), RELATIONSHIP);
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path}`),
    ["GET /api/v1/accounts/7", "POST /api/v1/accounts/7/follow"],
  );
  // Methods of other areas still wait for their first call.
  assert.equal(Object.getOwnPropertyDescriptor(Mastodon.prototype, "adminAccounts")?.enumerable, false);
});

test("a subclass that overrides a method and calls super is called once per call, before and after loading", async (t) => {
  const server = await startServer(mastodonLike);
  t.after(() => server.close());
  let overrides = 0;
  class CountingMastodon extends Mastodon {
    override accountFollow(...args: Parameters<Mastodon["accountFollow"]>) {
      overrides++;
      return super.accountFollow(...args);
    }
  }
  const api = new CountingMastodon({ api_base_url: server.url, access_token: "lazy-test-token" });
  assert.deepEqual(await api.accountFollow("7"), RELATIONSHIP);
  assert.deepEqual(await api.accountFollow("7"), RELATIONSHIP);
  assert.equal(overrides, 2);
  assert.equal(server.requests.length, 2);
});

test("a method patched onto the prototype before its area loads stays in place", async () => {
  class Patched {}
  const prototype = Patched.prototype as unknown as Methods;
  const define = (name: string, method: unknown) =>
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
  const area: AreaModule = {
    endpoints: {},
    custom: { first: async () => "real first", second: async () => "real second" },
  };
  installLazyMethods(prototype, define, { things: ["first", "second"] }, { things: async () => area });
  const mine = async () => "patched";
  prototype.second = mine;
  assert.equal(await prototype.first!.call(new Patched()), "real first");
  assert.equal(prototype.second, mine, "the user's patch is kept");
  assert.equal(await prototype.second!.call(new Patched()), "patched");
});

test("an area that fails to load rejects with a MastodonError saying what to do, and the next call tries again", async () => {
  class Flaky {}
  const prototype = Flaky.prototype as unknown as Methods;
  const define = (name: string, method: unknown) =>
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
  let attempts = 0;
  const loader = async (): Promise<AreaModule> => {
    attempts++;
    if (attempts === 1) throw new TypeError("Failed to fetch dynamically imported module: /chunks/media.js");
    return { endpoints: {}, custom: { upload: async () => "uploaded" } };
  };
  installLazyMethods(prototype, define, { media: ["upload"] }, { media: loader });
  const stub = prototype.upload!;
  await assert.rejects(stub.call(new Flaky()), (error: unknown) => {
    assert.ok(error instanceof MastodonError);
    assert.match(error.message, /could not load the code of its media methods \(Failed to fetch/);
    assert.match(error.message, /check that every chunk of the bundle is served/);
    assert.ok(error.cause instanceof TypeError);
    return true;
  });
  assert.equal(prototype.upload, stub, "the stand-in stays until a load works");
  assert.equal(await prototype.upload!.call(new Flaky()), "uploaded");
  assert.equal(attempts, 2);
});

test("src/api/area-methods.generated.ts is what scripts/area-methods.ts writes today", async () => {
  const expected = formatGenerated(await renderAreaMethods(), AREA_METHODS_PATH);
  assert.equal(
    readFileSync(AREA_METHODS_PATH, "utf8"),
    expected,
    "out of date: run node --import tsx scripts/area-methods.ts",
  );
  const names = Object.values(AREA_METHODS).flat();
  assert.ok(names.length > 250, `${names.length} lazily loaded methods`);
  assert.equal(new Set(names).size, names.length, "no method is in two areas");
});

test("a browser app with code splitting loads no area's code and no stream engine at start: they are separate chunks", async () => {
  const bundle = await splitBundleFiles(
    'import { Mastodon } from "./src/index.ts";\n' +
      "const api = new Mastodon({ access_token: 't', api_base_url: 'https://example.com' });\n" +
      "api.timelineHome().then((s) => console.log(s.length));",
  );
  const loadedAtStart = [...bundle.atStart];
  // What may load at start from the areas: constants and error classes (exported by the entry),
  // and the methods that answer at once (src/api/sync-methods.ts) with what they use.
  const allowed = new Set([
    "statuses/polls.ts",
    "statuses/blurhash.ts",
    "statuses/status-length.ts",
    "filters/apply-filters.ts",
    "timelines/async-refresh-info.ts",
    "timelines/async-refresh-header.ts",
    "statuses/visibility.ts",
  ]);
  const areaCode = loadedAtStart
    .map((path) => /^src\/api\/(\w+\/[\w-]+\.ts)$/.exec(path)?.[1])
    .filter((file): file is string => file !== undefined)
    .filter((file) => !/\/(constants|errors|public)\.ts$/.test(file) && !allowed.has(file));
  assert.deepEqual(areaCode, [], "no other area code is loaded at start");
  // From streaming, only what a stream method needs before it returns its handle: the methods and
  // their argument checks, the handle's shell, `for await`'s queue and the engine's loader (the
  // client hands the handle its engine: full-engine.ts, made by stream-parts.ts's engineWithParts).
  // What runs a stream (engine,
  // transports, event decoding and delivery, backfill, checkpoints) loads when one starts.
  const streamingAtStart = new Set([
    "index.ts",
    "methods.ts",
    "handle.ts",
    "stream-names.ts",
    "event-queue.ts",
    "full-engine.ts",
    "stream-parts.ts",
  ]);
  const streamingCode = loadedAtStart
    .map((path) => /^src\/streaming\/([\w-]+\.ts)$/.exec(path)?.[1])
    .filter((file): file is string => file !== undefined && !streamingAtStart.has(file));
  assert.deepEqual(streamingCode, [], "no other streaming code is loaded at start");
  assert.ok(bundle.all.has("src/api/admin/index.ts"), "the areas are still in the bundle, as chunks");
  assert.ok(bundle.all.has("src/streaming/engine.ts"), "and so is the stream engine");
});
