/**
 * The sandbox workload: how fast the local server is for test suites.
 *   - throughput: a 40-status home timeline read by 16 concurrent keep-alive clients for a few
 *     seconds, against a bare node:http server sending the same bytes (the floor), taking turns with
 *     it in short rounds of the same run, from a load generator in a fresh process of its own;
 *   - start-up: a fresh process importing mastodon-ts/sandbox and starting it, against a fresh process
 *     starting a bare node:http server (median of 5 each);
 *   - memory: 100,000 statuses stored, in a fresh process (heap and RSS growth after a full GC).
 * Targets (issue 9): >= 3,000 requests/s, start < 300 ms, 100,000 statuses < 300 MB.
 */
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchConfig, Result, Stats, Workload } from "../harness.js";
import { summarise } from "../harness.js";
import { CONCURRENCY, type Round } from "../sandbox-load.js";
import { startRawFloorInWorker, startSandboxInWorker } from "../sandbox-server.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LOAD = fileURLToPath(new URL("../sandbox-load.ts", import.meta.url));
/** Seconds of load on each server, in ROUNDS turns (in a fresh process: see sandbox-load.ts). */
const SECONDS = 3;
const ROUNDS = 6;
const DIST = fileURLToPath(new URL("../../dist/sandbox/index.js", import.meta.url));

/** Rounds taken together: every latency, and requests per second over their whole time. */
function merged(rounds: readonly Round[]): Round {
  const latencies = rounds.flatMap((r) => r.latencies);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return { latencies, rps: latencies.length / seconds, seconds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds from a fresh process's first line to `script`'s server listening, median of `runs`. */
function startupMs(script: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    times.push(Number(out.trim()));
  }
  return median(times);
}

const SANDBOX_START = `const t = performance.now();
const { startSandbox } = await import(${JSON.stringify(DIST)});
const sb = await startSandbox({ port: 0 });
console.log(performance.now() - t); await sb.close();`;

const BARE_START = `const t = performance.now();
const { createServer } = await import("node:http");
const s = createServer((q, r) => r.end("{}"));
await new Promise((r) => s.listen(0, "127.0.0.1", r));
console.log(performance.now() - t); s.close();`;

const MEMORY = `const { startSandbox } = await import(${JSON.stringify(DIST)});
const sb = await startSandbox({ port: 0, users: ["alice", "bob"] });
const ctx = sb.context;
const author = sb.users[0].id;
gc(); const before = process.memoryUsage();
for (let i = 0; i < 100000; i++) {
  const text = "Status " + i + " with a link https://example.com/" + i + " and a #hashtag";
  ctx.state.statuses.insert({ id: ctx.newId(), account_id: author, text,
    content: "<p>" + text + "</p>", spoiler_text: "", visibility: "public", sensitive: false, language: "en",
    in_reply_to_id: null, in_reply_to_account_id: null, reblog_of_id: null, quote_id: null, media_ids: [],
    poll_id: null, mention_ids: [], tags: ["hashtag"], client_id: null, created_at: new Date().toISOString(),
    edited_at: null, edits: [] });
}
gc(); const after = process.memoryUsage();
console.log(JSON.stringify({ heap: (after.heapUsed - before.heapUsed) / 2 ** 20, rss: after.rss / 2 ** 20 }));
await sb.close();`;

export const workload: Workload = {
  name: "sandbox",
  description: "the sandbox: 40-status home timeline req/s vs a bare node:http floor, start-up, memory",
  async run(_config: BenchConfig): Promise<Result> {
    const sandbox = await startSandboxInWorker({ statuses: 200 });
    let stats: Stats[];
    let sandboxRps: number;
    let floorRps: number;
    let pairedRpsRatio: number;
    try {
      const [base, token] = sandbox.url.split("#") as [string, string];
      const url = `${base}/api/v1/timelines/home?limit=40`;
      const body = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
      if ((JSON.parse(body) as unknown[]).length !== 40)
        throw new Error("sandbox: the home timeline is not 40 statuses");
      const floor = await startRawFloorInWorker({ body });
      try {
        const { stdout } = await run(
          process.execPath,
          ["--import", "tsx", LOAD, url, floor.url, token, String(SECONDS), String(ROUNDS)],
          { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
        );
        const rounds = JSON.parse(stdout) as { sandbox: Round[]; floor: Round[] };
        const a = merged(rounds.sandbox);
        const b = merged(rounds.floor);
        sandboxRps = a.rps;
        floorRps = b.rps;
        pairedRpsRatio = median(rounds.sandbox.map((r, i) => r.rps / rounds.floor[i]!.rps));
        stats = [
          { ...summarise("sandbox", a.latencies), rps: a.rps },
          { ...summarise("bare node:http floor", b.latencies), rps: b.rps },
        ];
      } finally {
        await floor.close();
      }
    } finally {
      await sandbox.close();
    }
    const sandboxStart = startupMs(SANDBOX_START);
    const bareStart = startupMs(BARE_START);
    const memory = JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", MEMORY], {
        encoding: "utf8",
      }),
    ) as { heap: number; rss: number };
    return {
      name: "sandbox",
      description: this.description,
      info: {
        concurrency: CONCURRENCY,
        "sandbox req/s": Math.round(sandboxRps),
        "floor req/s": Math.round(floorRps),
        "req/s ratio sandbox/floor (median of rounds)": Number(pairedRpsRatio!.toFixed(3)),
        "req/s target >= 3000": sandboxRps >= 3000,
        "start ms (import + listen)": Number(sandboxStart.toFixed(1)),
        "bare node:http start ms": Number(bareStart.toFixed(1)),
        "start target < 300 ms": sandboxStart < 300,
        "100k statuses heap MB": Number(memory.heap.toFixed(1)),
        "100k statuses rss MB": Number(memory.rss.toFixed(1)),
        "memory target < 300 MB": memory.rss < 300,
      },
      stats,
    };
  },
};
