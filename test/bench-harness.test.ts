// The benchmark harness's statistics: the paired ratio that the README's performance figures use.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pairedRatio, summariseAgainst } from "../bench/harness.js";

test("pairedRatio compares each block with its own baseline, so a machine slowing down mid-run cancels out", () => {
  // Blocks of 4: the subject is 10% slower than the baseline in every block, and the machine
  // gets three times slower for the second half of the run (and for more of the subject's requests).
  const block = 4;
  const speed = [1, 1, 1, 3, 3, 3, 3, 3];
  const baseline = speed.flatMap((s) => [s, s, s, s]);
  const subject = baseline.map((ms) => ms * 1.1);
  assert.equal(Number(pairedRatio(subject, baseline, block).toFixed(6)), 1.1);
  // Drift that falls on one contender only: the ratio of overall medians would report it as a
  // difference between the clients; the paired ratio sees the blocks where both ran alike.
  const unlucky = baseline.map((ms, i) => (i >= 12 && i < 20 ? ms * 3 : ms));
  assert.equal(pairedRatio(unlucky, baseline, block), 1);
});

test("pairedRatio takes a last, shorter block, and summariseAgainst gives each contender its ratio", () => {
  assert.equal(pairedRatio([2, 2, 2, 6, 6], [1, 1, 1, 2, 2], 3), 2.5);
  const latencies = new Map([
    ["raw", [1, 1, 2, 2]],
    ["client", [1.5, 1.5, 2.4, 2.4]],
  ]);
  const [raw, client] = summariseAgainst(latencies, ["raw", "client"], "raw", 2);
  assert.equal(raw?.ratio, 1);
  assert.equal(Number(client?.ratio?.toFixed(6)), 1.35);
  assert.equal(client?.median, 1.95);
});
