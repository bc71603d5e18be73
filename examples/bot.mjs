#!/usr/bin/env node
// A minimal bot: checks who it is logged in as, then posts one status.
//
//   npm run example:bot -- --instance https://mastodon.example --token <access token> [--text "Hello!"] [--dry-run]
//
// The server and token can also come from the environment (MASTODON_API_BASE_URL, MASTODON_ACCESS_TOKEN),
// so that the token never has to appear on a command line or in a file.
import { parseArgs } from "node:util";
import { Mastodon, MastodonError, MastodonUnauthorizedError } from "mastodon-ts";

const { values } = parseArgs({
  options: {
    instance: { type: "string" },
    token: { type: "string" },
    text: { type: "string", default: `Hello from a mastodon-ts bot! (${new Date().toISOString()})` },
    visibility: { type: "string", default: "unlisted" },
    "dry-run": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    "usage: bot.mjs --instance URL --token TOKEN [--text TEXT] [--visibility unlisted] [--dry-run]",
  );
  process.exit(0);
}

const api_base_url = values.instance ?? process.env.MASTODON_API_BASE_URL;
const access_token = values.token ?? process.env.MASTODON_ACCESS_TOKEN;
if (!api_base_url || !access_token) {
  console.error("Give the server and an access token: --instance URL --token TOKEN");
  console.error("(or MASTODON_API_BASE_URL and MASTODON_ACCESS_TOKEN). A token can be made under");
  console.error("Preferences > Development > New application on your server.");
  process.exit(2);
}

try {
  const api = new Mastodon({ api_base_url, access_token });
  const me = await api.me();
  console.log(`Logged in as @${me.acct} on ${api.apiBaseUrl}`);
  if (values["dry-run"]) {
    console.log(`Would post: ${values.text}`);
  } else {
    const status = await api.statusPost(values.text, { visibility: values.visibility });
    console.log(`Posted: ${status.url ?? status.id}`);
  }
} catch (error) {
  if (error instanceof MastodonUnauthorizedError) {
    console.error(`The server did not accept the token: ${error.message}`);
    process.exit(3);
  }
  if (error instanceof MastodonError) {
    console.error(`${error.name}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
