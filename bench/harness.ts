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
  /** Largest acceptable ratio of the subject to the baseline (paired where measured: see pairedRatio). */
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
  /**
   * The paired ratio to the workload's baseline (see pairedRatio), where the workload measured one:
   * what the tables and comparisons report instead of the ratio of the two overall medians.
   */
  ratio?: number;
}

export interface Comparison {
  /** The client under test. */
  subject: string;
  /** What it is measured against. */
  baseline: string;
  /** subject's paired ratio to baseline where measured (see pairedRatio), else subject median / baseline median. */
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
  /** The contender every row is compared with (the table's last column: its paired ratio), if any. */
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
  const ratio = subject.ratio ?? subject.median / baseline.median;
  return { subject: subject.name, baseline: baseline.name, ratio, threshold, pass: ratio <= threshold };
}

/** A small deterministic generator of numbers in [0, 1) (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in random order (Fisher-Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Warms every contender up, then measures `requests` sequential requests of each, in blocks taken
 * in turn, in a new shuffled order every round (a fixed seed, so runs are alike), so that machine
 * noise, and the garbage one contender leaves for the next to collect, fall on all contenders alike:
 * with a fixed or merely reversed order, a contender would always follow the same other one.
 * Returns each contender's latencies in milliseconds.
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
  const random = seededRandom(0x6d617374);
  for (let done = 0; done < config.requests; ) {
    const size = Math.min(config.block, config.requests - done);
    const order = shuffled(contenders, random);
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

/**
 * The median, over the blocks in which the contenders took turns (see measureInterleaved), of the
 * subject's median in a block divided by the baseline's median in the same block. Each ratio
 * compares requests measured moments apart, so that the machine's speed drifting during a run
 * (other tenants of a shared host) cancels out instead of landing on whoever ran in a slow
 * stretch: the "paired ratios" of issue 11's figures.
 */
export function pairedRatio(subject: readonly number[], baseline: readonly number[], block: number): number {
  const ratios: number[] = [];
  for (let start = 0; start < Math.min(subject.length, baseline.length); start += block) {
    const median = (values: readonly number[]) =>
      quantile(
        [...values.slice(start, start + block)].sort((a, b) => a - b),
        0.5,
      );
    ratios.push(median(subject) / median(baseline));
  }
  return quantile(
    ratios.sort((a, b) => a - b),
    0.5,
  );
}

/** summarise() for each named contender, with its paired ratio to `baseline` (see pairedRatio). */
export function summariseAgainst(
  latencies: ReadonlyMap<string, readonly number[]>,
  names: readonly string[],
  baseline: string,
  block: number,
): Stats[] {
  const base = latencies.get(baseline) ?? [];
  return names.map((name) => {
    const own = latencies.get(name) ?? [];
    return { ...summarise(name, own), ratio: pairedRatio(own, base, block) };
  });
}
