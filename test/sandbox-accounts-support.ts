/** Shared helpers for the sandbox accounts tests: raw requests with a user's token, and statuses made directly in the state. */
import { createToken } from "../src/sandbox/accounts-store.js";
import type { Sandbox } from "../src/sandbox/index.js";
import type { StatusRecord } from "../src/sandbox/records.js";

export interface RawReply {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A request as a plain HTTP client sends it; `body` objects go as JSON, strings and FormData as they are. */
export async function raw(
  sb: Sandbox,
  method: string,
  path: string,
  options: { user?: string | undefined; token?: string | undefined; body?: unknown; type?: string } = {},
): Promise<RawReply> {
  const headers: Record<string, string> = {};
  const token =
    options.token ??
    (options.user === undefined
      ? undefined
      : sb.users.find((u) => u.username === options.user)?.access_token);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | null = null;
  if (typeof options.body === "string") {
    body = options.body;
    headers["content-type"] = options.type ?? "application/x-www-form-urlencoded";
  } else if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${sb.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export function userId(sb: Sandbox, username: string): string {
  const user = sb.users.find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

/** A token for a seeded user with only these scopes. */
export function tokenWithScopes(sb: Sandbox, username: string, scopes: string[]): string {
  const ctx = sb.context;
  const app = ctx.state.apps.all()[0];
  if (!app) throw new Error("no app");
  return createToken(ctx, { client_id: app.client_id, account_id: userId(sb, username), scopes }).token;
}

/** A status written straight into the state (the statuses area is not needed to test account pages). */
export function addStatus(sb: Sandbox, username: string, fields: Partial<StatusRecord> = {}): StatusRecord {
  const ctx = sb.context;
  const status: StatusRecord = {
    id: ctx.newId(),
    account_id: userId(sb, username),
    text: "hello",
    content: "<p>hello</p>",
    spoiler_text: "",
    visibility: "public",
    sensitive: false,
    language: "en",
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    reblog_of_id: null,
    quote_id: null,
    media_ids: [],
    poll_id: null,
    mention_ids: [],
    tags: [],
    client_id: null,
    created_at: ctx.nowIso(),
    edited_at: null,
    edits: [],
    ...fields,
  };
  ctx.state.statuses.insert(status);
  return status;
}
