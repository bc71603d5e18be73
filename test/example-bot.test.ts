/**
 * The README's main job: the example bot, run as a child process against a local server.
 * It imports the built package ("mastodon-ts" resolves to dist/ through the package's exports),
 * so `npm run build` must have run first (npm test does that).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { json, startServer } from "./support/http-server.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const bot = fileURLToPath(new URL("../examples/bot.mjs", import.meta.url));
const TOKEN = "example-bot-test-token";

function runBot(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env };
    delete childEnv.MASTODON_API_BASE_URL;
    delete childEnv.MASTODON_ACCESS_TOKEN;
    Object.assign(childEnv, env);
    execFile(
      process.execPath,
      [bot, ...args],
      { cwd: repo, env: childEnv, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

test("the example bot needs the built package", () => {
  assert.ok(existsSync(new URL("../dist/index.js", import.meta.url)), "run `npm run build` before this test");
});

test("the example bot logs in and posts", async (t) => {
  const server = await startServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(res, 401, { error: "The access token is invalid" });
    if (req.path === "/api/v1/accounts/verify_credentials")
      return json(res, 200, { id: "1", acct: "examplebot" });
    if (req.method === "POST" && req.path === "/api/v1/statuses") {
      return json(res, 200, {
        id: "42",
        url: `https://mastodon.example/@examplebot/42`,
        content: req.params.status,
      });
    }
    json(res, 404, { error: "Record not found" });
  });
  t.after(() => server.close());

  const posted = await runBot(["--instance", server.url, "--token", TOKEN, "--text", "beep boop"]);
  assert.equal(posted.code, 0, posted.stderr);
  assert.match(posted.stdout, /Logged in as @examplebot/);
  assert.match(posted.stdout, /Posted: https:\/\/mastodon\.example\/@examplebot\/42/);
  const post = server.requests.find((r) => r.method === "POST");
  assert.equal(post?.params.status, "beep boop");
  assert.equal(post?.params.visibility, "unlisted");
  assert.ok(!posted.stdout.includes(TOKEN) && !posted.stderr.includes(TOKEN));

  const dry = await runBot(["--dry-run"], {
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: TOKEN,
  });
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Would post/);
  assert.equal(server.requests.filter((r) => r.method === "POST").length, 1);
});

test("the example bot explains a refused token and missing settings", async (t) => {
  const server = await startServer((_req, res) => json(res, 401, { error: "The access token is invalid" }));
  t.after(() => server.close());

  const refused = await runBot(["--instance", server.url, "--token", "wrong-token-value"]);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /did not accept the token/);
  assert.ok(!refused.stderr.includes("wrong-token-value"));

  const missing = await runBot([]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--instance URL --token TOKEN/);
});
