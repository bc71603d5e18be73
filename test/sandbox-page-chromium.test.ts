/**
 * The watch page in a real headless Chromium, driven over the DevTools protocol: it goes live over
 * the sandbox's own WebSocket streaming, and what is posted through the API (a status, a poll, an
 * image, a favourite, an edit, a deletion) shows up without a reload.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Status } from "../src/entities/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { Browser } from "./sandbox-page-browser.js";

// A 1x1 PNG.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let sb: Sandbox;
let browser: Browser;

before(async () => {
  sb = await startSandbox({ port: 0, users: ["alice", "bob"] });
  browser = await Browser.launch(`${sb.url}/`);
  await browser.waitFor("document.body.dataset.live === 'yes'", "the page to go live");
  // Set once: if the page reloaded, this would be gone.
  await browser.evaluate("window.__notReloaded = true");
});
after(async () => {
  await browser?.close();
  await sb?.close();
});

const inPage = (selector: string) => `document.querySelector(${JSON.stringify(selector)})`;

test("columns: the public timeline and each user's notifications", async () => {
  const ids = await browser.evaluate<string[]>("[...document.querySelectorAll('section')].map((s) => s.id)");
  assert.deepEqual(ids, ["public", "user-alice", "user-bob"]);
});

test("a status posted through the API appears live, then its edit and its deletion", async () => {
  const status = (await sb.client("alice").statusPost("Hello from the <b>API</b> #live")) as Status;
  const selector = `#public [data-status-id="${status.id}"]`;
  await browser.waitFor(inPage(selector), "the status in the public column");
  const text = await browser.evaluate<string>(`${inPage(selector)}.textContent`);
  assert.match(text, /Hello from the <b>API<\/b> #live/, "the markup typed is shown as text");
  assert.equal(await browser.evaluate(`${inPage(selector)}.querySelector("b")`), null);
  assert.match(text, /@alice/);

  await sb.client("alice").statusUpdate(status.id, "Edited from the API");
  await browser.waitFor(`${inPage(selector)}?.textContent.includes("Edited from the API")`, "the edit");

  await sb.client("alice").statusDelete(status.id);
  await browser.waitFor(`!${inPage(selector)}`, "the deletion");
  assert.equal(await browser.evaluate("window.__notReloaded"), true);
});

test("a poll shows its options with their counts", async () => {
  const status = (await sb.client("bob").statusPost("Tea or coffee?", {
    poll: { options: ["tea", "coffee"], expires_in: 3600 },
  })) as Status;
  const selector = `#public [data-status-id="${status.id}"] .poll`;
  await browser.waitFor(inPage(selector), "the poll");
  const options = await browser.evaluate<string[]>(
    `[...${inPage(selector)}.querySelectorAll("li")].map((li) => li.textContent)`,
  );
  assert.deepEqual(options.slice(0, 2), ["tea0 votes", "coffee0 votes"]);
});

test("an image shows as an img tag", async () => {
  const media = await sb.client("alice").mediaPost(PIXEL, { mime_type: "image/png", description: "a pixel" });
  const status = (await sb.client("alice").statusPost("A picture", { media_ids: [media.id] })) as Status;
  const selector = `#public [data-status-id="${status.id}"] img`;
  await browser.waitFor(inPage(selector), "the image");
  assert.equal(await browser.evaluate(`${inPage(selector)}.alt`), "a pixel");
  const src = await browser.evaluate<string>(`${inPage(selector)}.src`);
  assert.ok(src.startsWith(`${sb.url}/`), src);
  await browser.waitFor(
    `${inPage(selector)}.complete && ${inPage(selector)}.naturalWidth === 1`,
    "the image to load",
  );
});

test("a favourite shows in the author's notifications, not the other user's", async () => {
  const status = (await sb.client("alice").statusPost("Like me")) as Status;
  await sb.client("bob").statusFavourite(status.id);
  await browser.waitFor(inPage('#user-alice [data-type="favourite"]'), "alice's notification");
  const text = await browser.evaluate<string>(`${inPage('#user-alice [data-type="favourite"]')}.textContent`);
  assert.match(text, /@bob favourited your post/);
  assert.match(text, /Like me/);
  assert.equal(await browser.evaluate(inPage('#user-bob [data-type="favourite"]')), null);
  assert.equal(await browser.evaluate("window.__notReloaded"), true);
  assert.deepEqual(browser.pageErrors, []);
});
