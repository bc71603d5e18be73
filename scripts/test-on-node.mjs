// `npm run test:node20|test:node22|test:node24 [-- files...]`: the test suite (or the files named) on
// the oldest Node that `engines` names, or on Node 22 or 24, from test/runtimes (installed by
// `npm ci --prefix test/runtimes`). Child processes that the tests start run on the same Node: it
// is first on PATH and is process.execPath. The whole suite leaves out runtime-node-suite.test.ts,
// which would only run part of it again on all three. About 5-7 min each on a loaded 2-core machine.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const [name, ...files] = process.argv.slice(2);
const node = join(root, "test", "runtimes", "node_modules", name ?? "", "bin", "node");
if (!/^node\d+$/.test(name ?? "") || !existsSync(node)) {
  console.error(
    `No ${name} in test/runtimes: run \`npm ci --prefix test/runtimes\` (node20, node22, node24).`,
  );
  process.exit(2);
}
const tests = files.length
  ? files
  : readdirSync(join(root, "test"))
      .filter((file) => file.endsWith(".test.ts") && file !== "runtime-node-suite.test.ts")
      .map((file) => join("test", file));
// The timeout only catches hangs: on Node 20 and 22 it bounds each whole file (stores-checkpoint takes
// over 70 s under load), on Node 24 each test.
const result = spawnSync(
  node,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-timeout=300000", ...tests],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ""}` },
  },
);
process.exit(result.status ?? 1);
