/**
 * The seeded users: each gets an account, a password and a ready token (scopes `read write follow push`)
 * from the sandbox's own app. A user already in a saved state keeps its id, password and token, so a
 * restarted sandbox hands out the same credentials.
 */
import { createAccount, createApp, createToken, findAccountByUsername } from "./accounts-store.js";
import type { SandboxContext } from "./context.js";
import { randomToken } from "./ids.js";
import type { AppRecord } from "./records.js";

export const SEED_SCOPES: readonly string[] = ["read", "write", "follow", "push"];
export const SANDBOX_APP_NAME = "mastodon-ts sandbox";

/** A user the sandbox seeded, with what a test needs to act as them. */
export interface SandboxUser {
  /** The username, as given in the `users` option (e.g. "alice"). */
  username: string;
  /** The account's email address: USERNAME@sandbox.example. */
  email: string;
  /** The account's password, random and kept in clear (for testing the login flows). */
  password: string;
  /** The account's id. */
  id: string;
  /** A ready token of the sandbox's own app, with the scopes read, write, follow and push. */
  access_token: string;
}

function sandboxApp(ctx: SandboxContext): AppRecord {
  return (
    ctx.state.apps.find((a) => a.name === SANDBOX_APP_NAME) ??
    createApp(ctx, {
      name: SANDBOX_APP_NAME,
      website: null,
      redirect_uris: ["urn:ietf:wg:oauth:2.0:oob"],
      scopes: [...SEED_SCOPES],
    })
  );
}

/** Makes sure each user exists with a token; `known` restores users exactly as before (after a reset). */
export function seedUsers(
  ctx: SandboxContext,
  usernames: readonly string[],
  known: readonly SandboxUser[] = [],
): SandboxUser[] {
  const app = sandboxApp(ctx);
  return usernames.map((username) => {
    const before = known.find((u) => u.username === username);
    const account =
      findAccountByUsername(ctx, username) ??
      createAccount(ctx, {
        username,
        email: before?.email ?? `${username.toLowerCase()}@sandbox.example`,
        password: before?.password ?? randomToken().slice(0, 16),
        ...(before ? { id: before.id } : {}),
      });
    const token =
      ctx.state.tokens.lookup("account", account.id).find((t) => t.client_id === app.client_id) ??
      createToken(ctx, {
        client_id: app.client_id,
        account_id: account.id,
        scopes: [...SEED_SCOPES],
        ...(before ? { token: before.access_token } : {}),
      });
    return {
      username: account.username,
      email: account.email,
      password: account.password,
      id: account.id,
      access_token: token.token,
    };
  });
}
