#!/usr/bin/env node
// The whole story of a bot, offline, on the sandbox that ships with mastodon-ts (`npm run demo`):
//
//   1. starts a local Mastodon-compatible server with two users, "howdybot" and "alice";
//   2. registers an app for the bot (Mastodon.createApp);
//   3. signs in through the server's real sign-in and consent pages (the demo plays the browser) and
//      trades the code for a token (logIn, PKCE-protected);
//   4. prints the client id, client secret and access token as three separate strings, the way a bot
//      takes them on its command line or from its environment;
//   5. posts "howdy universe!" with the real CLI (`mastodon-ts toot`);
//   6. starts the reply bot (examples/reply-bot.mjs); alice mentions the bot, and the bot answers
//      through its stream;
//   7. shows the bot's home timeline with the CLI (`mastodon-ts timeline home`) and exits 0.
//
// Flags: --keep keeps the sandbox running afterwards (its watch page shows what happened; Ctrl-C stops).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Mastodon } from "mastodon-ts";
import { startSandbox } from "mastodon-ts/sandbox";
import { authorizeInBrowser } from "./lib/play-browser.mjs";

const { values } = parseArgs({ options: { keep: { type: "boolean", default: false } } });
const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const REPLY_BOT = fileURLToPath(new URL("./reply-bot.mjs", import.meta.url));
const started = Date.now();

function step(text) {
  console.log(`\n== ${text}`);
}

/** Runs a node script to the end with the bot's credentials in its environment; resolves to its stdout. */
function run(script, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${script} ${args.join(" ")} exited with ${code}`));
    });
  });
}

/** Starts the reply bot; resolves once its stream is connected, with a promise of its exit. */
function startReplyBot(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REPLY_BOT, "--once", "--transport", "sse"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((done, failed) => {
      child.on("close", (code) =>
        code === 0 ? done() : failed(new Error(`the reply bot exited with ${code}`)),
      );
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      process.stdout.write(`   [reply bot] ${chunk.replaceAll(/\n(?=.)/g, "\n   [reply bot] ")}`);
      out += chunk;
      if (out.includes("Connected")) resolve({ exited, child });
    });
    exited.catch(reject);
  });
}

const sandbox = await startSandbox({ port: 0, users: ["howdybot", "alice"] });
let replyBot;
try {
  const [bot] = sandbox.users;
  step(`A local Mastodon-compatible server runs at ${sandbox.url} (watch page: ${sandbox.url}/)`);

  step("Register an app for the bot (Mastodon.createApp)");
  const app = await Mastodon.createApp("howdy bot", {
    api_base_url: sandbox.url,
    scopes: ["read", "write"],
  });
  console.log(`   registered "howdy bot" on ${sandbox.url}`);

  step(`Sign in as ${bot.email} on the server's consent page, then trade the code for a token (logIn)`);
  const api = new Mastodon({
    api_base_url: sandbox.url,
    client_id: app.client_id,
    client_secret: app.client_secret,
  });
  const authorizeUrl = await api.authRequestUrl({ scopes: ["read", "write"] });
  console.log(`   the page a person would open: ${authorizeUrl.split("?")[0]}?client_id=...`);
  const code = await authorizeInBrowser(authorizeUrl, { email: bot.email, password: bot.password });
  const accessToken = await api.logIn({ code, scopes: ["read", "write"] });

  step("The three strings a bot needs, each on its own (keep them secret on a real server)");
  console.log(`client id:     ${app.client_id}`);
  console.log(`client secret: ${app.client_secret}`);
  console.log(`access token:  ${accessToken}`);
  const botEnv = { MASTODON_API_BASE_URL: sandbox.url, MASTODON_ACCESS_TOKEN: accessToken };

  step('Post "howdy universe!" with the CLI (mastodon-ts toot)');
  process.stdout.write(`   ${await run(CLI, ["toot", "howdy universe!"], botEnv)}`);

  step("Start the reply bot; alice mentions it and it answers through its stream");
  replyBot = await startReplyBot(botEnv);
  const mention = await sandbox.client("alice").statusPost(`@${bot.username} howdy yourself! Are you a bot?`);
  console.log(`   alice posted: ${mention.url}`);
  await replyBot.exited;
  replyBot = undefined;

  step("The bot's home timeline (mastodon-ts timeline home)");
  process.stdout.write(await run(CLI, ["timeline", "home", "--limit", "5"], botEnv));

  step(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s, offline. Next: point the same commands at a real server`,
  );
  console.log("   (see the README: mastodon-ts login --instance https://your.server).");
  if (values.keep) {
    console.log(
      `\nThe sandbox keeps running at ${sandbox.url} (watch page: ${sandbox.url}/). Ctrl-C stops it.`,
    );
    await new Promise((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
  }
} catch (error) {
  console.error(`\nThe demo failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  replyBot?.child.kill();
  await sandbox.close();
}
