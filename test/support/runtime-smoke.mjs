// The built package, as a user of any runtime would use it: run by Node, Deno and Bun from a project
// whose node_modules/mastodon-ts is the packed tarball. Talks to test/support/cors-mastodon.ts (its
// URL and token as arguments) and prints one JSON line of what it saw; the test judges it.
// Plain JavaScript with no runtime-specific API, so that every runtime runs the same file.
import { Mastodon, MastodonNotFoundError, MastodonUnauthorizedError } from "mastodon-ts";

const args = typeof Deno !== "undefined" ? Deno.args : process.argv.slice(2);
const [api_base_url, access_token, transports] = args;
const runtime = typeof Deno !== "undefined" ? "deno" : typeof Bun !== "undefined" ? "bun" : "node";
const api = new Mastodon({ api_base_url, access_token });
const report = { runtime };

const me = await api.accountVerifyCredentials();
report.me = me.acct;

const page = await api.timelineHome({ limit: 2 });
const next = await api.fetchNext(page);
report.timeline = [...page, ...(next ?? [])].map((s) => s.content);

const posted = await api.statusPost(`hello from ${runtime}`, { visibility: "unlisted" });
report.posted = { content: posted.content, visibility: posted.visibility };

/** An error as the test wants to see it: class, status and message. */
async function failure(call) {
  try {
    await call();
    return "no error";
  } catch (error) {
    return {
      name: error.constructor.name,
      notFound: error instanceof MastodonNotFoundError,
      unauthorized: error instanceof MastodonUnauthorizedError,
      status: error.status,
      message: String(error.message),
    };
  }
}
report.notFound = await failure(() => api.status("404404"));
report.unauthorized = await failure(() =>
  new Mastodon({ api_base_url, access_token: "wrong-token" }).accountVerifyCredentials(),
);

/** The first three update events of the user stream over one transport. */
async function streamed(transport) {
  const stream = api.streamUser(undefined, { transport, reconnect_async: false });
  const texts = [];
  try {
    for await (const event of stream) {
      if (event.event === "update") texts.push(event.payload.content);
      if (texts.length === 3) break;
    }
  } finally {
    await stream.close();
  }
  return texts;
}
report.streams = {};
for (const transport of (transports ?? "sse").split(","))
  report.streams[transport] = await streamed(transport);

console.log(JSON.stringify(report));
