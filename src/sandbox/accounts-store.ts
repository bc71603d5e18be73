/** Creating accounts and tokens: used by seeding, sign-up and the OAuth grants alike. */
import type { SandboxContext } from "./context.js";
import { randomToken } from "./ids.js";
import type { AccountRecord, AppRecord, TokenRecord } from "./records.js";

export function findAccountByUsername(ctx: SandboxContext, username: string): AccountRecord | undefined {
  return ctx.state.accounts.lookup("username", username.toLowerCase())[0];
}

export function findAccountByEmail(ctx: SandboxContext, email: string): AccountRecord | undefined {
  return ctx.state.accounts.lookup("email", email.toLowerCase())[0];
}

export function findApp(ctx: SandboxContext, clientId: string): AppRecord | undefined {
  return ctx.state.apps.lookup("client", clientId)[0];
}

export function createAccount(
  ctx: SandboxContext,
  fields: { username: string; email: string; password: string; id?: string },
): AccountRecord {
  const account: AccountRecord = {
    id: fields.id ?? ctx.newId(),
    username: fields.username,
    email: fields.email,
    password: fields.password,
    display_name: "",
    note: "",
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    hide_collections: false,
    fields: [],
    avatar_media_id: null,
    header_media_id: null,
    created_at: ctx.nowIso(),
    last_status_at: null,
    privacy: "public",
    sensitive: false,
    language: null,
  };
  ctx.state.accounts.insert(account);
  ctx.changed();
  return account;
}

export function createApp(
  ctx: SandboxContext,
  fields: { name: string; website: string | null; redirect_uris: string[]; scopes: string[] },
): AppRecord {
  const app: AppRecord = {
    id: ctx.newId(),
    client_id: randomToken(),
    client_secret: randomToken(),
    created_at: ctx.nowIso(),
    ...fields,
  };
  ctx.state.apps.insert(app);
  ctx.changed();
  return app;
}

export function createToken(
  ctx: SandboxContext,
  fields: {
    client_id: string;
    account_id: string | null;
    scopes: string[];
    token?: string;
    refresh?: boolean;
  },
): TokenRecord {
  const token: TokenRecord = {
    id: ctx.newId(),
    token: fields.token ?? randomToken(),
    client_id: fields.client_id,
    account_id: fields.account_id,
    scopes: fields.scopes,
    refresh_token: fields.refresh ? randomToken() : null,
    created_at: ctx.nowIso(),
  };
  ctx.state.tokens.insert(token);
  ctx.changed();
  return token;
}
