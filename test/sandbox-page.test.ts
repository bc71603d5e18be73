/**
 * The watch page over HTTP: one self-contained HTML document at `/`, and the users' tokens it reads
 * from /sandbox/api/users, which only a loopback sandbox hands out. (sandbox-page-chromium.test.ts
 * runs the page in a real browser.)
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";

let sb: Sandbox;

before(async () => {
  sb = await startSandbox({ port: 0, users: ["alice", "bob", "carol"] });
});
after(() => sb.close());

describe("GET /", () => {
  test("an HTML page with everything inline: no external script, style, image or font", async () => {
    const res = await fetch(`${sb.url}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    const page = await res.text();
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<style>[\s\S]+<\/style>/);
    assert.match(page, /<script>[\s\S]+<\/script>/);
    assert.doesNotMatch(page, /<script[^>]+src=/i);
    assert.doesNotMatch(page, /<link\b/i);
    assert.doesNotMatch(page, /\b(src|href)=["']?(https?:)?\/\//i);
    assert.doesNotMatch(page, /@import|url\(/i);
    // It uses the sandbox's own APIs, by relative paths.
    for (const path of [
      "/sandbox/api/users",
      "/api/v1/timelines/public",
      "/api/v1/notifications",
      "/api/v1/streaming",
    ])
      assert.ok(page.includes(path), path);
  });

  test("HEAD answers without a body", async () => {
    const res = await fetch(`${sb.url}/`, { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "");
  });
});

describe("GET /sandbox/api/users", () => {
  test("the seeded users, in order, with their ready tokens", async () => {
    const res = await fetch(`${sb.url}/sandbox/api/users`);
    assert.equal(res.status, 200);
    const users = (await res.json()) as { id: string; username: string; access_token: string }[];
    assert.deepEqual(
      users,
      sb.users.map((u) => ({ id: u.id, username: u.username, access_token: u.access_token })),
    );
    // The tokens work.
    const me = await fetch(`${sb.url}/api/v1/streaming/user`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${users[0]!.access_token}` },
    });
    assert.equal(me.status, 200);
  });

  test("a sandbox open to the network does not hand out tokens: 404", async () => {
    const open = await startSandbox({ port: 0, host: "0.0.0.0", public: true });
    try {
      const res = await fetch(`http://127.0.0.1:${new URL(open.url).port}/sandbox/api/users`);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: "Record not found" });
      // The page itself is still served; it says it cannot go live.
      const page = await fetch(`http://127.0.0.1:${new URL(open.url).port}/`);
      assert.equal(page.status, 200);
    } finally {
      await open.close();
    }
  });
});
