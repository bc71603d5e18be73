// Plain http:// in the command line (issue 10, item 23): refused to a public host with a message in
// the CLI's terms (--allow-http, not the library's allow_http option); with --allow-http, a warning
// and the request goes out. 192.0.2.1 (TEST-NET-1) is never routed: the request fails as a network error.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { cliEnv, runCli, startInstance, tempDir } from "./cli-harness.js";

const PUBLIC_HTTP = "http://192.0.2.1:9";

test("whoami and toot: http:// to a public host is refused in the CLI's words; --allow-http warns and sends", async (t) => {
  const home = tempDir(t);
  const env = cliEnv(home, {
    MASTODON_TS_CONFIG: path.join(home, "none.json"),
    MASTODON_API_BASE_URL: PUBLIC_HTTP,
    MASTODON_ACCESS_TOKEN: "fake-token-0123456789",
  });
  for (const args of [["whoami"], ["toot", "hello"], ["timeline"]]) {
    const refused = await runCli(args, env);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /http:\/\/192\.0\.2\.1:9 uses plain http:\/\/.*add --allow-http/);
    assert.match(refused.stderr, /https:\/\/192\.0\.2\.1:9/);
    assert.doesNotMatch(refused.stderr, /allow_http/);
  }
  const allowed = await runCli(["whoami", "--allow-http", "--timeout", "1"], env);
  assert.match(allowed.stderr, /warning: --allow-http: .*unencrypted/);
  assert.equal(allowed.code, 4, `the request went out and failed on the network: ${allowed.stderr}`);
  assert.ok(!allowed.stderr.includes("fake-token-0123456789"));
});

test("login: the same refusal and flag; loopback http needs no flag", async (t) => {
  const home = tempDir(t);
  const env = cliEnv(home, { MASTODON_TS_CONFIG: path.join(home, "c.json") });
  const refused = await runCli(["login", "--instance", PUBLIC_HTTP, "--no-browser"], env);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /uses plain http:\/\/.*add --allow-http/);
  assert.doesNotMatch(refused.stderr, /allow_http/);
  const allowed = await runCli(
    ["login", "--instance", PUBLIC_HTTP, "--no-browser", "--allow-http", "--timeout", "1"],
    env,
  );
  assert.match(allowed.stderr, /warning: --allow-http/);
  assert.equal(allowed.code, 4, allowed.stderr);
  assert.match((await runCli(["login", "--help"], env)).stdout, /--allow-http/);
  assert.match((await runCli(["whoami", "--help"], env)).stdout, /--allow-http/);

  const server = await startInstance(t);
  const local = await runCli(["login", "--instance", server.url, "--password"], env, "a@b.test\npw-1234\n");
  assert.equal(local.code, 0, local.stderr);
  assert.doesNotMatch(local.stderr, /warning/);
});
