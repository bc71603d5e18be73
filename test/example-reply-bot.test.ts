/**
 * The reply-bot example, run as a child process against a local Mastodon stand-in on real sockets:
 * REST (verify_credentials, instance, POST /api/v1/statuses) and the SSE user stream. It imports the
 * built package ("mastodon-ts" resolves to dist/ through the package's exports), so `npm run build`
 * must have run first (npm test does that). The child is told to use SSE: Node 20 has no global
 * WebSocket, and `ws` is only a dev dependency here.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const bot = fileURLToPath(new URL("../examples/reply-bot.mjs", import.meta.url));
const TOKEN = "reply-bot-test-token";
const ME = { id: "100", username: "replybot", acct: "replybot", bot: true };
const ALICE = { id: "1", username: "alice", acct: "alice", bot: false };
const BOB = { id: "2", username: "bob", acct: "bob@elsewhere.example", bot: false };

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function runBot(args: string[], env: Record<string, string> = {}): Run {
  const childEnv: Record<string, string | undefined> = { ...process.env };
  delete childEnv.MASTODON_API_BASE_URL;
  delete childEnv.MASTODON_ACCESS_TOKEN;
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [bot, ...args], { cwd: repo, env: childEnv, timeout: 20_000 });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr.on("data", (chunk) => {
    err += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

function mentionStatus(id: string, account: typeof ALICE, visibility = "public", mentions = [ME]) {
  return {
    id,
    url: `https://fake.example/@${account.acct}/${id}`,
    content: "<p>@replybot hello</p>",
    visibility,
    spoiler_text: "",
    account,
    mentions: mentions.map(({ id, username, acct }) => ({ id, username, acct, url: "" })),
    reblog: null,
  };
}

let notificationId = 500;
function notification(type: string, status?: ReturnType<typeof mentionStatus>) {
  notificationId++;
  return {
    id: String(notificationId),
    type,
    created_at: "2026-11-29T09:00:00.000Z",
    account: status?.account ?? BOB,
    ...(status ? { status } : {}),
  };
}

/**
 * A Mastodon stand-in: accepts TOKEN only, streams `events` as notifications on every SSE
 * connection to the user stream, and answers POST /api/v1/statuses. `posted(n)` resolves once n
 * statuses were posted.
 */
