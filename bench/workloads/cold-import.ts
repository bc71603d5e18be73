/**
 * The cold-import workload: how long `await import("mastodon-ts")` takes in a fresh Node process,
 * net of bare Node start-up (timed inside the child, from just before the import to just after, so
 * process start and exit are not counted), beside masto and megalodon, in alternating order. Bare
 * start-up (`node -e 0`, wall clock from spawn to exit) is reported for scale. The comparison is
 * mastodon-ts over masto (the target: no slower, at most 1.00).
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { compare, type Result, type Stats, summarise, type Workload } from "../harness.js";
import { versionOf } from "../peers.js";

const ROUNDS = 15;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Milliseconds the import of `specifier` takes in a fresh process (resolved from the repository). */
function importMs(specifier: string): number {
  const script =
    `const t = performance.now(); await import(${JSON.stringify(specifier)}); ` +
    "process.stdout.write(String(performance.now() - t));";
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" }),
  );
}

/** Wall-clock milliseconds of a bare `node -e 0`, spawn to exit. */
function bareMs(): number {
  const start = performance.now();
  execFileSync(process.execPath, ["-e", "0"], { cwd: ROOT });
  return performance.now() - start;
}

export const workload: Workload = {
  name: "cold-import",
  description: 'fresh-process `await import("mastodon-ts")`, net of Node start-up, vs masto and megalodon',
  async run(): Promise<Result> {
    const contenders: Array<[string, () => number]> = [["bare node start-up (wall)", bareMs]];
    const subject = `mastodon-ts ${versionOf("mastodon-ts")}`;
    contenders.push([subject, () => importMs("mastodon-ts")]);
    const skipped: string[] = [];
    for (const peer of ["masto", "megalodon"]) {
      try {
        importMs(peer);
        contenders.push([`${peer} ${versionOf(peer)}`, () => importMs(peer)]);
      } catch (error) {
        skipped.push(`${peer}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
    const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const [name, once] of order) times.get(name)!.push(once());
    }
    const stats: Stats[] = contenders.map(([name]) => summarise(name, times.get(name)!));
    const masto = stats.find((s) => s.name.startsWith("masto "));
    const mine = stats.find((s) => s.name === subject)!;
    const info: Result["info"] = {
      rounds: ROUNDS,
      measured: "inside the child: performance.now() around the import",
    };
    for (const s of stats.slice(1)) info[`import ms ${s.name}`] = Number(s.median.toFixed(1));
    skipped.forEach((note, i) => {
      info[`left out ${i + 1}`] = note;
    });
    return {
      name: this.name,
      description: this.description,
      info,
      stats,
      ...(masto ? { baseline: masto.name, comparison: compare(mine, masto, 1) } : {}),
    };
  },
};
