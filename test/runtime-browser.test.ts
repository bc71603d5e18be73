// The browser bundle in a real headless Chromium (Debian's, driven over the DevTools protocol): a page
// served on one loopback origin loads the library bundled by esbuild, signs in with a token typed into
// its form, shows the home timeline and then the user stream's events, over WebSocket and over SSE,
// from a Mastodon stand-in on another origin that allows it by CORS. The test reads what the page shows.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { Browser, chromiumPath } from "./sandbox-page-browser.js";
import {
  ACCOUNT,
  type CorsMastodon,
  STREAM_TEXTS,
  startCorsMastodon,
  TIMELINE_TEXTS,
  TOKEN,
} from "./support/cors-mastodon.js";
import { ROOT, runtimesRequired } from "./support/runtimes.js";

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>mastodon-ts in a browser</title>
<form id="signin">
  <input id="server" placeholder="https://your.server">
  <input id="token" type="password" placeholder="access token">
  <button>Sign in</button>
</form>
<p id="who"></p>
<p id="error"></p>
<h2>Home</h2><ol id="timeline"></ol>
<h2>Live (WebSocket)</h2><ol id="live-websocket"></ol>
<h2>Live (SSE)</h2><ol id="live-sse"></ol>
<script type="module">
  import { Mastodon } from "/mastodon.js";
  const $ = (id) => document.getElementById(id);
  const plain = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent;
  const show = (list, status) => $(list).append(Object.assign(document.createElement("li"), { textContent: plain(status.content) }));
  $("signin").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const api = new Mastodon({ api_base_url: $("server").value, access_token: $("token").value });
      const me = await api.accountVerifyCredentials();
      $("who").textContent = "Signed in as @" + me.acct;
      for (const status of await api.timelineHome()) show("timeline", status);
      for (const transport of ["websocket", "sse"])
        api.streamUser({ onUpdate: (status) => show("live-" + transport, status) }, { transport });
    } catch (error) {
      $("error").textContent = error.name + ": " + error.message;
    }
  });
  document.body.dataset.ready = "yes";
</script>`;

let api: CorsMastodon;
let pages: Server;
let pageUrl: string;

before(async () => {
  api = await startCorsMastodon();
  // What an app's bundler would make of the package: `mastodon-ts` resolved as a browser build
  // resolves it, through the package's "browser" export (its modules, not the Node bundle).
  const bundle = await build({
    absWorkingDir: ROOT,
    stdin: { contents: 'export * from "mastodon-ts";', resolveDir: ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(bundle.metafile.inputs);
  assert.ok(
    inputs.includes("dist/index.browser.js"),
    `the browser export was not used: ${inputs.slice(0, 5)}`,
  );
  const script = bundle.outputFiles[0]!.contents;
  pages = createServer((req, res) => {
    if (req.url === "/mastodon.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      return void res.end(script);
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/`;
});
after(async () => {
  await api?.close();
  await new Promise((resolve) => pages?.close(resolve));
});

const text = (id: string) => `document.getElementById(${JSON.stringify(id)}).textContent`;
const items = (id: string) => `[...document.querySelectorAll("#${id} li")].map((li) => li.textContent)`;

/** Opens the page in a fresh Chromium, types the server and token in, and signs in. */
async function signIn(token: string): Promise<Browser> {
  const browser = await Browser.launch(pageUrl);
  await browser.waitFor(`document.body.dataset.ready === "yes"`, "the page's script");
  await browser.evaluate(`
    document.getElementById("server").value = ${JSON.stringify(api.url)};
    document.getElementById("token").value = ${JSON.stringify(token)};
    document.getElementById("signin").requestSubmit();`);
  return browser;
}

test("Chromium: the page signs in with a token, shows the home timeline and the stream's events", {
  skip: chromiumMissing(),
}, async () => {
  const browser = await signIn(TOKEN);
  try {
    await browser.waitFor(
      `document.querySelectorAll("#live-websocket li, #live-sse li").length === ${2 * STREAM_TEXTS.length}`,
      "the stream events",
    );
    assert.equal(await browser.evaluate(text("who")), `Signed in as @${ACCOUNT.acct}`);
    assert.equal(await browser.evaluate(text("error")), "");
    assert.deepEqual(await browser.evaluate(items("timeline")), TIMELINE_TEXTS);
    assert.deepEqual(await browser.evaluate(items("live-websocket")), STREAM_TEXTS);
    assert.deepEqual(await browser.evaluate(items("live-sse")), STREAM_TEXTS);
    assert.deepEqual(browser.pageErrors, []);
    // Cross-origin for real: the browser asked the server's CORS leave before sending the token.
    assert.ok(api.requests.includes("OPTIONS /api/v1/accounts/verify_credentials"), api.requests.join(", "));
    assert.ok(api.requests.includes("UPGRADE /api/v1/streaming"));
    assert.ok(api.requests.includes("GET /api/v1/streaming/user"));
  } finally {
    await browser.close();
  }
});

test("Chromium: a refused token shows the library's error, without the token", {
  skip: chromiumMissing(),
}, async () => {
  const browser = await signIn("not-the-token");
  try {
    await browser.waitFor(`${text("error")} !== ""`, "the error");
    const shown = await browser.evaluate<string>(text("error"));
    assert.match(shown, /^MastodonUnauthorizedError: /);
    assert.doesNotMatch(shown, /not-the-token/);
    assert.equal(await browser.evaluate(text("who")), "");
  } finally {
    await browser.close();
  }
});

/** Chromium is installed by .ci/run; elsewhere its absence skips these tests (and fails them in CI). */
function chromiumMissing(): string | false {
  try {
    chromiumPath();
    return false;
  } catch (error) {
    if (runtimesRequired()) throw error;
    return (error as Error).message;
  }
}
