/**
 * The stores workload: what a shared rate-limit budget in Redis adds to a request, against the same
 * budget in a memoryStore(). One GET of a small account per request from a loopback server that
 * reports a large budget (so nothing waits), through the built package, interleaved in the same run.
 * A real redis-server on a free loopback port (Debian's package), as in the tests. With Redis, each
 * request makes two round trips to it (take a unit before sending, report the answer after; the
 * report is not awaited by the request).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Mastodon, memoryStore } from "../../dist/index.js";
import { redisStore } from "../../dist/redis/index.js";
import { startRedis } from "../../test/support/redis-server.js";
import {
  type BenchConfig,
  compare,
  measureInterleaved,
  type Result,
  type Stats,
  summariseAgainst,
  type Workload,
} from "../harness.js";

const ACCOUNT = JSON.stringify({ id: "1", username: "bench", acct: "bench" });
/** Redis is a network round trip per step: allow it to cost up to three times an in-memory budget. */
const THRESHOLD = 3;

export const workload: Workload = {
  name: "stores",
  description: "ms per request with the rate-limit budget in Redis vs in a memoryStore()",
  async run(config: BenchConfig): Promise<Result> {
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "x-ratelimit-limit": "1000000",
        "x-ratelimit-remaining": "999999",
        "x-ratelimit-reset": new Date(Date.now() + 300_000).toISOString(),
      });
      res.end(ACCOUNT);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const redis = await startRedis();
    const store = redisStore({ url: redis.url }, { prefix: "bench:" });
    try {
      const client = (ratelimit_store: typeof store) =>
        new Mastodon({ api_base_url: url, access_token: "bench-fake-token", ratelimit_store });
      const inMemory = client(memoryStore());
      const inRedis = client(store);
      const latencies = await measureInterleaved(
        [
          { name: "memoryStore", once: () => inMemory.accountVerifyCredentials() },
          { name: "redisStore", once: () => inRedis.accountVerifyCredentials() },
        ],
        config,
      );
      const [redisStats, memory] = summariseAgainst(
        latencies,
        ["redisStore", "memoryStore"],
        "memoryStore",
        config.block,
      ) as [Stats, Stats];
      return {
        name: "stores",
        description: this.description,
        info: {
          "redis adds (median, ms per request)": Number((redisStats.median - memory.median).toFixed(3)),
        },
        stats: [redisStats, memory],
        comparison: compare(redisStats, memory, THRESHOLD),
      };
    } finally {
      await store.close?.();
      await redis.close();
      server.close();
    }
  },
};
