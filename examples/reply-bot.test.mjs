// Testing a bot without an account anywhere: start the sandbox, run the bot against it, make
// something happen, and check what the bot posted. A recipe to copy into your own project.
//
// The same file runs under Node's own runner, Vitest and Jest (in this repository, after `npm run build`):
//
//   node --test examples/reply-bot.test.mjs
//   npx vitest run --globals examples/reply-bot.test.mjs
//   node --experimental-vm-modules node_modules/jest/bin/jest.js examples/reply-bot.test.mjs
//
// Vitest needs --globals (or `globals: true` in your vitest config): without it there is no global
// `test` and the file would fall back to node:test, which Vitest does not see. Jest needs
// --experimental-vm-modules because this is an ES module (top-level await included).
//
// In your own project: `npm install --save-dev mastodon-ts` (plus vitest or jest if you use them),
// copy this file next to your bot, point BOT below at your bot's script, and run the same commands.
// "mastodon-ts/sandbox" is then an ordinary dependency, found by every runner without any mapping.
// (Here it is this repository's own package, reached through the self-reference in package.json
// "exports"; Node, Vitest and Jest 30 all resolve that too. Jest 29 did not: there, add
// `moduleNameMapper: { "^mastodon-ts/sandbox$": "<rootDir>/dist/sandbox/index.js" }`.)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSandbox } from "mastodon-ts/sandbox";

// Jest and Vitest (with --globals) provide `test` and `afterAll` as globals; under plain Node they
// come from node:test, whose test takes its timeout as an option rather than a third argument.
const { test, afterAll } = globalThis.test
  ? globalThis
  : await import("node:test").then((m) => ({
      test: (name, fn, timeout) => m.test(name, { timeout }, fn),
      afterAll: m.after,
    }));

// Starting a process and a stream takes more than Jest's and Vitest's default 5 s on a busy machine.
const TIMEOUT_MS = 30_000;

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

test(
  "the reply bot answers a mention, in the same thread, once",
  async () => {
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
  },
  TIMEOUT_MS,
);
