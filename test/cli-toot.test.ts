// `toot` checks what it can before sending (issue 10, items 24 and 25): a --media file the upload
// would refuse is refused before "Uploading" is printed; empty text and text over the server's
// max_characters (counted as Mastodon counts) are refused with the count; --force sends anyway.
// Against the sandbox (Mastodon 4.5's limits: 500 characters, links count as 23).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type TestContext, test } from "node:test";
import { startSandbox } from "../src/sandbox/index.js";
import { cliEnv, runCli, tempDir } from "./cli-harness.js";

async function sandboxEnv(t: TestContext) {
  const sb = await startSandbox({ port: 0, users: ["alice"] });
  t.after(() => sb.close());
  const alice = sb.users[0];
  assert.ok(alice);
  const home = tempDir(t);
  const env = cliEnv(home, {
    MASTODON_TS_CONFIG: path.join(home, "none.json"),
    MASTODON_API_BASE_URL: sb.url,
    MASTODON_ACCESS_TOKEN: alice.access_token,
  });
  const posted = async () => {
    const api = sb.client("alice");
    return api.accountStatuses((await api.me()).id);
  };
  return { sb, home, env, token: alice.access_token, posted };
}

test("toot --media: a file the upload would refuse is refused before 'Uploading' is printed", async (t) => {
  const { home, env, posted } = await sandboxEnv(t);
  const cases: [string, string | Buffer, RegExp][] = [
    [
      "notes.txt",
      "just some text, not an image\n",
      /--media .*notes\.txt is a text file .*which Mastodon does not accept/,
    ],
    ["empty.png", Buffer.alloc(0), /--media .*empty\.png: the file is empty/],
    [
      "fake.png",
      "%PDF-1.7 not a picture at all",
      /--media .*fake\.png is a PDF document .*which Mastodon does not accept/,
    ],
  ];
  for (const [name, content, message] of cases) {
    const file = path.join(home, name);
    fs.writeFileSync(file, content);
    const result = await runCli(["toot", "hi", "--media", file], env);
    assert.equal(result.code, 2, `${name}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /Uploading/, name);
  }
  assert.equal((await posted()).length, 0);
});

test("toot: empty text is refused with the count; --force sends it (and the server answers)", async (t) => {
  const { env, posted, token } = await sandboxEnv(t);
  for (const text of ["", "   "]) {
    const result = await runCli(["toot", text], env);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /The text is empty \(\d+ characters\).*--force/);
  }
  const forced = await runCli(["toot", "", "--force"], env);
  assert.equal(forced.code, 6, `the server refused it: ${forced.stderr}`);
  assert.ok(!forced.stderr.includes(token));
  assert.equal((await posted()).length, 0);
});

test("toot: text over max_characters, counted as Mastodon counts, is refused with the count; --force sends", async (t) => {
  const { env, posted } = await sandboxEnv(t);
  const long = "a".repeat(501);
  const refused = await runCli(["toot", long], env);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /The text is 501 characters as Mastodon counts them.* allows 500\. Shorten it by 1, or pass --force/,
  );
  // With a content warning, both count.
  const withCw = await runCli(["toot", "a".repeat(490), "--cw", "b".repeat(20)], env);
  assert.equal(withCw.code, 2);
  assert.match(withCw.stderr, /510 characters .*plus the content warning/);
  // A long link counts as 23, so this fits although it is longer than 500 code points.
  const link = `https://example.com/${"x".repeat(300)}`;
  const fits = await runCli(["toot", `${"a".repeat(470)} ${link}`], env);
  assert.equal(fits.code, 0, fits.stderr);
  const forced = await runCli(["toot", long, "--force"], env);
  assert.equal(forced.code, 6, `sent, and refused by the server: ${forced.stderr}`);
  assert.match(forced.stderr, /500/);
  assert.equal((await posted()).length, 1);
});
