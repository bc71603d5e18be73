/**
 * One way to send a command through whichever Redis client the user has: node-redis (`redis`,
 * `sendCommand([...])`) or ioredis (`call(name, ...args)`). Neither is a dependency of mastodon-ts;
 * `{ url }` loads whichever is installed.
 */

import { timerDelay } from "../core/sleep.js";
import { MastodonStoreError } from "../stores/types.js";

/** A node-redis client (v4 or later). */
export interface NodeRedisLike {
  /** Sends one command given as its words, e.g. ["GET", "key"], and resolves to Redis's answer. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client (v5 or later). */
export interface IoRedisLike {
  /** Sends one command, e.g. call("GET", "key"), and resolves to Redis's answer. */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * A connected Redis client that redisStore({ client }) can use: node-redis (`sendCommand`) or
 * ioredis (`call`). The store sends its commands through it and never closes it.
 */
export type RedisClientLike = NodeRedisLike | IoRedisLike;

export type SendCommand = (args: string[]) => Promise<unknown>;

export function commandSender(client: unknown): SendCommand {
  const c = client as Partial<IoRedisLike & NodeRedisLike> | null;
  // ioredis also has a sendCommand, taking Command objects: recognise it by call() first.
  if (typeof c?.call === "function")
    return (args) => (c as IoRedisLike).call(args[0] as string, ...args.slice(1));
  if (typeof c?.sendCommand === "function") return (args) => (c as NodeRedisLike).sendCommand(args);
  throw new MastodonStoreError(
    "redisStore({ client }) needs a connected node-redis client (createClient from the redis package) or an ioredis client.",
  );
}

/** A client of its own for `{ url }`: node-redis if installed, else ioredis. */
export async function connectUrl(
  url: string,
  onError: (error: Error) => void,
  timeoutMs: number,
): Promise<{ send: SendCommand; close: () => Promise<void> }> {
  const load = async (name: string): Promise<Record<string, unknown> | undefined> => {
    try {
      return (await import(name)) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const nodeRedis = await load("redis");
  if (nodeRedis && typeof nodeRedis.createClient === "function") {
    const client = (nodeRedis.createClient as (options: unknown) => NodeRedisLike & Closable)({
      url,
      // Commands fail at once while Redis is unreachable (the store then falls back) instead of queueing.
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
    });
    client.on("error", onError);
    await connectWithin(client, timeoutMs);
    return { send: (args) => client.sendCommand(args), close: () => quit(client) };
  }
  const ioredis = await load("ioredis");
  const Redis = (ioredis?.default ?? ioredis?.Redis) as
    | (new (
        url: string,
        options: unknown,
      ) => IoRedisLike & Closable)
    | undefined;
  if (typeof Redis === "function") {
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on("error", onError);
    await connectWithin(client, timeoutMs);
    return { send: (args) => client.call(args[0] as string, ...args.slice(1)), close: () => quit(client) };
  }
  throw new MastodonStoreError(
    'redisStore({ url }) needs a Redis client: install one with "npm install redis" (or ioredis), or pass a connected client as { client }.',
  );
}

interface Closable {
  on(event: "error", listener: (error: Error) => void): unknown;
  connect(): Promise<unknown>;
  quit?(): Promise<unknown>;
  disconnect?(): unknown;
  destroy?(): unknown;
}

/** Connects, or gives up after `ms` (a client would otherwise retry an unreachable server forever). */
async function connectWithin(client: Closable, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`could not connect to Redis within ${ms} ms`)),
          timerDelay(ms),
        );
      }),
    ]);
  } catch (error) {
    client.disconnect?.();
    client.destroy?.();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function quit(client: Closable): Promise<void> {
  try {
    await client.quit?.();
  } catch {
    // Already gone: nothing to close.
    client.disconnect?.();
    client.destroy?.();
  }
}
