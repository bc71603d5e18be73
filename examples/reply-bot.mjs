#!/usr/bin/env node
// A reply bot: listens to its notifications as they happen and answers every mention.
//
//   MASTODON_API_BASE_URL=https://mastodon.example MASTODON_ACCESS_TOKEN=<token> npm run example:reply-bot
//   npm run example:reply-bot -- --instance URL --token TOKEN [--text TEXT] [--visibility unlisted]
//                                 [--transport auto|websocket|sse] [--once] [--dry-run]
//                                 [--state FILE | --redis URL]
//
// --state FILE keeps the bot's place (the last mention answered) in a file, so that a bot run by cron
// or restarted by systemd answers what came while it was down, once. --redis URL keeps it in Redis
// instead, with the rate-limit budget, for several replicas: one of them answers at a time (the
// others take over within 15 s when it dies). --redis needs the redis (or ioredis) package.
//
// The token needs the read:notifications, read:accounts and write:statuses scopes.
// --once stops after the first answer (for demos and tests); --dry-run logs instead of posting.
import { parseArgs } from "node:util";
import {
  fileStore,
  Mastodon,
  MastodonError,
  MastodonIllegalArgumentError,
  MastodonUnauthorizedError,
} from "mastodon-ts";

const { values } = parseArgs({
  options: {
    instance: { type: "string" },
    token: { type: "string" },
    text: { type: "string", default: "Thanks for the mention! (I am a bot.)" },
    visibility: { type: "string" },
    transport: { type: "string", default: "auto" },
    once: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    state: { type: "string" },
    redis: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    "usage: reply-bot.mjs [--instance URL] [--token TOKEN] [--text TEXT] [--visibility V]\n" +
      "                     [--transport auto|websocket|sse] [--once] [--dry-run] [--state FILE | --redis URL]\n" +
      "The server and token default to MASTODON_API_BASE_URL and MASTODON_ACCESS_TOKEN.",
  );
  process.exit(0);
}

/** Prints what went wrong, without the token (the library keeps it out of its messages), and picks the exit code. */
function exitCodeFor(error) {
  if (error instanceof MastodonUnauthorizedError) {
    console.error(`The server did not accept the token: ${error.message}`);
    return 3;
  }
  if (error instanceof MastodonIllegalArgumentError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof MastodonError) {
    console.error(`${error.name}: ${error.message}`);
    return 1;
  }
  throw error;
}

let api;
let me;
let store; // where the bot's place (and, with Redis, the fleet's rate-limit budget) is kept
try {
  if (values.redis !== undefined) {
    // A separate entry point, loaded only when asked for: the main one never needs a Redis client.
    const { redisStore } = await import("mastodon-ts/redis");
    store = redisStore({ url: values.redis }, { prefix: "reply-bot:" });
  } else if (values.state !== undefined) {
    store = fileStore(values.state);
  }
  // Flags win over the environment; an unset flag is left to MASTODON_API_BASE_URL / MASTODON_ACCESS_TOKEN.
  api = Mastodon.fromEnv({
    api_base_url: values.instance,
    access_token: values.token,
    // Replicas sharing Redis share one budget: "pace" spreads it across all of them.
    ...(values.redis !== undefined ? { ratelimit_method: "pace", ratelimit_store: store } : {}),
  });
  if (api.accessToken === undefined) {
    throw new MastodonIllegalArgumentError(
      "Give an access token: --token TOKEN or MASTODON_ACCESS_TOKEN (from Preferences > Development on your server).",
    );
  }
  // Who we are: to never answer our own posts, and to fail early on a bad token.
  me = await api.me();
} catch (error) {
  process.exit(exitCodeFor(error));
}
console.log(`Logged in as @${me.acct}; listening for mentions on ${api.apiBaseUrl}`);

// Statuses already answered. A status can reach us more than once (a second notification for the
// same post, a redelivery after a reconnect), and a bot must never answer twice.
const answered = new Set();
let stream;
let stopping = false;
let failure; // what stopped the bot, if anything

/** Closes the stream; `stream.done` then resolves and the bot ends below. */
function stop(error) {
  stopping = true;
  failure ??= error;
  stream.close();
}

// Answers one mention. Called one at a time (see `queue` below), so that --once stops after exactly
// one reply and a burst of mentions does not become a burst of posts.
async function answer(status) {
  if (stopping) return;
  if (status.account.id === me.id) return; // our own post (e.g. we mentioned ourselves)
  if (status.account.bot) return; // two reply bots would answer each other forever
  if (answered.has(status.id)) return;
  answered.add(status.id);
  // Bounded memory for a bot that runs for months: statuses that old do not come back.
  if (answered.size > 10_000) answered.delete(answered.values().next().value);
  // Keep the conversation as private as it was, but do not flood the public timelines.
  const visibility = values.visibility ?? (status.visibility === "public" ? "unlisted" : status.visibility);
  if (values["dry-run"]) {
    console.log(
      `Would answer @${status.account.acct} (${status.url ?? status.id}, ${visibility}): ${values.text}`,
    );
  } else {
    try {
      // statusReply mentions the author (and the others the post mentioned) and sets in_reply_to_id.
      const reply = await api.statusReply(status, values.text, { visibility });
      console.log(`Answered @${status.account.acct}: ${reply.url ?? reply.id}`);
    } catch (error) {
      // A refused token will not get better; anything else (a deleted status, a rate limit) is this post's problem only.
      if (error instanceof MastodonUnauthorizedError) return stop(error);
      console.error(`Could not answer ${status.id}: ${error.message}`);
      return;
    }
  }
  if (values.once) stop();
}

let queue = Promise.resolve();
try {
  stream = api.streamUser(
    {
      onNotification(notification) {
        if (notification.type !== "mention" || !notification.status) return;
        queue = queue.then(() => answer(notification.status));
        // With --state or --redis, the mention counts as handled (and is saved) once answered.
        return queue;
      },
      // The stream reconnects by itself; these only keep the operator informed.
      onDisconnect: (error) => console.warn(`Connection lost (${error.message}); reconnecting...`),
      onReconnect: ({ downtime }) => console.warn(`Reconnected after ${Math.round(downtime / 1000)} s.`),
      // Problems the stream survives (a malformed event, a failed backfill).
      onError: (error) => console.error(`Stream problem (still listening): ${error.message}`),
      // The stream gave up for good (e.g. the token was revoked meanwhile).
      onAbort: stop,
    },
    // backfill: mentions that arrive while the connection is down are fetched after the reconnect,
    // so none is missed. (Mentions from before the bot started are not: it answers new ones only.)
    {
      backfill: true,
      transport: values.transport,
      // With a store, the bot reads on from the last mention it answered, even after a restart;
      // with Redis, one replica of the fleet holds the stream at a time.
      ...(store ? { checkpoint: store, exclusive: values.redis !== undefined } : {}),
    },
  );
} catch (error) {
  process.exit(exitCodeFor(error)); // e.g. an unknown --transport
}

// Ctrl-C or a service manager's stop: close the connection instead of dropping it.
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => stop());

// Say once when the stream is really connected, so an operator (or a script that starts the bot and
// then mentions it, as the demo does) knows that mentions from now on reach it.
const connected = setInterval(() => {
  if (!stream.isReceiving()) return;
  clearInterval(connected);
  console.log("Connected; waiting for mentions.");
}, 20);

await stream.done.catch(() => undefined); // its error, if any, went to onAbort
clearInterval(connected);
await queue; // let an answer in progress finish
await stream.flush(); // and its place be saved
await store?.close?.();
if (failure !== undefined) process.exit(exitCodeFor(failure));
console.log("Stopped.");
