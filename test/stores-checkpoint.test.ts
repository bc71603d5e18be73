// Durable stream checkpoints and exclusive leases with real processes: a bot killed (SIGKILL) in the
// middle of a stream, twenty mentions while it is down, each handled exactly once after the restart
// (file store and Redis); three replicas with exclusive: true, the holder killed, another takes over
// within the lease and nothing is lost or handled twice. The sandbox is the server.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { fileStore } from "../src/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const botScript = fileURLToPath(new URL("./support/checkpoint-bot.ts", import.meta.url));

let redis: RedisServer;
let sandbox: Sandbox;
let dir: string;
const children = new Set<ChildProcess>();

before(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ users: ["alice", "bob"] });
  dir = mkdtempSync(join(tmpdir(), "mastodon-ts-checkpoint-"));
});
after(async () => {
  for (const child of children) child.kill("SIGKILL");
  await sandbox?.close();
  await redis?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Bot {
  child: ChildProcess;
  output: () => string;
  waitFor: (text: string, timeoutMs?: number) => Promise<number>;
}

function startBot(options: object): Bot {
  const child = spawn(process.execPath, ["--import", "tsx", botScript, JSON.stringify(options)], {
    cwd: repo,
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let out = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    out += chunk;
  });
  const waitFor = async (text: string, timeoutMs = 30_000) => {
    const started = Date.now();
    while (!out.includes(text)) {
      if (Date.now() - started > timeoutMs) throw new Error(`no "${text}" within ${timeoutMs} ms: ${out}`);
      if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}): ${out}`);
      await delay(20);
    }
    return Date.now();
  };
  return { child, output: () => out, waitFor };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function handled(log: string): string[] {
  try {
    return readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

async function handledCount(log: string, count: number, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (handled(log).length < count) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${handled(log).length} of ${count} mentions handled within ${timeoutMs} ms`);
    }
    await delay(20);
  }
}

async function mention(count: number): Promise<void> {
  const bob = sandbox.client("bob");
  for (let i = 0; i < count; i++) await bob.statusPost(`@alice ping ${Math.random().toString(36).slice(2)}`);
}

function assertEachOnce(log: string, expected: number): void {
  const ids = handled(log).map((line) => line.split(" ")[1]);
  const unique = new Set(ids);
  assert.equal(unique.size, ids.length, `no mention handled twice (${ids.length - unique.size} repeats)`);
  assert.equal(ids.length, expected, "every mention handled");
}

async function killedMidStream(storeOptions: object, name: string): Promise<void> {
  await sandbox.reset();
  const token = sandbox.users.find((u) => u.username === "alice")?.access_token as string;
  const log = join(dir, `${name}.log`);
  const options = { url: sandbox.url, token, log, ...storeOptions };
  const first = startBot(options);
  await first.waitFor("READY");
  await mention(5);
  await handledCount(log, 5);
  await delay(200);
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));
  await mention(20);
  const second = startBot(options);
  await second.waitFor("READY");
  await handledCount(log, 25);
  await delay(500); // anything handled twice would show up by now
  assertEachOnce(log, 25);
  second.child.kill("SIGTERM");
  await new Promise((resolve) => second.child.once("exit", resolve));
}

test("a bot killed mid-stream handles each of the 20 mentions that came while it was down exactly once (file store)", {
  timeout: 90_000,
}, async () => {
  const file = join(dir, "state.json");
  await killedMidStream({ file }, "file");
  assert.equal(statSync(file).mode & 0o777, 0o600, "the store file is private");
});

test("a bot killed mid-stream handles each of the 20 mentions that came while it was down exactly once (Redis)", {
  timeout: 90_000,
}, async () => {
  await killedMidStream({ redis: redis.url, prefix: "killed-test:" }, "redis");
});

test("three replicas with exclusive: true: the holder is killed, another takes over within the lease, nothing lost or doubled", {
  timeout: 120_000,
}, async () => {
  await sandbox.reset();
  const token = sandbox.users.find((u) => u.username === "alice")?.access_token as string;
  const log = join(dir, "exclusive.log");
  const options = {
    url: sandbox.url,
    token,
    log,
    redis: redis.url,
    prefix: "exclusive-test:",
    exclusive: true,
  };
  const replicas = [startBot(options), startBot(options), startBot(options)];
  const holder = await Promise.race(
    replicas.map(async (bot) => {
      await bot.waitFor("LEASE", 60_000);
      return bot;
    }),
  );
  await holder.waitFor("READY");
  await mention(10);
  await handledCount(log, 10);
  await delay(300);
  const pids = new Set(handled(log).map((line) => line.split(" ")[0]));
  assert.deepEqual([...pids], [String(holder.child.pid)], "only the holder delivered");
  const killedAt = Date.now();
  holder.child.kill("SIGKILL");
  await mention(10); // while nobody holds the stream
  const others = replicas.filter((bot) => bot !== holder);
  const next = await Promise.race(
    others.map(async (bot) => {
      await bot.waitFor("LEASE", 30_000);
      return bot;
    }),
  );
  const takeover = (Number(/LEASE (\d+)/.exec(next.output())?.[1]) - killedAt) / 1000;
  console.log(`takeover: ${takeover.toFixed(2)} s after the kill (lease 15 s)`);
  assert.ok(takeover <= 15.5, `took over within the lease time (${takeover} s)`);
  await mention(10);
  await handledCount(log, 30);
  await delay(500);
  assertEachOnce(log, 30);
  const after = handled(log)
    .slice(10)
    .map((line) => line.split(" ")[0]);
  assert.deepEqual(
    [...new Set(after)],
    [String(next.child.pid)],
    "only the new holder delivered after the kill",
  );
});

test('polling: paginationIterator("notifications", { checkpoint }) yields what came since the last run, oldest first, once', {
  timeout: 30_000,
}, async () => {
  await sandbox.reset();
  const alice = sandbox.client("alice");
  const store = fileStore(join(dir, "poll.json"));
  const run = async () => {
    const ids: string[] = [];
    for await (const n of alice.paginationIterator("notifications", {
      checkpoint: store,
      types: ["mention"],
    })) {
      ids.push(n.id);
    }
    return ids;
  };
  await mention(2);
  assert.deepEqual(await run(), [], "the first run starts from now");
  await mention(45); // more than one page
  const second = await run();
  assert.equal(second.length, 45);
  assert.deepEqual(
    [...second].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)),
    second,
    "oldest first",
  );
  assert.deepEqual(await run(), [], "nothing twice");
});

test("a corrupt store file is a clear MastodonStoreDataError, for a stream (onAbort) and for polling", {
  timeout: 30_000,
}, async () => {
  const file = join(dir, "corrupt.json");
  writeFileSync(file, "{ this is not what mastodon-ts wrote");
  const alice = sandbox.client("alice");
  const iterator = alice.paginationIterator("notifications", { checkpoint: fileStore(file) });
  await assert.rejects(iterator.next(), { name: "MastodonStoreDataError", message: /is not JSON/ });
  let aborted: Error | undefined;
  const stream = alice.streamUserNotification(
    { onAbort: (error) => (aborted = error) },
    { transport: "sse", backfill: true, checkpoint: fileStore(file) },
  );
  await assert.rejects(stream.done, { name: "MastodonStoreDataError" });
  assert.match(aborted?.message ?? "", /corrupt\.json is not JSON/);
});
