/**
 * The request workloads on Deno and Bun, where mastodon-ts sends its requests through the
 * runtime's own fetch (the direct undici path is Node's only): the home timeline and a status
 * post, sequentially and 16 at a time, each as a paired ratio to raw fetch + res.json() in the
 * same child process (bench/runtime-requests.mjs). The server is the same loopback server as the
 * timeline and post workloads, on a worker thread of this (Node) process. Runs on the Deno and Bun
 * that test/runtimes installs (`npm ci --prefix test/runtimes`); a missing one is left out, and
 * said so. Issue 11's per-request target is 1.03.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchConfig, Result, Stats, Workload } from "../harness.js";
import { startRecordedServer } from "../request-workload.js";

const run = promisify(execFile);
const MODULES = fileURLToPath(new URL("../../test/runtimes/node_modules/", import.meta.url));
const SCRIPT = fileURLToPath(new URL("../runtime-requests.mjs", import.meta.url));
const DIST = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

const RUNTIMES: Array<{ name: string; paths: string[]; args: string[] }> = [
  {
    name: "deno",
    paths: [`${MODULES}deno/deno`, `${MODULES}@deno/linux-x64-glibc/deno`],
    args: ["run", "--allow-all", "--no-lock"],
  },
  { name: "bun", paths: [`${MODULES}@oven/bun-linux-x64/bin/bun`, `${MODULES}bun/bin/bun.exe`], args: [] },
];
const CASES = ["timeline", "timeline-16", "post", "post-16"] as const;
const TARGET = 1.03;

export const workload: Workload = {
  name: "runtimes",
  description:
    "timeline and post on Deno and Bun (mastodon-ts on their fetch) ÷ raw fetch + res.json() in the same process",
  async run(config: BenchConfig): Promise<Result> {
    const { server } = await startRecordedServer();
    const info: Result["info"] = { server: "node:http on 127.0.0.1, worker thread of the Node parent" };
    const stats: Stats[] = [];
    let worst = 0;
    try {
      for (const runtime of RUNTIMES) {
        const path = runtime.paths.find((candidate) => existsSync(candidate));
        if (!path) {
          info[`left out ${runtime.name}`] = "not installed: npm ci --prefix test/runtimes";
          continue;
        }
        const { stdout } = await run(
          path,
          [
            ...runtime.args,
            SCRIPT,
            DIST,
            server.url,
            String(config.requests),
            String(config.warmup),
            String(config.block),
          ],
          { timeout: 30 * 60_000, env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" } },
        );
        const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
        info[`${runtime.name} version`] = String(report.runtime);
        for (const name of CASES) {
          const entry = report[name] as {
            ratio: number;
            "mastodon-ts median ms": number;
            "raw median ms": number;
          };
          info[`${runtime.name} ${name} ratio mastodon-ts / raw fetch`] = entry.ratio;
          info[`${runtime.name} ${name} medians ms (raw, mastodon-ts)`] =
            `${entry["raw median ms"]}, ${entry["mastodon-ts median ms"]}`;
          worst = Math.max(worst, entry.ratio);
        }
      }
    } finally {
      await server.close();
    }
    return {
      name: this.name,
      description: this.description,
      info,
      stats,
      baseline: "raw fetch",
      comparison: {
        subject: "mastodon-ts (worst case)",
        baseline: "raw fetch",
        ratio: worst,
        threshold: TARGET,
        pass: worst <= TARGET,
      },
    };
  },
};
