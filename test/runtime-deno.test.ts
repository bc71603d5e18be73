// Deno-specific behaviour of the built package, on the Deno that test/runtimes installs: the
// request timer. A client times every request with one timer (src/core/deadlines.ts), kept,
// unreferenced, between requests: setting one up again for each costs a twentieth of a request on
// Deno. Deno 2.9's timers have unref(), as Node's do; the process must still exit when the work is
// done.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { json, startServer } from "./support/http-server.js";
import { ROOT, runtimeMissing, runtimePath } from "./support/runtimes.js";

const run = promisify(execFile);

test("Deno: 20 sequential requests set up one request_timeout timer, and the process exits by itself", {
  skip: runtimeMissing("deno"),
}, async (t) => {
  const server = await startServer((req, res) =>
    json(res, 200, { id: req.path.split("/").pop(), content: "" }),
  );
  t.after(() => server.close());
  const script = join(ROOT, "test", "support", "deno-deadlines.mjs");
  const dist = join(ROOT, "dist", "index.js");
  const started = performance.now();
  const { stdout } = await run(
    runtimePath("deno")!,
    ["run", "--allow-all", "--no-lock", script, dist, server.url],
    {
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    },
  );
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { timersSet: number; statuses: number };
  assert.equal(report.statuses, 20);
  assert.equal(report.timersSet, 1, "one timer for all 20 requests");
  assert.ok(performance.now() - started < 30_000, "the process exited without waiting out request_timeout");
});
