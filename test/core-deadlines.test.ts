// request_timeout with one timer per client (src/core/deadlines.ts): each attempt still times out
// at its own deadline, however many began and ended before it, and an idle client's timer does not
// keep the process alive.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { setTimeout as wait } from "node:timers/promises";
import { TimeoutMarker } from "../src/core/attempt-signal.js";
import { Deadlines } from "../src/core/deadlines.js";

/** Waits (up to 5 s, generous for a loaded machine) until `done()` holds. */
async function until(done: () => boolean): Promise<void> {
  for (const started = Date.now(); !done(); await wait(10)) {
    if (Date.now() - started > 5000) assert.fail("timed out waiting");
  }
}

test("an attempt times out at its own deadline, not at the one of an attempt that ended before it", async () => {
  const deadlines = new Deadlines(0.3);
  const first = deadlines.begin();
  deadlines.end(first);
  await wait(200);
  const second = deadlines.begin();
  // The first attempt's deadline passes here: the timer set for it must not end the second.
  await wait(200);
  assert.equal(second.aborted, false);
  assert.equal(second.timeout, undefined);
  await until(() => second.aborted);
  // (Read again: the checks above narrowed the field's type to undefined.)
  const marker = (second as { timeout: TimeoutMarker | undefined }).timeout;
  assert.ok(marker instanceof TimeoutMarker);
  assert.equal(second.reason, marker);
  assert.equal(marker.seconds, 0.3);
  assert.equal(first.timeout, undefined, "an ended attempt is never timed out");
  deadlines.end(second);
});

test("concurrent attempts each time out; the marker says whether the server had begun answering", async () => {
  const deadlines = new Deadlines(0.05);
  const silent = deadlines.begin();
  const answering = deadlines.begin();
  answering.answered = true;
  const finished = deadlines.begin();
  deadlines.end(finished);
  await until(() => silent.aborted && answering.aborted);
  assert.equal(silent.timeout?.answered, false);
  assert.equal(answering.timeout?.answered, true);
  assert.equal(finished.aborted, false);
  deadlines.end(silent);
  deadlines.end(answering);
  // The client goes on timing new attempts after a timeout.
  const later = deadlines.begin();
  await until(() => later.aborted);
  deadlines.end(later);
});

test("a caller's abort reaches the attempt with its reason, and is not taken for a timeout", () => {
  const deadlines = new Deadlines(300);
  const attempt = deadlines.begin();
  const heard: unknown[] = [];
  attempt.addEventListener("abort", () => heard.push(attempt.reason));
  const standard = attempt.standard();
  const caller = new AbortController();
  const unfollow = attempt.follow(caller.signal);
  const reason = new Error("stop");
  caller.abort(reason);
  assert.equal(attempt.aborted, true);
  assert.deepEqual(heard, [reason]);
  assert.equal(standard.aborted, true);
  assert.equal(standard.reason, reason);
  assert.equal(attempt.timeout, undefined);
  unfollow?.();
  deadlines.end(attempt);
});

test("an idle client's timer does not keep the process alive", () => {
  // One attempt begun and ended with the default request_timeout (300 s): the process must exit at once.
  const script =
    `import { Deadlines } from ${JSON.stringify(new URL("../src/core/deadlines.ts", import.meta.url).href)};` +
    "const d = new Deadlines(300); d.end(d.begin()); d.end(d.begin());";
  const started = Date.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(child.status, 0, child.stderr);
  assert.ok(Date.now() - started < 30_000, "the process waited for the idle timer");
});
