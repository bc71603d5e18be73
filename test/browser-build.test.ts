// The package as a browser app's bundler builds it (esbuild, platform "browser", from dist/ through
// package.json): the Node-only undici transport is swapped for its browser stand-in by the
// "browser" field, and that build still sends requests, and says why transport "undici" cannot.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { BROWSER_APP_BUILD } from "../bench/bundle-size.js";
import { json, startServer } from "./support/http-server.js";

const ROOT = resolve(import.meta.dirname, "..");
const NODE_ONLY = ["dist/core/node-transport.js", "dist/core/undici-transport.js"];

/** The app bundled as a browser build, one file; the files the bundler read, and the code. */
async function browserBuild(source: string): Promise<{ read: string[]; code: string }> {
  const result = await build({
    ...BROWSER_APP_BUILD,
    absWorkingDir: ROOT,
    stdin: { contents: source, resolveDir: ROOT, loader: "js" },
  });
  return { read: Object.keys(result.metafile.inputs), code: result.outputFiles[0]!.text };
}

test("a browser build of the class and of mastodon-ts/light carries no undici transport", async () => {
  for (const source of [
    'import { Mastodon } from "mastodon-ts"; new Mastodon({ api_base_url: "https://a.example" }).timelineHome();',
    'import { createClient, timelineHome } from "mastodon-ts/light"; timelineHome(createClient({ api_base_url: "https://a.example" }));',
  ]) {
    const { read, code } = await browserBuild(source);
    assert.ok(read.includes("dist/core/node-transport.browser.js"), `the stand-in is used: ${source}`);
    assert.deepEqual(
      read.filter((path) => NODE_ONLY.includes(path)),
      [],
    );
    assert.ok(!code.includes("undici.globalDispatcher"), "nothing of the undici transport is in the code");
  }
});

test("the browser build sends through fetch by default, and explains why transport undici cannot run", async (t) => {
  const server = await startServer((_req, res) => json(res, 200, [{ id: "1" }]));
  t.after(() => server.close());
  const { code } = await browserBuild('export { Mastodon } from "mastodon-ts";');
  // Run where the test can: Node. A browser build run on Node (as test runners with a DOM do) must
  // work too, so the default may not reach for undici there either.
  const dir = mkdtempSync(join(tmpdir(), "mastodon-ts-browser-build-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "bundle.mjs");
  writeFileSync(file, code);
  const { Mastodon } = (await import(pathToFileURL(file).href)) as typeof import("../src/index.js");

  const options = { api_base_url: server.url, access_token: "browser-build-token" };
  assert.deepEqual(await new Mastodon(options).timelineHome(), [{ id: "1" }]);
  assert.equal(server.requests.length, 1);

  for (const [extra, named] of [
    [{ transport: "undici" }, /^transport "undici" needs Node\.js/],
    [{ dispatcher: {} }, /^The dispatcher option needs Node\.js/],
  ] as const) {
    await assert.rejects(new Mastodon({ ...options, ...extra }).timelineHome(), (error: Error) => {
      assert.equal(error.name, "MastodonIllegalArgumentError");
      assert.match(error.message, named);
      assert.match(error.message, /browser build of mastodon-ts\. Leave the option out/);
      return true;
    });
  }
  assert.equal(server.requests.length, 1, "nothing was sent on a refused transport");
});
