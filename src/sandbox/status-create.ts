/**
 * Making a status once its input passed the checks: the record with its rendered content, mentions and
 * tags, the poll, the media attached, the author's `last_status_at`, then the notifications ("mention"
 * to those mentioned who can see it, "status" to followers who asked for them) and the
 * `status.created` event. Also the `Idempotency-Key` memory (one hour per account and key).
 */
import { findAccountByUsername } from "./accounts-store.js";
import { renderStatusText } from "./content.js";
import type { SandboxContext } from "./context.js";
import { notify } from "./notify.js";
import type { AccountRecord, StatusRecord } from "./records.js";
import { isConversationMuted } from "./render/status.js";
import type { CheckedStatus } from "./status-input.js";
import { createPoll } from "./status-poll.js";
import { canSee } from "./visibility.js";

const IDEMPOTENCY_MS = 3_600_000;

/** Renders a status's text against the sandbox's accounts. */
export function renderContent(ctx: SandboxContext, text: string) {
  return renderStatusText(text, {
    baseUrl: ctx.url,
    domain: ctx.domain,
    findAccount: (username) => findAccountByUsername(ctx, username),
  });
}

/**
 * Whom a reply is addressed to: the author of the status replied to, except in a thread one continues
 * oneself, where it stays whoever that thread answered (as Mastodon carries it over).
 */
function replyAccountId(thread: StatusRecord, authorId: string): string | null {
  return thread.account_id === authorId && thread.in_reply_to_id !== null
    ? thread.in_reply_to_account_id
    : thread.account_id;
}

export function createStatus(
  ctx: SandboxContext,
  author: AccountRecord,
  checked: CheckedStatus,
  clientId: string | null,
): StatusRecord {
  const { state } = ctx;
  const rendered = renderContent(ctx, checked.text);
  const id = ctx.newId();
  const createdAt = new Date(ctx.now()).toISOString();
  const poll = checked.poll ? createPoll(ctx, id, checked.poll) : undefined;
  const status: StatusRecord = {
    id,
    account_id: author.id,
    text: checked.text,
    content: rendered.html,
    spoiler_text: checked.spoiler_text,
    visibility: checked.visibility,
    sensitive: checked.sensitive,
    language: checked.language,
    in_reply_to_id: checked.thread?.id ?? null,
    in_reply_to_account_id: checked.thread ? replyAccountId(checked.thread, author.id) : null,
    reblog_of_id: null,
    quote_id: null,
    media_ids: checked.media.map((m) => m.id),
    poll_id: poll?.id ?? null,
    mention_ids: rendered.mentions.map((a) => a.id),
    tags: rendered.tags,
    client_id: clientId,
    created_at: createdAt,
    edited_at: null,
    edits: [],
  };
  state.statuses.insert(status);
  for (const media of checked.media) media.status_id = id;
  author.last_status_at = createdAt;
  ctx.changed();
  ctx.events.emit({ type: "status.created", status });
  notifyMentioned(ctx, status);
  notifySubscribers(ctx, status);
  return status;
}

/** "mention" notifications for the local accounts a status mentions and that may see it. */
export function notifyMentioned(ctx: SandboxContext, status: StatusRecord, only?: ReadonlySet<string>): void {
  for (const accountId of status.mention_ids) {
    if (only && !only.has(accountId)) continue;
    if (!canSee(ctx, accountId, status) || isConversationMuted(ctx, accountId, status)) continue;
    notify(ctx, accountId, "mention", status.account_id, status.id);
  }
}

/**
 * "status" notifications for followers who turned them on (`notify: true`), for posts they can see
 * that are not direct, nor replies to someone else.
 */
function notifySubscribers(ctx: SandboxContext, status: StatusRecord): void {
  if (status.visibility === "direct") return;
  if (status.in_reply_to_account_id !== null && status.in_reply_to_account_id !== status.account_id) return;
  for (const follow of ctx.state.follows.lookup("target", status.account_id)) {
    if (!follow.notify || status.mention_ids.includes(follow.account_id)) continue;
    if (!canSee(ctx, follow.account_id, status)) continue;
    notify(ctx, follow.account_id, "status", status.account_id, status.id);
  }
}

function idempotencyId(accountId: string, key: string): string {
  return `${accountId}:${key}`;
}

/** The id remembered for this account and key, if it was given within the hour. */
export function rememberedId(
  ctx: SandboxContext,
  accountId: string,
  key: string | undefined,
): string | undefined {
  if (key === undefined || key === "") return undefined;
  const record = ctx.state.idempotency.get(idempotencyId(accountId, key));
  if (!record) return undefined;
  if (record.created_ms + IDEMPOTENCY_MS <= ctx.now()) {
    ctx.state.idempotency.delete(record.id);
    ctx.changed();
    return undefined;
  }
  return record.status_id;
}

/** Remembers what a key made (a status id, or a scheduled status id for a scheduled post). */
export function remember(
  ctx: SandboxContext,
  accountId: string,
  key: string | undefined,
  madeId: string,
): void {
  if (key === undefined || key === "") return;
  const id = idempotencyId(accountId, key);
  ctx.state.idempotency.delete(id);
  ctx.state.idempotency.insert({ id, status_id: madeId, created_ms: ctx.now() });
  ctx.changed();
}

/** Forgets keys older than an hour, now and then, so the table does not grow forever. */
export function watchIdempotencyExpiry(ctx: SandboxContext): void {
  let lastSweep = ctx.now();
  ctx.onTick(() => {
    const now = ctx.now();
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    const gone = ctx.state.idempotency.deleteWhere((r) => r.created_ms + IDEMPOTENCY_MS <= now);
    if (gone.length > 0) ctx.changed();
  });
}
