// Shared set-up for the sandbox timeline, list and notification tests: a sandbox with users, statuses
// stored directly (the statuses routes are another area's), and raw requests for exact codes and headers.
import type { TestContext } from "node:test";
import { Mastodon } from "../src/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import type { FollowRecord, StatusRecord, Visibility } from "../src/sandbox/records.js";

export async function sandbox(
  t: TestContext | undefined,
  users = ["alice", "bob", "carol"],
): Promise<Sandbox> {
  const sb = await startSandbox({ port: 0, users, ratelimit: { limit: 1e9, window_seconds: 300 } });
  t?.after(() => sb.close());
  return sb;
}

export function idOf(sb: Sandbox, username: string): string {
  const user = sb.users.find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

export function tokenOf(sb: Sandbox, username: string): string {
  return sb.users.find((u) => u.username === username)!.access_token;
}

/** A client that knows the version, so no instance look-up runs before each call. */
export function client(sb: Sandbox, username: string): Mastodon {
  return new Mastodon({
    api_base_url: sb.url,
    access_token: tokenOf(sb, username),
    mastodon_version: "4.5.0",
  });
}

export interface PostOptions {
  visibility?: Visibility;
  in_reply_to?: StatusRecord;
  reblog_of?: StatusRecord;
  mentions?: string[];
  tags?: string[];
  media?: boolean;
  language?: string | null;
}

/** Stores a status as the statuses area would, and tells listeners. */
export function post(sb: Sandbox, username: string, text: string, options: PostOptions = {}): StatusRecord {
  const ctx = sb.context;
  const status: StatusRecord = {
    id: ctx.newId(),
    account_id: idOf(sb, username),
    text: options.reblog_of ? "" : text,
    content: options.reblog_of ? "" : `<p>${text}</p>`,
    spoiler_text: "",
    visibility: options.visibility ?? "public",
    sensitive: false,
    language: options.language === undefined ? "en" : options.language,
    in_reply_to_id: options.in_reply_to?.id ?? null,
    in_reply_to_account_id: options.in_reply_to?.account_id ?? null,
    reblog_of_id: options.reblog_of?.id ?? null,
    quote_id: null,
    media_ids: [],
    poll_id: null,
    mention_ids: (options.mentions ?? []).map((u) => idOf(sb, u)),
    tags: options.tags ?? [],
    client_id: null,
    created_at: ctx.nowIso(),
    edited_at: null,
    edits: [],
  };
  if (options.media) {
    const media = ctx.state.media.insert({
      id: ctx.newId(),
      account_id: status.account_id,
      type: "image",
      content_type: "image/png",
      filename: "a.png",
      data: "",
      description: null,
      focus: { x: 0, y: 0 },
      width: 1,
      height: 1,
      blurhash: null,
      ready_ms: 0,
      status_id: status.id,
      created_at: status.created_at,
    });
    status.media_ids = [media.id];
  }
  ctx.state.statuses.insert(status);
  ctx.changed();
  ctx.events.emit({ type: "status.created", status });
  return status;
}

export function follow(
  sb: Sandbox,
  from: string,
  to: string,
  extra: Partial<FollowRecord> = {},
): FollowRecord {
  const ctx = sb.context;
  const record = ctx.state.follows.insert({
    id: ctx.newId(),
    account_id: idOf(sb, from),
    target_account_id: idOf(sb, to),
    created_at: ctx.nowIso(),
    show_reblogs: true,
    notify: false,
    languages: null,
    ...extra,
  });
  ctx.changed();
  return record;
}

export interface RawReply {
  status: number;
  body: unknown;
  link: string | null;
}

/** A request with `username`'s token (none when undefined), its status, JSON body and Link header. */
export async function raw(
  sb: Sandbox,
  username: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawReply> {
  const headers: Record<string, string> = {};
  if (username !== undefined) headers.authorization = `Bearer ${tokenOf(sb, username)}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : JSON.parse(text), link: res.headers.get("link") };
}

export function ids(body: unknown): string[] {
  return (body as { id: string }[]).map((x) => x.id);
}
