/**
 * "mastodon-ts/redis" (Node only): redisStore(), the store that lets any number of processes and
 * machines share rate-limit budgets, stream checkpoints and exclusive leases.
 *
 *   import { redisStore } from "mastodon-ts/redis";
 *   const store = redisStore({ url: "redis://localhost:6379" }, { prefix: "mybot:" });
 *   const api = new Mastodon({ access_token, api_base_url, ratelimit_method: "pace", ratelimit_store: store });
 *   api.streamUser(listener, { backfill: true, checkpoint: store, exclusive: true });
 *
 * Every step is one Lua script (./scripts.ts). Scripts are sent by hash and sent whole when Redis does
 * not know them (after a restart). A command that gets no answer within `timeout_ms` fails: the
 * library then goes on with a local budget and a warning rather than hanging.
 */
import { createHash } from "node:crypto";
import { timerDelay } from "../core/sleep.js";
import { STALE_INFLIGHT_SECONDS, UNKNOWN_WINDOW_POLL_SECONDS } from "../stores/budget-logic.js";
import {
  type BudgetGrant,
  type BudgetRecord,
  type MastodonStore,
  MastodonStoreDataError,
  MastodonStoreError,
} from "../stores/types.js";
import { commandSender, connectUrl, type RedisClientLike, type SendCommand } from "./client.js";
import { ADVANCE_CHECKPOINT, RELEASE_LEASE, REPORT_BUDGET, TAKE_BUDGET, TAKE_LEASE } from "./scripts.js";

export type { IoRedisLike, NodeRedisLike, RedisClientLike } from "./client.js";

/** Options of redisStore. */
export interface RedisStoreOptions {
  /** Put before every key, so that several bots (or apps) can share one Redis. Default "mastodon-ts:". */
  prefix?: string | undefined;
  /** Milliseconds a command may take before it counts as failed. Default 2000. */
  timeout_ms?: number | undefined;
}

/**
 * A store in Redis, shared by any number of processes and machines: give it `{ url }` (it connects
 * on first use, with node-redis if installed, else ioredis, and close() disconnects) or
 * `{ client }`, a connected client of yours. Every step is one Lua script, atomic in Redis.
 * Throws MastodonStoreError for anything else; a step rejects with MastodonStoreError when Redis
 * cannot be reached, refuses, or does not answer within `timeout_ms` (for rate-limit budgets,
 * the clients then go on with a local budget and a warning), and with MastodonStoreDataError when the keys under `prefix` hold
 * data mastodon-ts did not write.
 */
export function redisStore(
  connection: { url: string } | { client: RedisClientLike },
  options: RedisStoreOptions = {},
): MastodonStore {
  const prefix = options.prefix ?? "mastodon-ts:";
  const timeoutMs = options.timeout_ms ?? 2000;
  /** Sends one command; the timeout counts from when the connection is open (loading a client may take a while). */
  let call: SendCommand;
  let close: () => Promise<void> = async () => undefined;
  if (connection !== null && typeof connection === "object" && "client" in connection) {
    const send = commandSender(connection.client);
    call = (args) => withTimeout(send(args), timeoutMs);
  } else if (connection !== null && typeof connection === "object" && typeof connection.url === "string") {
    // Connected on first use, so that making the store needs no await.
    let connecting: Promise<SendCommand> | undefined;
    const url = connection.url;
    call = async (args) => {
      connecting ??= connectUrl(url, () => undefined, timeoutMs).then(
        (opened) => {
          close = opened.close;
          return opened.send;
        },
        (error) => {
          connecting = undefined;
          throw error;
        },
      );
      const send = await connecting;
      return withTimeout(send(args), timeoutMs);
    };
  } else {
    throw new MastodonStoreError(
      'redisStore() takes { url: "redis://host:port" } or { client } (node-redis or ioredis).',
    );
  }

  const scripts = new Map<string, string>();
  const evaluate = async (script: string, key: string, args: string[]): Promise<unknown> => {
    let sha = scripts.get(script);
    if (sha === undefined) {
      sha = createHash("sha1").update(script).digest("hex");
      scripts.set(script, sha);
    }
    try {
      return await call(["EVALSHA", sha, "1", key, ...args]);
    } catch (error) {
      // Redis forgets scripts when it restarts: send the script itself, which caches it again.
      if (!String((error as Error)?.message ?? error).includes("NOSCRIPT")) throw storeError(error);
      try {
        return await call(["EVAL", script, "1", key, ...args]);
      } catch (again) {
        throw storeError(again);
      }
    }
  };

  return {
    kind: "redis",
    async getCheckpoint(key) {
      let value: unknown;
      try {
        value = await call(["GET", `${prefix}checkpoint:${key}`]);
      } catch (error) {
        throw storeError(error);
      }
      return value === null || value === undefined ? undefined : String(value);
    },
    async advanceCheckpoint(key, id) {
      return String(await evaluate(ADVANCE_CHECKPOINT, `${prefix}checkpoint:${key}`, [id]));
    },
    async lease(key, owner, ms) {
      const answer = (await evaluate(TAKE_LEASE, `${prefix}lease:${key}`, [
        owner,
        String(Math.ceil(ms)),
      ])) as [number, number];
      return { held: Number(answer[0]) === 1, remainingMs: Math.max(0, Number(answer[1])) };
    },
    async releaseLease(key, owner) {
      await evaluate(RELEASE_LEASE, `${prefix}lease:${key}`, [owner]);
    },
    async takeBudget(key, take): Promise<BudgetGrant> {
      const answer = (await evaluate(TAKE_BUDGET, `${prefix}budget:${key}`, [
        String(take.now),
        take.pace ? "1" : "0",
        String(take.pacefactor),
        String(take.probeSeconds),
        String(UNKNOWN_WINDOW_POLL_SECONDS),
        String(STALE_INFLIGHT_SECONDS),
      ])) as string[];
      const [granted, when, exhausted, limit, remaining, reset, known] = answer.map(Number) as number[];
      const state = { limit, remaining, reset, known } as BudgetRecord;
      return granted === 1
        ? { granted: true, slot: when as number, state }
        : { granted: false, wait: when as number, exhausted: exhausted === 1, state };
    },
    async reportBudget(key, report) {
      const optional = (n: number | undefined) => (n === undefined ? "" : String(n));
      await evaluate(REPORT_BUDGET, `${prefix}budget:${key}`, [
        String(report.now),
        String(report.settled),
        optional(report.remaining),
        optional(report.limit),
        optional(report.reset),
        report.silent === true ? "1" : "0",
        report.exhausted === true ? "1" : "0",
        optional(report.retryAfter),
      ]);
    },
    close: () => close(),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), timerDelay(ms));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Redis's refusals and failures as MastodonStoreError, corrupt data named as such. */
function storeError(error: unknown): MastodonStoreError {
  if (error instanceof MastodonStoreError) return error;
  const message = String((error as Error)?.message ?? error);
  if (message.includes("MTS_CORRUPT") || message.includes("WRONGTYPE")) {
    const what = message.includes("WRONGTYPE")
      ? "a key holds another kind of value than mastodon-ts writes"
      : message.slice(message.indexOf("MTS_CORRUPT") + 12).split("\n")[0];
    return new MastodonStoreDataError(
      `The Redis store holds data mastodon-ts did not write (${what}). Delete the keys under this store's prefix or choose another prefix.`,
      { cause: error },
    );
  }
  return new MastodonStoreError(`The Redis store failed: ${message}`, { cause: error });
}
