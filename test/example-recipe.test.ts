/**
 * The bot makers' recipe, examples/reply-bot.test.mjs, run the three ways its header tells: Node's
 * test runner, Vitest (--globals) and Jest (ESM through --experimental-vm-modules). Each runner is a
 * child process here, as a user would start it; its summary must say exactly 1 test passed. The
 * recipe imports the built package ("mastodon-ts/sandbox" resolves to dist/ through the package's
 * exports), so `npm run build` must have run first (npm test does that).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const RECIPE = "examples/reply-bot.test.mjs";
// Each run starts a runner, the sandbox and the bot: seconds alone, much more beside the rest of the suite.
const RUN_TIMEOUT_MS = 240_000;

interface Run {
  code: number | null;
  output: string; // stdout and stderr together: Jest writes its summary to stderr, the others to stdout
}

/** Runs `node <args>` in the repository, the same Node as this suite. */
function runNode(args: string[]): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  // Set by `node --test` for its own children: the inner `node --test` would then report to us in
  // its binary protocol instead of printing its summary.
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    // Its own process group, so that a run killed for time takes the bot it started along.
    const child = spawn(process.execPath, args, {
      cwd: repo,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n[killed after ${RUN_TIMEOUT_MS} ms]`;
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, RUN_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The first number the pattern captures in the output, or a failure that shows the output. */
function count(run: Run, pattern: RegExp): number {
  const found = pattern.exec(run.output);
  assert.ok(found, `no ${pattern} in the runner's output:\n${run.output}`);
  return Number(found[1]);
}

test("the recipe needs the built package", () => {
  assert.ok(existsSync(new URL("../dist/sandbox/index.js", import.meta.url)), "run `npm run build` first");
});

test("the recipe passes under node --test", { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
  const run = await runNode(["--test", RECIPE]);
  assert.equal(run.code, 0, run.output);
  // TAP ("# pass 1") where stdout is not a terminal on Node 20, the spec reporter ("ℹ pass 1") on later Nodes.
  assert.equal(count(run, /^(?:#|ℹ) tests (\d+)$/m), 1, run.output);
  assert.equal(count(run, /^(?:#|ℹ) pass (\d+)$/m), 1, run.output);
  assert.equal(count(run, /^(?:#|ℹ) fail (\d+)$/m), 0, run.output);
});

test("the recipe passes under vitest run --globals", { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
  // What `npx vitest run --globals ...` starts.
  const run = await runNode(["node_modules/vitest/vitest.mjs", "run", "--globals", RECIPE]);
  assert.equal(run.code, 0, run.output);
  assert.equal(count(run, /^\s*Test Files\s+(\d+) passed \(1\)$/m), 1, run.output);
  assert.equal(count(run, /^\s*Tests\s+(\d+) passed \(1\)$/m), 1, run.output);
});

test("the recipe passes under jest with --experimental-vm-modules", {
  timeout: RUN_TIMEOUT_MS + 10_000,
}, async () => {
  const run = await runNode(["--experimental-vm-modules", "node_modules/jest/bin/jest.js", RECIPE]);
  assert.equal(run.code, 0, run.output);
  assert.equal(count(run, /^Test Suites:\s+(\d+) passed, 1 total$/m), 1, run.output);
  assert.equal(count(run, /^Tests:\s+(\d+) passed, 1 total$/m), 1, run.output);
});
