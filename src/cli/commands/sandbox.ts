/**
 * `sandbox`: runs the local Mastodon-compatible server in the foreground, prints its address and each
 * seeded user's credentials, and stops cleanly on Ctrl-C or SIGTERM. The sandbox module is loaded only
 * here, so the other commands start without it.
 */

import type { Sandbox } from "../../sandbox/index.js";
import type { SandboxOptions } from "../../sandbox/options.js";
import { type Command, flag, noMorePositionals, str } from "../command.js";
import { CliError, EXIT, usageError } from "../exit-codes.js";

const DEFAULT_PORT = 3000;

function portOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(`--port must be a whole number from 0 to 65535 (0 picks a free port); got "${raw}".`);
  }
  return port;
}

function usersOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const users = raw
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
  if (users.length === 0) throw usageError('--users needs at least one name, such as "--users alice,bob".');
  return users;
}

/** The options for startSandbox from the flags; every problem is a usage error (exit 2). */
async function optionsFrom(values: Record<string, unknown>): Promise<SandboxOptions> {
  const { parseRatelimit, resolveOptions } = await import("../../sandbox/options.js");
  const v = values as Parameters<typeof str>[0];
  const ratelimit = str(v, "ratelimit");
  const options: SandboxOptions = {
    port: portOf(str(v, "port")),
    host: str(v, "host"),
    public: flag(v, "public"),
    users: usersOf(str(v, "users")),
    data: str(v, "data"),
    allow_password_grant: flag(v, "allow-password-grant"),
  };
  try {
    if (ratelimit !== undefined) options.ratelimit = parseRatelimit(ratelimit);
    resolveOptions(options);
  } catch (error) {
    throw usageError(`sandbox: ${(error as Error).message}.`);
  }
  return options;
}

async function start(options: SandboxOptions): Promise<Sandbox> {
  const { startSandbox } = await import("../../sandbox/index.js");
  try {
    return await startSandbox(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") {
      throw new CliError(
        `Port ${options.port} is already in use. Choose another with --port, or --port 0 for a free one.`,
        EXIT.failure,
      );
    }
    if (code === "EACCES") {
      throw new CliError(
        `Not allowed to listen on port ${options.port}; choose one above 1023.`,
        EXIT.failure,
      );
    }
    throw new CliError(`The sandbox could not start: ${(error as Error).message}`, EXIT.failure, {
      cause: error,
    });
  }
}

export const sandboxCommand: Command = {
  name: "sandbox",
  summary: "run a local Mastodon-compatible server to try and test bots, no account needed",
  credentials: false,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    public: { type: "boolean" },
    users: { type: "string" },
    data: { type: "string" },
    ratelimit: { type: "string" },
    "allow-password-grant": { type: "boolean" },
  },
  help: `Usage: mastodon-ts sandbox [--port 3000] [--host 127.0.0.1] [--users alice,bob] [--data FILE]
                           [--ratelimit 300/5m] [--allow-password-grant] [--public] [--json]

Runs a local server that behaves like Mastodon 4.5 (OAuth, accounts, statuses, media, polls,
timelines, notifications, streaming, rate limits) until Ctrl-C. It prints its address, a page to
watch what happens, and for each user the email, password and a ready access token (scopes read
write follow push). Point a bot or \`mastodon-ts login --instance URL\` at it.

  --port N                 port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR              address to bind (default 127.0.0.1); only loopback unless --public
  --public                 allow a non-loopback --host: the sandbox has no real security
  --users a,b              the users to create (default alice,bob)
  --data FILE              keep the state in FILE (mode 0600) so it survives a restart
  --ratelimit N/WINDOW     requests per token per window, e.g. 300/5m (default), 30/10s
  --allow-password-grant   accept the OAuth password grant (Mastodon 4.4+ refuses it)
  --json                   print one JSON line: {"url", "users": [{username, email, password, id, access_token}]}`,

  async run(ctx, values, positionals) {
    noMorePositionals("sandbox", positionals, 0);
    const sandbox = await start(await optionsFrom(values));
    // Listen for Ctrl-C and SIGTERM before printing the address: whoever reads it may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    if (ctx.io.json) {
      ctx.io.out(JSON.stringify({ url: sandbox.url, users: sandbox.users }));
    } else {
      ctx.io.out(`Sandbox running at ${sandbox.url} (Mastodon 4.5-compatible; Ctrl-C stops it)`);
      ctx.io.out(`Watch page: ${sandbox.url}/`);
      ctx.io.out("");
      for (const user of sandbox.users) {
        ctx.io.out(`${user.username} (id ${user.id})`);
        ctx.io.out(`  email         ${user.email}`);
        ctx.io.out(`  password      ${user.password}`);
        ctx.io.out(`  access token  ${user.access_token}`);
      }
      const first = sandbox.users[0];
      if (first) {
        ctx.io.out("");
        ctx.io.out("Try it:");
        ctx.io.out(
          `  npx mastodon-ts toot "Hello, sandbox!" --instance ${sandbox.url} --access-token ${first.access_token}`,
        );
      }
    }
    await stopped;
    ctx.io.info("Stopping the sandbox...");
    await sandbox.close();
  },
};
