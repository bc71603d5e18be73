/**
 * mastodon-ts/sandbox: a local Mastodon-compatible server for trying the library and testing bots
 * without an account anywhere. Node only; the main entry never imports it.
 *
 *   import { startSandbox } from "mastodon-ts/sandbox";
 *   const sb = await startSandbox({ port: 0, users: ["alice", "bob"] });
 *   await sb.client("alice").toot("Hello, sandbox!");
 *   await sb.close();
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Mastodon } from "../mastodon.js";
import type { SandboxApp } from "./app.js";
import type { SandboxContext } from "./context.js";
import { SandboxEvents } from "./events.js";
import { resolveOptions, type SandboxOptions } from "./options.js";
import { loadState, Saver } from "./persist.js";
import { RateLimiter } from "./ratelimit.js";
import { Router } from "./router.js";
import { registerAll } from "./routes/index.js";
import { type SandboxUser, seedUsers } from "./seed.js";
import { createHandler } from "./server.js";
import { State } from "./state.js";

export type { SandboxEvent } from "./events.js";
export { parseRatelimit, type RatelimitSetting, type SandboxOptions } from "./options.js";
export type { SandboxUser } from "./seed.js";

/** A running sandbox server, as startSandbox resolves it. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the `api_base_url` for clients. */
  readonly url: string;
  /** The seeded users with their passwords and ready tokens. */
  readonly users: readonly SandboxUser[];
  /** A ready client for a seeded user. */
  client(username: string): Mastodon;
  /** Empties the sandbox: every status, follow, app and token goes; the seeded users come back as they were. */
  reset(): Promise<void>;
  /** Stops the server, ends open streams and writes the state file (with `data`). */
  close(): Promise<void>;
  /**
   * The state and event bus, for the sandbox's own tests and the watch page.
   * @internal Its shape changes with the sandbox's implementation.
   */
  readonly context: SandboxContext;
}

const TICK_MS = 250;

/**
 * Starts a sandbox: a local Mastodon-compatible server on 127.0.0.1 (port 0, the default, picks a
 * free one) with the seeded users (alice and bob unless `users` says otherwise), each with a ready
 * token. Resolves once it listens; close() stops it. Throws an Error for a bad option (a
 * non-loopback host without `public: true`, an invalid port, username or rate limit), and rejects
 * when the port cannot be bound. Node only.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const state = new State();
  const events = new SandboxEvents();
  const ticks: (() => void)[] = [];
  let saver: Saver | undefined;
  let url = "";
  let domain = "";
  let generation = 0;
  const ctx: SandboxContext = {
    state,
    options: resolved,
    events,
    get url() {
      return url;
    },
    get domain() {
      return domain;
    },
    now: resolved.now,
    nowIso: () => new Date(resolved.now()).toISOString(),
    newId: () => state.ids.next(resolved.now()),
    changed: () => {
      generation++;
      saver?.changed();
    },
    get generation() {
      return generation;
    },
    onTick: (fn) => {
      ticks.push(fn);
    },
  };
  if (resolved.data) {
    await loadState(state, resolved.data);
    saver = new Saver(state, resolved.data, (error) => {
      process.emitWarning(`sandbox: could not save ${resolved.data}: ${(error as Error).message}`);
    });
  }
  const app: SandboxApp = { router: new Router(), ctx, upgrade: undefined, closers: [] };
  registerAll(app);
  const limiter = new RateLimiter(resolved.ratelimit);
  const handler = createHandler(app, limiter);
  const server: Server = createServer((req, res) => void handler(req, res));
  server.on("upgrade", (req, socket, head) => {
    if (app.upgrade) app.upgrade(req, socket, head);
    else socket.destroy();
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl =
    resolved.host.includes(":") && !resolved.host.startsWith("[") ? `[${resolved.host}]` : resolved.host;
  domain = `${hostForUrl}:${port}`;
  url = `http://${domain}`;
  let users = seedUsers(ctx, resolved.users);
  await saver?.flush();
  const timer = setInterval(() => {
    for (const tick of ticks) {
      try {
        tick();
      } catch (error) {
        process.emitWarning(`sandbox: a timer failed: ${(error as Error).message}`);
      }
    }
  }, TICK_MS);
  timer.unref();

  let closed: Promise<void> | undefined;
  return {
    url,
    get users() {
      return users;
    },
    context: ctx,
    client(username: string): Mastodon {
      const user = users.find((u) => u.username.toLowerCase() === username.toLowerCase());
      if (!user) {
        throw new Error(
          `the sandbox has no user "${username}"; its users are ${users.map((u) => u.username).join(", ")}`,
        );
      }
      return new Mastodon({ api_base_url: url, access_token: user.access_token });
    },
    async reset() {
      for (const close of app.closers) close();
      state.clear();
      generation++;
      limiter.reset();
      users = seedUsers(ctx, resolved.users, users);
      await saver?.flush();
    },
    close() {
      closed ??= (async () => {
        clearInterval(timer);
        for (const close of app.closers) close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        await saver?.flush();
      })();
      return closed;
    },
  };
}
