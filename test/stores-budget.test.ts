// The budget steps agree between the in-process stores (JS) and Redis (Lua): the same sequence of
// takes and reports, with random times and server answers, gives the same grants. A real redis-server.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { type BudgetReport, type BudgetTake, type MastodonStore, memoryStore } from "../src/index.js";
import { redisStore } from "../src/redis/index.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";

let redis: RedisServer;
let store: MastodonStore;
before(async () => {
  redis = await startRedis();
  store = redisStore({ url: redis.url }, { prefix: "parity:" });
});
after(async () => {
  await store?.close?.();
  await redis?.close();
});

type Step = { take: Omit<BudgetTake, "now"> } | { report: Omit<BudgetReport, "now"> };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    take: fc.record({
      pace: fc.boolean(),
      pacefactor: fc.constantFrom(1, 1.1, 2),
      probeSeconds: fc.constantFrom(1, 5),
    }),
  }),
  fc.record({
    report: fc.record({
      settled: fc.constantFrom(0, 1),
      remaining: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      limit: fc.option(fc.constantFrom(0, 30, 300), { nil: undefined }),
      reset: fc.option(fc.constantFrom(1003, 1006, 1009.5), { nil: undefined }),
      silent: fc.boolean(),
      exhausted: fc.boolean(),
      retryAfter: fc.option(fc.constantFrom(1, 2.5), { nil: undefined }),
    }),
  }),
);

const round = (n: number) => Math.round(n * 1e6) / 1e6;

test("memoryStore and redisStore grant alike for the same steps (JS and Lua agree)", {
  timeout: 60_000,
}, async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(step, fc.integer({ min: 0, max: 400 })), { maxLength: 30 }),
      async (steps) => {
        const memory = memoryStore();
        const key = `k${run++}`;
        let now = 1000;
        for (const [s, advanceMs] of steps) {
          now += advanceMs / 100;
          if ("take" in s) {
            const a = await memory.takeBudget(key, { ...s.take, now });
            const b = await store.takeBudget(key, { ...s.take, now });
            const view = (g: typeof a) => ({
              granted: g.granted,
              when: round(g.granted ? g.slot : g.wait),
              exhausted: g.granted ? false : g.exhausted,
              remaining: g.state.remaining,
              reset: round(g.state.reset),
              known: g.state.known,
            });
            assert.deepEqual(view(b), view(a));
          } else {
            await memory.reportBudget(key, { ...s.report, now });
            await store.reportBudget(key, { ...s.report, now });
          }
        }
      },
    ),
    { numRuns: 60 },
  );
});

test("checkpoints only move forward and leases have one holder, in both stores", async () => {
  for (const s of [memoryStore(), store]) {
    assert.equal(await s.advanceCheckpoint("c", "109"), "109");
    assert.equal(await s.advanceCheckpoint("c", "99"), "109", "an older id does not move it back");
    assert.equal(await s.advanceCheckpoint("c", "1000"), "1000", "a longer id is newer");
    assert.equal((await s.lease("l", "a", 1000)).held, true);
    const other = await s.lease("l", "b", 1000);
    assert.equal(other.held, false);
    assert.ok(other.remainingMs > 0 && other.remainingMs <= 1000);
    await s.releaseLease("l", "a");
    assert.equal((await s.lease("l", "b", 1000)).held, true, "free once given up");
    await s.releaseLease("l", "b");
  }
});
