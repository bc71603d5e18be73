/**
 * The runtimes the package claims besides the machine's Node: the oldest Node that `engines` names,
 * Node 22 and 24, Deno and Bun, all from npm, installed apart in test/runtimes (its package.json says
 * why) by `npm ci --prefix test/runtimes`, which .ci/run does.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MODULES = join(ROOT, "test", "runtimes", "node_modules");

/** Where each runtime's executable is; the first path that exists wins. */
const CANDIDATES = {
  node20: [join(MODULES, "node20", "bin", "node")],
  node22: [join(MODULES, "node22", "bin", "node")],
  node24: [join(MODULES, "node24", "bin", "node")],
  // The platform package's binary; deno's own bin is a Node wrapper that only spawns it.
  deno: [join(MODULES, "deno", "deno"), join(MODULES, "@deno", "linux-x64-glibc", "deno")],
  // bun's postinstall moves its platform binary to bun/bin/bun.exe (the name on every platform).
  bun: [join(MODULES, "@oven", "bun-linux-x64", "bin", "bun"), join(MODULES, "bun", "bin", "bun.exe")],
} as const;

export type RuntimeName = keyof typeof CANDIDATES;

/** The runtime's executable, or undefined when test/runtimes is not installed. */
export function runtimePath(name: RuntimeName): string | undefined {
  return CANDIDATES[name].find((path) => existsSync(path));
}

/**
 * True where the runtimes must be there: .ci/run sets MASTODON_TS_REQUIRE_RUNTIMES after installing
 * them, and generic CI systems set CI. A missing runtime then fails its tests instead of skipping them.
 */
export function runtimesRequired(): boolean {
  return Boolean(process.env.MASTODON_TS_REQUIRE_RUNTIMES || process.env.CI);
}

/**
 * For `test(name, { skip: runtimeMissing(...) }, ...)`: false when every runtime is there. Missing ones
 * skip the test on a developer's machine, and fail it in CI, where .ci/run must have installed them.
 */
export function runtimeMissing(...names: RuntimeName[]): string | false {
  const missing = names.filter((name) => runtimePath(name) === undefined);
  if (missing.length === 0) return false;
  const reason = `${missing.join(", ")} not installed: run \`npm ci --prefix test/runtimes\``;
  if (runtimesRequired()) throw new Error(`${reason} (.ci/run should have)`);
  return reason;
}
