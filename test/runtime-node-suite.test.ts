// The suite's version-dependent part on the oldest Node that `engines` names (20.16) and on Node 22 and
// 24, from test/runtimes; the rest of the suite runs on the machine's Node (20.x) only. The same files
// run on all three, two child runs per Node (FILES, then PARTS), one file at a time:
// - HTTP core over real sockets, on fetch and on the undici transport (Node 20.16's and 24's fetch are
//   different undici majors): redirects, empty answers, retries, faults, errors; and that Node's own
//   fetch is told from a replacement there (msw, a spy), which the default transport relies on;
// - files through process.getBuiltinModule (new in 20.16): credential files, logIn's to_file, media
//   from a path, and (PARTS) the file store's checkpoints, with a real bot killed mid-stream;
// - streaming over `ws` (installed here, so the default on every Node), over a standard WebSocket
//   (undici's, passed explicitly), and SSE over fetch; against
//   the sandbox: streaming (its node:http upgrades), OAuth, media uploads (that Node's FormData, Blob);
// - the CLI as a child process on that Node (parseArgs' messages, its config file, stream);
// - lazy area loading and the light entry (dynamic import), with createFetchClient over that Node's own
//   fetch and AbortController (its requests, timeouts, network errors and a stream over ws: ~2 s),
//   web push crypto, the Redis budget store.
// Measured on a loaded 2-core machine (two runs): Node 20.16 ~110 s, 22 ~60-80 s, 24 ~60-70 s, 4-4.3
// min in all, ~3.2 min more than the earlier http-core + credential-files + streaming set; the parent
// runner's other slot runs the ~200 s of files after this one meanwhile, so the suite takes ~2 min longer.
// Left out, and why: type checks and doc coverage, which are tsc's and not Node's (api-signatures,
// entities-typecheck, types, docs-coverage, method-coverage); pure parsing and request building (the
// other conformance-*, api-*, parsers-*, pagination*, status-length, versions, blurhash, replay-server,
// sandbox tables and renderers); the packed package, Chromium and the examples (runtime-packed
// runs the package on each Node itself); and the slowest real-process files, whose Node-dependent
// parts the files above cover: cli-commands (~65 s), cli-login (~22 s), stores-fleet (~35 s),
// ratelimit (~33 s), the Redis and lease tests of stores-checkpoint (~20 s), streaming-silence
// (timing bounds, each WebSocket passed explicitly). All of it: `npm run test:node20` (test:node22,
// test:node24) runs the whole suite on one; it passed on all three when this list was chosen.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { delimiter, dirname } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ROOT, runtimeMissing, runtimePath } from "./support/runtimes.js";

const run = promisify(execFile);

const FILES = [
  // HTTP core, fetch and undici transports.
  "test/http-core.test.ts",
  "test/core-transport.test.ts",
  "test/transport-request-mocks.test.ts",
  "test/core-redirects.test.ts",
  "test/core-empty-answers.test.ts",
  "test/core-status-post-retries.test.ts",
  "test/fault-http.test.ts",
  "test/errors.test.ts",
  "test/base-url.test.ts",
  "test/request-path-shortcuts.test.ts",
  // Files through process.getBuiltinModule.
  "test/credential-files.test.ts",
  "test/auth-login.test.ts",
  "test/api-media.test.ts",
  // Streaming: the client, and the sandbox's server side.
  "test/streaming.test.ts",
  "test/streaming-sse-parser.test.ts",
  "test/streaming-resilience.test.ts",
  "test/streaming-backfill.test.ts",
  "test/fault-streaming.test.ts",
  "test/conformance-streaming.test.ts",
  "test/sandbox-streaming-websocket.test.ts",
  "test/sandbox-streaming-sse.test.ts",
  "test/sandbox-streaming-library.test.ts",
  "test/sandbox-oauth.test.ts",
  "test/sandbox-media.test.ts",
  // The CLI as a child process.
  "test/cli-credentials.test.ts",
  "test/cli-stream.test.ts",
  "test/cli-from-env.test.ts",
  // Lazy loading, push crypto, stores.
  "test/lazy-areas.test.ts",
  "test/light.test.ts",
  "test/light-fetch-client.test.ts",
  "test/webpush.test.ts",
  "test/stores-budget.test.ts",
];

/** Files of which only some tests run: those that depend on Node, without the long rest. */
const PARTS = {
  file: "test/stores-checkpoint.test.ts",
  // The file store (a bot killed mid-stream, polling, a corrupt file); not Redis or the lease replicas.
  names: "\\(file store\\)|^polling: |corrupt store file",
};

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

/**
 * Runs test files on `node`, one at a time (the parent runner already keeps both cores busy), and
 * checks that nothing failed or was cancelled, and that at least `atLeast` tests passed (tests that
 * skip themselves, or that Node 20 reports as skipped for not matching a name pattern, would not).
 * --test-timeout guards against a hang: on Node 20 and 22 it bounds each whole file, on 24 each test.
 */
async function passes(node: string, args: string[], atLeast: number): Promise<void> {
  const outcome = await run(
    node,
    [
      "--import",
      "tsx",
      "--test",
      "--test-reporter=tap",
      "--test-concurrency=1",
      "--test-timeout=120000",
      ...args,
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: childEnv(node), timeout: 600_000, killSignal: "SIGKILL" },
  ).catch((error: { stdout: string; stderr: string }) => error);
  const lines = outcome.stdout.split("\n");
  const why = lines
    .filter((line) => /not ok|error:|location:|expected:|actual:|^\s+[+-] /.test(line))
    .join("\n");
  const context = `${why.slice(-6000)}\n${outcome.stderr.slice(-2000)}`;
  assert.deepEqual(
    lines.filter((line) => line.startsWith("not ok")),
    [],
    context,
  );
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(outcome.stdout)?.[1]);
  assert.deepEqual(
    { fail: count("fail"), cancelled: count("cancelled") },
    { fail: 0, cancelled: 0 },
    context,
  );
  assert.ok(count("pass") >= atLeast, `only ${count("pass")} tests passed (at least ${atLeast} expected)`);
}

for (const name of ["node20", "node22", "node24"] as const) {
  const skip = runtimeMissing(name);
  test(`${name}: ${FILES.length} test files of HTTP, files, streaming, sandbox, CLI, lazy loading and stores pass`, {
    skip,
  }, async () => {
    await passes(runtimePath(name)!, FILES, 550);
  });
  test(`${name}: the file store's tests in ${PARTS.file} pass`, { skip }, async () => {
    await passes(runtimePath(name)!, [`--test-name-pattern=${PARTS.names}`, PARTS.file], 3);
  });
}
