// Testing a bot without an account anywhere: start the sandbox, run the bot against it, make
// something happen, and check what the bot posted. A recipe to copy into your own project.
//
//   node --test examples/reply-bot.test.mjs
//   npx vitest run --globals examples/reply-bot.test.mjs
//   node --experimental-vm-modules node_modules/jest/bin/jest.js examples/reply-bot.test.mjs
//
// The same file runs under all three: Jest and Vitest (with --globals) provide `test` and `afterAll`
// themselves; under plain Node they come from node:test.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSandbox } from "mastodon-ts/sandbox";

const { test, afterAll } = globalThis.test
  ? globalThis
  : await import("node:test").then((m) => ({ test: m.test, afterAll: m.after }));

const BOT = fileURLToPath(new URL("./reply-bot.mjs", import.meta.url));

/** Starts the bot as its own process, as it runs in production; resolves once it is listening. */
function startBot(url, token, args = []) {
  const child = spawn(process.execPath, [BOT, "--transport", "sse", ...args], {
    env: { ...process.env, MASTODON_API_BASE_URL: url, MASTODON_ACCESS_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
      if (output.includes("Connected")) resolve();
    });
    child.on("close", (code) => reject(new Error(`the bot exited (${code}) before listening: ${output}`)));
  });
  const exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  return { child, listening, exited, output: () => output };
}

const sandbox = await startSandbox({ port: 0, users: ["bot", "alice"] });
afterAll(() => sandbox.close());

test("the reply bot answers a mention, in the same thread, once", async () => {
  const bot = sandbox.users[0];
  const alice = sandbox.client("alice");
  const running = startBot(sandbox.url, bot.access_token, ["--once", "--text", "Hello from the bot!"]);
  try {
    await running.listening;
    const mention = await alice.statusPost("@bot are you there?");
    assert.equal(await running.exited, 0, running.output());

    // What did the bot post? Its own statuses, read through the API like any client would.
    const botApi = sandbox.client("bot");
    const posted = await botApi.accountStatuses(bot.id);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].in_reply_to_id, mention.id);
    assert.match(posted[0].content, /Hello from the bot!/);
    assert.deepEqual(
      posted[0].mentions.map((m) => m.acct),
      ["alice"],
    );
    // alice was told about the answer.
    const notifications = await alice.notifications({ types: ["mention"] });
    assert.equal(notifications[0]?.status?.id, posted[0].id);
  } finally {
    running.child.kill();
  }
});
