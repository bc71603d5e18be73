/**
 * The benchmark runner: `npm run bench` (builds first, then measures the built package).
 *
 *   npm run bench                      every workload
 *   npm run bench -- timeline          only the named workloads
 *   npm run bench -- --requests 4000   more measured requests per client (also --warmup, --block)
 *
 * Prints a table per workload and writes everything to .bench-results/latest.json. The result is
 * a ratio measured in the same run (paired block by block where contenders took turns: see
 * pairedRatio in harness.ts), never an absolute time. The exit code is 0 even when a ratio is over
 * its threshold (this is a measurement, not a test); a FAIL line says so.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { VERSION } from "../dist/index.js";
import type { BenchConfig, Result, Stats, Workload } from "./harness.js";

/**
 * Every workload: each file in ./workloads exports one `Workload` as `workload`, so that adding a
 * workload is adding a file. Loaded in name order, so the output order is stable.
 */
async function loadWorkloads(): Promise<Workload[]> {
  const dir = fileURLToPath(new URL("./workloads/", import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const loaded: Workload[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(resolve(dir, file)).href)) as { workload?: Workload };
    if (!module.workload) throw new Error(`bench/workloads/${file} exports no \`workload\``);
    loaded.push(module.workload);
  }
  return loaded;
}

const DEFAULTS: BenchConfig = { requests: 2000, warmup: 200, block: 50, threshold: 1.1 };

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer; got ${value}`);
  return n;
}

function parseConfig(): { config: BenchConfig; names: string[] } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      requests: { type: "string" },
      warmup: { type: "string" },
      block: { type: "string" },
      threshold: { type: "string" },
    },
  });
  const threshold = values.threshold === undefined ? DEFAULTS.threshold : Number(values.threshold);
  if (!(threshold > 0)) throw new Error(`--threshold must be a positive number; got ${values.threshold}`);
  return {
    config: {
      requests: positiveInt(values.requests, DEFAULTS.requests, "requests"),
      warmup: positiveInt(values.warmup, DEFAULTS.warmup, "warmup"),
      block: positiveInt(values.block, DEFAULTS.block, "block"),
      threshold,
    },
    names: positionals,
  };
}

const ms = (x: number) => `${x.toFixed(3)} ms`;

function table(stats: readonly Stats[], baselineName?: string): string {
  const baseline = stats.find((s) => s.name === baselineName);
  const head = ["client", "n", "median", "p90", "p99", "req/s"];
  const rows = [
    baseline ? [...head, `÷ ${baseline.name}`] : head,
    ...stats.map((s) => {
      const row = [s.name, String(s.n), ms(s.median), ms(s.p90), ms(s.p99), s.rps.toFixed(0)];
      return baseline ? [...row, (s.ratio ?? s.median / baseline.median).toFixed(3)] : row;
    }),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows
    .map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))))
    .map((r) => `  ${r.join("  ")}`)
    .join("\n");
}

function report(result: Result): string {
  const lines = [`${result.name}: ${result.description}`];
  const info = Object.entries(result.info)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  if (info) lines.push(`  ${info}`);
  // A workload measured in other processes (runtimes) reports its ratios in info, without a table.
  if (result.stats.length > 0) lines.push(table(result.stats, result.baseline));
  const c = result.comparison;
  if (c) {
    const ratio = c.ratio.toFixed(3);
    lines.push(
      `  ratio ${c.subject} / ${c.baseline} (median): ${ratio}  ` +
        (c.pass ? `PASS (<= ${c.threshold.toFixed(2)})` : `FAIL: ratio ${ratio} > ${c.threshold.toFixed(2)}`),
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { config, names } = parseConfig();
  const workloads = await loadWorkloads();
  const unknown = names.filter((n) => !workloads.some((w) => w.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown workload(s): ${unknown.join(", ")}; known: ${workloads.map((w) => w.name).join(", ")}`,
    );
  }
  const selected = names.length === 0 ? workloads : workloads.filter((w) => names.includes(w.name));
  console.log(
    `mastodon-ts ${VERSION} bench, node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}; ` +
      `${config.requests} measured requests per client after ${config.warmup} warm-up, blocks of ${config.block}`,
  );
  const results: Result[] = [];
  for (const workload of selected) {
    const result = await workload.run(config);
    results.push(result);
    console.log(`\n${report(result)}`);
  }

  const dir = resolve(fileURLToPath(new URL("..", import.meta.url)), ".bench-results");
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, "latest.json");
  const output = {
    date: new Date().toISOString(),
    version: VERSION,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? "unknown",
    cpus: cpus().length,
    config,
    results,
  };
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

await main();
