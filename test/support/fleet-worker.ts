// One process of a fleet that shares a rate-limit budget through Redis: it makes `count` requests
// one after another with ratelimit_method "pace" and prints a JSON summary (429s heard, duration).
// Run by test/stores-fleet.test.ts as a child process: node --import tsx test/support/fleet-worker.ts '<json>'.
import { Mastodon } from "../../src/index.js";
import { redisStore } from "../../src/redis/index.js";

const { url, token, redis, count, startAt } = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  token: string;
  redis: string;
  count: number;
  startAt: number;
};
const store = redisStore({ url: redis }, { prefix: "fleet-test:" });
let refused = 0;
const refusals: number[] = [];
const api = new Mastodon({
  api_base_url: url,
  access_token: token,
  ratelimit_method: "pace",
  ratelimit_store: store,
  on_ratelimit: (event) => {
    if (event.type === "store_unavailable") console.error(`store unavailable: ${event.error.message}`);
    if (event.type === "refused") {
      refused++;
      refusals.push(Date.now());
    }
  },
});
// Connected before the start, so that loading the Redis client is not counted as request time.
await store.getCheckpoint("warm-up");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const started = Date.now();
const times: number[] = [];
for (let i = 0; i < count; i++) {
  await api.accountVerifyCredentials();
  times.push(Date.now());
}
await store.close?.();
console.log(JSON.stringify({ refused, refusals, started, finished: Date.now(), times }));
