// `stream`: events printed as they arrive (text and one JSON line per event), --count, and the
// failures that end it at once (token refused, server unreachable), against a local server that
// speaks server-sent events.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { cliEnv, runCli, secretsIn, startInstance, tempDir, unreachableUrl } from "./cli-harness.js";

const account = { id: "2", username: "bob", acct: "bob@elsewhere.example", display_name: "Bob" };
const status = (id: string, content: string) => ({
  id,
  uri: `https://elsewhere.example/users/bob/statuses/${id}`,
  url: `https://elsewhere.example/@bob/${id}`,
  created_at: "2026-01-01T12:00:00.000Z",
  content,
  visibility: "public",
  spoiler_text: "",
  account,
  media_attachments: [],
  reblog: null,
});

async function setup(t: import("node:test").TestContext) {
  const server = await startInstance(t);
  const app = server.oauth.addApp();
  const token = server.oauth.addToken(app.client_id);
  const home = tempDir(t);
  const env = cliEnv(home, {
    MASTODON_TS_CONFIG: path.join(home, "c.json"),
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: token.token,
  });
  server.streamEvents = [
    ["update", JSON.stringify(status("301", "<p>Hello &amp; welcome</p>"))],
    [
      "notification",
      JSON.stringify({ id: "9", type: "mention", account, status: status("302", "<p>@alice hi</p>") }),
    ],
    ["delete", "300"],
  ];
  return { server, token, env };
}

test("stream: prints events as they arrive and stops after --count", async (t) => {
  const { server, env } = await setup(t);
  const result = await runCli(["stream", "--transport", "sse", "--count", "3"], env);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /Streaming "user" from http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C stops\)/);
  assert.match(
    result.stdout,
    /^\[new\] @bob@elsewhere\.example \(Bob\) · 2026-01-01T12:00:00\.000Z\n {2}Hello & welcome$/m,
  );
  assert.match(result.stdout, /^\[notification\] mention from @bob@elsewhere\.example: @alice hi$/m);
  assert.match(result.stdout, /^\[deleted\] status 300$/m);
  assert.equal(server.apiRequests.filter((r) => r.path === "/api/v1/streaming/user").length, 1);
  assert.deepEqual(secretsIn(result.stdout + result.stderr, server.secrets()), []);
});

test("stream --json: one JSON object per line; other streams by name", async (t) => {
  const { server, env } = await setup(t);
  const result = await runCli(
    ["stream", "tag", "#cats", "--transport", "sse", "--count", "2", "--json"],
    env,
  );
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    lines.map((l) => l.event),
    ["update", "notification"],
  );
  assert.equal(lines[0].payload.id, "301");
  assert.deepEqual(lines[0].stream, ["hashtag", "cats"]);
  const request = server.apiRequests.find((r) => r.path.startsWith("/api/v1/streaming/hashtag"));
  assert.equal(request?.query.get("tag"), "cats");
});

test("stream: a refused token ends it at once with exit code 3", async (t) => {
  const { token, env } = await setup(t);
  token.revoked = true;
  const result = await runCli(["stream", "--transport", "sse"], env);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /access token is invalid, expired or revoked/);
});

test("stream: an unreachable server ends it at once with exit code 4", async (t) => {
  const url = await unreachableUrl();
  const home = tempDir(t);
  const result = await runCli(
    ["stream", "--transport", "sse"],
    cliEnv(home, { MASTODON_API_BASE_URL: url, MASTODON_ACCESS_TOKEN: "tok-unreachable-1" }),
  );
  assert.equal(result.code, 4, result.stderr);
  assert.ok(!result.stderr.includes("tok-unreachable-1"));
});

test("stream: bad input is a usage error (exit code 2)", async (t) => {
  const { server, env } = await setup(t);
  const cases: [string[], RegExp][] = [
    [["stream", "everything"], /Unknown stream "everything"/],
    [["stream", "tag"], /stream tag needs the hashtag/],
    [["stream", "--transport", "pigeon"], /--transport must be one of auto, websocket, sse/],
    [["stream", "--count", "0"], /--count must be a whole number/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args, env);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, message);
  }
  assert.equal(server.apiRequests.length, 0);
});