async function fakeMastodon(events: unknown[], { refuseStream = false } = {}) {
  const posts: ParsedRequest[] = [];
  let postWaiters: Array<() => void> = [];
  const sse = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(":)\n");
    for (const event of events) res.write(`event: notification\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const server: TestServer = await startServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(res, 401, { error: "The access token is invalid" });
    if (req.path === "/api/v1/accounts/verify_credentials") return json(res, 200, ME);
    if (req.path === "/api/v2/instance")
      return json(res, 200, {
        domain: "fake.example",
        version: "4.6.4",
        configuration: { urls: { streaming: server.url.replace("http://", "ws://") } },
      });
    if (req.path === "/api/v1/instance") return json(res, 200, { uri: "fake.example", version: "4.6.4" });
    if (req.path === "/api/v1/streaming/user")
      return refuseStream ? json(res, 401, { error: "The access token was revoked" }) : sse(res);
    if (req.method === "POST" && req.path === "/api/v1/statuses") {
      posts.push(req);
      json(res, 200, {
        ...mentionStatus(String(900 + posts.length), ME, String(req.params.visibility), []),
        in_reply_to_id: req.params.in_reply_to_id,
      });
      const waiters = postWaiters;
      postWaiters = [];
      for (const wake of waiters) wake();
      return;
    }
    json(res, 404, { error: "Record not found" });
  });
  const posted = async (n: number) => {
    while (posts.length < n) await new Promise<void>((resolve) => postWaiters.push(resolve));
  };
  return { server, posts, posted };
}

test("the reply bot answers a mention over the stream, then stops with --once", async (t) => {
  const mention = mentionStatus("1001", ALICE);
  const { server, posts } = await fakeMastodon([notification("mention", mention)]);
  t.after(() => server.close());

  const run = runBot(["--instance", server.url, "--token", TOKEN, "--transport", "sse", "--once"]);
  assert.equal(await run.exit, 0, run.stderr());
  assert.match(run.stdout(), /Logged in as @replybot/);
  assert.match(run.stdout(), /Answered @alice: https:\/\/fake\.example\/@replybot\/901/);
  assert.match(run.stdout(), /Stopped\./);
  assert.equal(posts.length, 1);
  const reply = posts[0]?.params;
  assert.equal(reply?.in_reply_to_id, "1001");
  assert.equal(reply?.status, "@alice Thanks for the mention! (I am a bot.)");
  // A public mention is answered unlisted: a bot should not flood the public timelines.
  assert.equal(reply?.visibility, "unlisted");
  const stream = server.requests.find((r) => r.path === "/api/v1/streaming/user");
  assert.equal(stream?.headers.accept, "text/event-stream");
  assert.ok(!run.stdout().includes(TOKEN) && !run.stderr().includes(TOKEN));
});

test("the reply bot skips itself, other bots, other notifications and statuses it already answered", async (t) => {
  const first = mentionStatus("2001", ALICE, "public", [ME, { ...BOB, bot: false }]);
  const direct = mentionStatus("2002", BOB, "direct");
  const { server, posts, posted } = await fakeMastodon([
    notification("mention", mentionStatus("2000", ME)),
    notification("mention", mentionStatus("1999", { ...BOB, id: "3", acct: "otherbot", bot: true })),
    notification("favourite", first),
    notification("mention", first),
    notification("mention", first), // a second notification for a status already answered
    notification("mention", direct),
  ]);
  t.after(() => server.close());

  const run = runBot(["--transport", "sse", "--text", "hi"], {
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: TOKEN,
  });
  t.after(() => run.child.kill("SIGKILL"));
  // Answers go out one at a time, in order: once the last one is posted, every earlier event was handled.
  await posted(2);
  run.child.kill("SIGTERM");
  assert.equal(await run.exit, 0, run.stderr());
  assert.match(run.stdout(), /Stopped\./);

  assert.deepEqual(
    posts.map((p) => [p.params.in_reply_to_id, p.params.status, p.params.visibility]),
    [
      ["2001", "@alice @bob@elsewhere.example hi", "unlisted"],
      ["2002", "@bob@elsewhere.example hi", "direct"],
    ],
  );
});

test("the reply bot's --dry-run logs the answer and posts nothing", async (t) => {
  const { server, posts } = await fakeMastodon([notification("mention", mentionStatus("3001", ALICE))]);
  t.after(() => server.close());

  const run = runBot(["--transport", "sse", "--once", "--dry-run", "--visibility", "private"], {
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: TOKEN,
  });
  assert.equal(await run.exit, 0, run.stderr());
  assert.match(run.stdout(), /Would answer @alice \(https:\/\/fake\.example\/@alice\/3001, private\)/);
  assert.equal(posts.length, 0);
});

test("the reply bot explains a refused token (exit 3) and missing settings (exit 2)", async (t) => {
  const { server, posts } = await fakeMastodon([]);
  t.after(() => server.close());

  const refused = runBot(["--instance", server.url, "--token", "wrong-token-value", "--transport", "sse"]);
  assert.equal(await refused.exit, 3);
  assert.match(refused.stderr(), /did not accept the token/);
  assert.ok(
    !refused.stderr().includes("wrong-token-value") && !refused.stdout().includes("wrong-token-value"),
  );
  assert.equal(posts.length, 0);

  // A token refused by the streaming server after the login (revoked meanwhile) stops the bot too.
  const revoked = await fakeMastodon([], { refuseStream: true });
  t.after(() => revoked.server.close());
  const stopped = runBot(["--instance", revoked.server.url, "--token", TOKEN, "--transport", "sse"]);
  assert.equal(await stopped.exit, 3, stopped.stderr());
  assert.match(stopped.stdout(), /Logged in as @replybot/);
  assert.match(stopped.stderr(), /did not accept the token: .*revoked/);
  assert.ok(!stopped.stderr().includes(TOKEN));

  const nothing = runBot([]);
  assert.equal(await nothing.exit, 2);
  assert.match(nothing.stderr(), /MASTODON_API_BASE_URL/);

  const noToken = runBot(["--instance", server.url]);
  assert.equal(await noToken.exit, 2);
  assert.match(noToken.stderr(), /--token TOKEN or MASTODON_ACCESS_TOKEN/);

  const badTransport = runBot(["--transport", "pigeon"], {
    MASTODON_API_BASE_URL: server.url,
    MASTODON_ACCESS_TOKEN: TOKEN,
  });
  assert.equal(await badTransport.exit, 2);
  assert.match(badTransport.stderr(), /transport must be one of/);
});
