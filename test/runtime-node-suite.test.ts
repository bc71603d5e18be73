// Part of the suite on the oldest Node that `engines` names (20.16) and on Node 22 and 24: the HTTP core
// over real sockets, and credential files (node:fs through process.getBuiltinModule, which Node 20.16
// is the first to have); on 22 and 24 also streaming, over the global WebSocket. runtime-packed.test.ts runs the built package on each, streams included. The
// whole suite runs on one with `npm run test:node20` (test:node22, test:node24).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { delimiter, dirname } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ROOT, runtimeMissing, runtimePath } from "./support/runtimes.js";

const run = promisify(execFile);
const FILES = ["test/http-core.test.ts", "test/credential-files.test.ts"];
/**
 * On Node 22 and 24 streams use the global (standard) WebSocket instead of the `ws` package, so the
 * streaming tests that use the default implementation run there too (about 11 s on each). Left out:
 * streaming-inputs (argument checks, the same everywhere) and streaming-silence (timing bounds, and
 * each implementation is passed explicitly there, so Node 20 covers them).
 */
const STREAMING_FILES = [
  "test/streaming.test.ts",
  "test/streaming-sse-parser.test.ts",
  "test/streaming-resilience.test.ts",
  "test/streaming-backfill.test.ts",
];

/** This process's environment, the runtime first on PATH, and without NODE_TEST_CONTEXT, which would
 * make the child report to this test runner instead of printing its own TAP. */
function childEnv(node: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ""}`,
  };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

for (const name of ["node20", "node22", "node24"] as const) {
  const files = name === "node20" ? FILES : [...FILES, ...STREAMING_FILES];
  test(`${name}: ${files.join(", ")} pass`, { skip: runtimeMissing(name) }, async () => {
    const node = runtimePath(name)!;
    const outcome = await run(
      node,
      ["--import", "tsx", "--test", "--test-reporter=tap", "--test-timeout=60000", ...files],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: childEnv(node),
      },
    ).catch((error: { stdout: string; stderr: string }) => error);
    const failures = outcome.stdout.split("\n").filter((line) => line.startsWith("not ok"));
    const why = outcome.stdout
      .split("\n")
      .filter((line) => /not ok|error:|location:|expected:|actual:|^\s+[+-] /.test(line))
      .join("\n");
    assert.deepEqual(failures, [], `${why.slice(-6000)}\n${outcome.stderr.slice(-2000)}`);
    const passed = Number(/^# pass (\d+)$/m.exec(outcome.stdout)?.[1]);
    assert.ok(passed > 40, `only ${passed} tests passed`);
    assert.match(outcome.stdout, /^# fail 0$/m);
  });
}
