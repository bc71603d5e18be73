/**
 * What every benchmark workload shares: the shape of a workload and its result, interleaved
 * measurement of competing clients, and the statistics reported.
 */
import { performance } from "node:perf_hooks";

export interface BenchConfig {
  /** Measured requests per contender. */
  requests: number;
  /** Unmeasured requests per contender before measuring. */
  warmup: number;
  /** Requests per block; contenders take turns block by block. */
  block: number;
  /** Largest acceptable ratio subject median / baseline median. */
  threshold: number;
}

export interface Workload {
  name: string;
  /** One line: what is measured. */
  description: string;
  run(config: BenchConfig): Promise<Result>;
}

export interface Stats {
  name: string;
  /** Measured requests. */
  n: number;
  /** Latencies in milliseconds. */
  median: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** Requests per second while this contender was running (n / sum of its latencies). */
  rps: number;
}

export interface Comparison {
  /** The client under test. */
  subject: string;
  /** What it is measured against. */
  baseline: string;
  /** subject median / baseline median. */
  ratio: number;
  threshold: number;
  pass: boolean;
}

export interface Result {
  name: string;
  description: string;
  /** Facts about the setup (body size, where the fixture came from, ...). */
  info: Record<string, string | number | boolean>;
  stats: Stats[];
  comparison?: Comparison;
  /** The contender every row's median is divided by (the table's last column), if any. */
  baseline?: string;
}

/** One competitor: a single request, awaited; its result is returned so it cannot be optimised away. */
export interface Contender {
  name: string;
  once(): Promise<unknown>;
}

/**
 * Runs `once` `concurrency` times at the same moment and waits for all: one measured "request" of
 * a concurrent workload. With 1, `once` itself.
 */
export function concurrently(once: () => Promise<unknown>, concurrency: number): () => Promise<unknown> {
  if (concurrency === 1) return once;
  return () => Promise.all(Array.from({ length: concurrency }, once));
}

/** Linear-interpolated quantile of sorted values (q in 0..1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function summarise(name: string, latencies: readonly number[]): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return {
    name,
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    mean: total / sorted.length,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    rps: total > 0 ? (sorted.length * 1000) / total : Number.NaN,
  };
}

export function compare(subject: Stats, baseline: Stats, threshold: number): Comparison {
  const ratio = subject.median / baseline.median;
  return { subject: subject.name, baseline: baseline.name, ratio, threshold, pass: ratio <= threshold };
}

/**
 * Warms every contender up, then measures `requests` sequential requests of each, in alternating
 * blocks (A, B, A, B, ... then B, A, B, A, ... so neither always goes first), so that machine noise
 * falls on all contenders alike. Returns each contender's latencies in milliseconds.
 */
export async function measureInterleaved(
  contenders: readonly Contender[],
  config: Pick<BenchConfig, "requests" | "warmup" | "block">,
): Promise<Map<string, number[]>> {
  for (const c of contenders) {
    for (let i = 0; i < config.warmup; i++) await c.once();
  }
  const latencies = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  let sink = 0;
  for (let done = 0, round = 0; done < config.requests; round++) {
    const size = Math.min(config.block, config.requests - done);
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      const out = latencies.get(c.name)!;
      for (let i = 0; i < size; i++) {
        const start = performance.now();
        const value = await c.once();
        out.push(performance.now() - start);
        if (value !== undefined) sink++;
      }
    }
    done += size;
  }
  if (sink < 0) throw new Error("unreachable");
  return latencies;
}
