// A bot process for the checkpoint and lease tests: streams its notifications with backfill from a
// checkpoint (file or Redis store), and "answers" each mention by appending its id to a log file.
// Prints READY once connected and LEASE <ms> when it takes the exclusive lease.
// node --import tsx test/support/checkpoint-bot.ts '<json>'
import { appendFileSync } from "node:fs";
import { fileStore, Mastodon, type MastodonStore } from "../../src/index.js";
import { redisStore } from "../../src/redis/index.js";

const options = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  token: string;
  file?: string;
  redis?: string;
  prefix?: string;
  log: string;
  exclusive?: boolean;
  lease_seconds?: number;
};
const store: MastodonStore = options.redis
  ? redisStore({ url: options.redis }, { prefix: options.prefix ?? "bot-test:" })
  : fileStore(options.file as string);
const api = new Mastodon({ api_base_url: options.url, access_token: options.token });
const stream = api.streamUserNotification(
  {
    async onNotification(notification) {
      if (notification.type !== "mention") return;
      appendFileSync(options.log, `${process.pid} ${notification.id}\n`);
      // An answer takes a moment; the checkpoint is saved when it is done.
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
    onLeaseChange(held) {
      console.log(`${held ? "LEASE" : "LOST"} ${Date.now()}`);
    },
    onError(error) {
      console.error(`error: ${error.message}`);
    },
  },
  {
    transport: "sse",
    backfill: true,
    checkpoint: store,
    exclusive: options.exclusive,
    lease_seconds: options.lease_seconds,
    reconnect_async_wait_sec: 0.2,
  },
);
const ready = setInterval(() => {
  if (!stream.isReceiving()) return;
  clearInterval(ready);
  console.log("READY");
}, 10);
process.once("SIGTERM", () => {
  stream.close();
  void stream.flush().then(() => process.exit(0));
});
