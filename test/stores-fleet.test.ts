// Shared rate-limit budgets over a real redis-server and the sandbox enforcing 30 requests per 3 s
// (429 beyond): four processes with one token, 200 requests in all with "pace".
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Mastodon, type RatelimitEvent } from "../src/index.js";
import { redisStore } from "../src/redis/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const worker = fileURLToPath(new URL("./support/fleet-worker.ts", import.meta.url));

let redis: RedisServer;
let sandbox: Sandbox;

before(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ users: ["alice"], ratelimit: "30/3s" });
});
after(async () => {
  await sandbox?.close();
  await redis?.close();
});

function run(args: object): Promise<{ refused: number; started: number; finished: number; times: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, JSON.stringify(args)], { cwd: repo });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split("\n").pop() as string));
    });
  });
}

test("four processes sharing one token through Redis: 200 paced requests, no 429, at least 85% of 30 per 3 s", {
  timeout: 90_000,
}, async () => {
  const token = sandbox.users[0]?.access_token as string;
  // Every worker starts at the same moment, after all four have loaded.
  const startAt = Date.now() + 4000;
  const results = await Promise.all(
    [0, 1, 2, 3].map(() => run({ url: sandbox.url, token, redis: redis.url, count: 50, startAt })),
  );
  const refused = results.reduce((sum, r) => sum + r.refused, 0);
  const times = results.flatMap((r) => r.times).sort((a, b) => a - b);
  const first = Math.min(...results.map((r) => r.started));
  const last = times[times.length - 1] as number;
  // The allowed rate is 10 per second; the first window is partly spent on probing, so it is counted whole.
  const seconds = (last - first) / 1000;
  const rate = times.length / seconds;
  console.log(
    `fleet: ${times.length} requests, ${refused} refused (429), ${seconds.toFixed(2)} s, ${rate.toFixed(2)} req/s (allowed 10/s, ${((rate / 10) * 100).toFixed(1)}%)`,
  );
  console.log(`answers per 3 s window: ${Object.values(countPerWindow(times)).join(", ")}`);
  assert.equal(times.length, 200);
  assert.equal(refused, 0, "no request met a 429");
  assert.ok(rate >= 8.5, `reached ${rate.toFixed(2)} requests per second, at least 85% of 10 expected`);
});

test("wait and throw see the budget another client spent: the second client waits (events) or throws", {
  timeout: 30_000,
}, async () => {
  const token = sandbox.users[0]?.access_token as string;
  const store = redisStore({ url: redis.url }, { prefix: "wait-test:" });
  const events: RatelimitEvent[] = [];
  const spender = new Mastodon({ api_base_url: sandbox.url, access_token: token, ratelimit_store: store });
  const thrower = new Mastodon({
    api_base_url: sandbox.url,
    access_token: token,
    ratelimit_store: store,
    ratelimit_method: "throw",
  });
  const waiter = new Mastodon({
    api_base_url: sandbox.url,
    access_token: token,
    ratelimit_store: store,
    on_ratelimit: (event) => events.push(event),
  });
  // Spend the window's budget (whatever is left of it) through the first client.
  await sandbox.reset();
  const tokenNow = sandbox.users[0]?.access_token as string;
  assert.equal(tokenNow, token);
  for (;;) {
    await spender.accountVerifyCredentials();
    if (spender.ratelimitRemaining === 0) break;
  }
  await assert.rejects(thrower.accountVerifyCredentials(), { name: "MastodonRatelimitError" });
  await waiter.accountVerifyCredentials();
  const types = events.map((e) => e.type);
  assert.deepEqual(types.slice(0, 2), ["wait", "resume"]);
  assert.ok(!types.includes("refused"), "the waiting client met no 429");
  await store.close?.();
});

function countPerWindow(times: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of times) {
    const w = String(Math.floor(t / 3000));
    counts[w] = (counts[w] ?? 0) + 1;
  }
  return counts;
}

test("Redis stops during a run: requests go on with a local budget and a warning, and the store is used again once it is back", {
  timeout: 60_000,
}, async () => {
  const token = sandbox.users[0]?.access_token as string;
  const store = redisStore({ url: redis.url }, { prefix: "outage-test:", timeout_ms: 500 });
  const events: RatelimitEvent[] = [];
  const api = new Mastodon({
    api_base_url: sandbox.url,
    access_token: token,
    ratelimit_store: store,
    on_ratelimit: (event) => events.push(event),
  });
  await api.accountVerifyCredentials();
  await redis.stop();
  for (let i = 0; i < 3; i++) await api.accountVerifyCredentials();
  const unavailable = events.find((e) => e.type === "store_unavailable");
  assert.ok(unavailable, "the outage was reported");
  assert.doesNotMatch(unavailable.error.message, new RegExp(token), "no token in the warning");
  await redis.start();
  await new Promise((resolve) => setTimeout(resolve, 5500)); // the store is tried again after 5 s
  await api.accountVerifyCredentials();
  await api.accountVerifyCredentials();
  assert.ok(
    events.some((e) => e.type === "store_recovered"),
    "the store came back",
  );
  await store.close?.();
});

test("Redis unreachable from the start: requests go on, a console warning without on_ratelimit, no crash", {
  timeout: 30_000,
}, async (t) => {
  const token = sandbox.users[0]?.access_token as string;
  const warnings: string[] = [];
  t.mock.method(console, "warn", (line: string) => warnings.push(line));
  const closed = await freeClosedPort();
  const store = redisStore({ url: `redis://127.0.0.1:${closed}` }, { timeout_ms: 500 });
  const api = new Mastodon({ api_base_url: sandbox.url, access_token: token, ratelimit_store: store });
  for (let i = 0; i < 3; i++) await api.accountVerifyCredentials();
  assert.equal(warnings.length, 1, "one warning for the outage");
  assert.match(warnings[0] as string, /redis rate-limit store failed/);
});

test("corrupt budget data in Redis is named as such, and requests go on", { timeout: 30_000 }, async () => {
  const token = sandbox.users[0]?.access_token as string;
  const store = redisStore({ url: redis.url }, { prefix: "corrupt-test:" });
  const events: RatelimitEvent[] = [];
  const api = new Mastodon({
    api_base_url: sandbox.url,
    access_token: token,
    ratelimit_store: store,
    on_ratelimit: (event) => events.push(event),
  });
  await api.accountVerifyCredentials();
  const key = redis.cli("KEYS", "corrupt-test:budget:*").trim().split("\n")[0] as string;
  redis.cli("HSET", key, "remaining", "banana");
  await api.accountVerifyCredentials();
  const failure = events.find((e) => e.type === "store_unavailable");
  assert.ok(failure, "reported");
  assert.equal(failure.error.name, "MastodonStoreDataError");
  assert.match(failure.error.message, /did not write \(budget field remaining is not a number\)/);
  await store.close?.();
});

function freeClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
