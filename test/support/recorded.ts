// Access to the recorded Mastodon traffic in the shared conformance folder.
//
// The recordings are read in place at test time (never copied into the project); when the folder is
// not there, conformance tests are skipped with an explanation instead of failing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type TestContext, test } from "node:test";
import { fileURLToPath } from "node:url";

export type ScenarioSet = "mastodon-4.6.4" | "mastodon-social-entities";

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string | null;
  /** "base64" for multipart uploads. */
  bodyEncoding?: "base64";
}

export interface RecordedResponse {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  body: string | null;
  bodyEncoding?: "base64";
}

export interface Interaction {
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface Scenario {
  test: string;
  cassetteDir?: string;
  testFile?: string;
  interactions: Interaction[];
  /** Set by loadScenario; lets the replay server answer discovery look-ups from sibling scenarios. */
  set?: ScenarioSet;
  /** File name without `.json`, set by loadScenario. */
  name?: string;
}

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Where the recordings are expected, whether or not they are there. */
export function recordedPath(): string {
  return process.env.MASTODON_TS_RECORDED ?? resolve(repoRoot, "..", "shared", "conformance", "recorded");
}

/** The sample media files recorded beside the traffic (../shared/conformance/media). */
export function conformanceMediaPath(): string {
  return resolve(recordedPath(), "..", "media");
}

/** The recordings folder, or undefined when it is absent. */
export function recordedDir(): string | undefined {
  const dir = recordedPath();
  return existsSync(dir) ? dir : undefined;
}

function requireDir(): string {
  const dir = recordedDir();
  if (dir === undefined) {
    throw new Error(`recorded traffic not found at ${recordedPath()}; set MASTODON_TS_RECORDED`);
  }
  return dir;
}

/** Scenario names (file names without `.json`) of one set, sorted. Empty when absent. */
export function listScenarios(set: ScenarioSet): string[] {
  const dir = recordedDir();
  if (dir === undefined || !existsSync(join(dir, set))) return [];
  return readdirSync(join(dir, set))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** Loads one scenario; `name` may be given with or without `.json` (e.g. "test_toot"). */
export function loadScenario(set: ScenarioSet, name: string): Scenario {
  const base = name.endsWith(".json") ? name.slice(0, -".json".length) : name;
  const file = join(requireDir(), set, `${base}.json`);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Scenario;
  if (!Array.isArray(parsed.interactions)) throw new Error(`${file}: no interactions array`);
  return { ...parsed, set, name: base };
}

type TestFn = (t: TestContext) => void | Promise<void>;

/**
 * node:test `test()` that is skipped, with the reason, only when the recordings are absent. Any other
 * problem (a missing scenario, a failed assertion) still fails the test.
 */
export function conformanceTest(name: string, fn: TestFn): Promise<void> {
  const skip =
    recordedDir() === undefined
      ? `recorded traffic not found at ${recordedPath()}; set MASTODON_TS_RECORDED`
      : undefined;
  return skip === undefined ? test(name, fn) : test(name, { skip }, fn);
}
