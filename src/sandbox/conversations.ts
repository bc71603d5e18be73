/**
 * Direct conversations as Mastodon keeps them (AccountConversation): one record per participant, for
 * a thread and the set of other people in it, holding its direct statuses. Ids are a sequence, as
 * Mastodon's. Adding a status marks the conversation unread for everyone but its author; removing
 * the last status removes the conversation. The streaming `conversation` event and the REST API
 * render the same records, so their ids agree.
 */
import type { Conversation } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import { compareIds } from "./ids.js";
import type { AccountConversationRecord, StatusRecord } from "./records.js";
import { renderAccount } from "./render/account.js";
import { renderStatus, threadRoot } from "./render/status.js";
import { nextSequentialId } from "./timeline-sequence.js";
import { canSee, isBlocked } from "./visibility.js";

/** The people in a direct status but `accountId`, sorted (Mastodon's participant_account_ids). */
function othersIn(status: StatusRecord, accountId: string): string[] {
  const everyone = new Set([status.account_id, ...status.mention_ids]);
  everyone.delete(accountId);
  return [...everyone].sort(compareIds);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * The account's conversation holding the direct status, made or brought up to date. Calling it again
 * for the same status changes nothing, so the stream and the store may both ask.
 */
export function conversationOf(
  ctx: SandboxContext,
  accountId: string,
  status: StatusRecord,
): AccountConversationRecord {
  const table = ctx.state.conversations;
  const rootId = threadRoot(ctx, status).id;
  const participants = othersIn(status, accountId);
  const existing = table
    .lookup("account", accountId)
    .find((c) => c.root_id === rootId && sameList(c.participant_ids, participants));
  if (existing?.status_ids.includes(status.id)) return existing;
  const unread = status.account_id !== accountId;
  if (existing) {
    existing.status_ids.push(status.id);
    existing.status_ids.sort(compareIds);
    existing.last_status_id = existing.status_ids[existing.status_ids.length - 1]!;
    existing.unread = unread;
    ctx.changed();
    return existing;
  }
  const created: AccountConversationRecord = {
    id: nextSequentialId(table),
    account_id: accountId,
    root_id: rootId,
    participant_ids: participants,
    status_ids: [status.id],
    last_status_id: status.id,
    unread,
  };
  table.insert(created);
  ctx.changed();
  return created;
}

/** Who gets the direct status in a conversation: its author, and those it mentions who may see it and do not block the author. */
export function conversationParticipants(ctx: SandboxContext, status: StatusRecord): string[] {
  return [...new Set([status.account_id, ...status.mention_ids])].filter(
    (id) =>
      id === status.account_id ||
      (ctx.state.accounts.has(id) && canSee(ctx, id, status) && !isBlocked(ctx, id, status.account_id)),
  );
}

export function isConversationStatus(status: StatusRecord): boolean {
  return status.visibility === "direct" && status.reblog_of_id === null;
}

/** A new direct status joins each participant's conversation. */
export function recordDirectStatus(ctx: SandboxContext, status: StatusRecord): void {
  if (!isConversationStatus(status)) return;
  for (const id of conversationParticipants(ctx, status)) conversationOf(ctx, id, status);
}

/** A deleted status leaves the conversations holding it; one left empty is removed. */
export function forgetDirectStatus(ctx: SandboxContext, status: StatusRecord): void {
  if (!isConversationStatus(status)) return;
  const table = ctx.state.conversations;
  for (const accountId of new Set([status.account_id, ...status.mention_ids])) {
    for (const c of table.lookup("account", accountId)) {
      const at = c.status_ids.indexOf(status.id);
      if (at < 0) continue;
      c.status_ids.splice(at, 1);
      const last = c.status_ids[c.status_ids.length - 1];
      if (last === undefined) table.delete(c.id);
      else c.last_status_id = last;
      ctx.changed();
    }
  }
}

/** The Conversation entity as its owner sees it (alone in it, the owner is its own participant, as in Mastodon). */
export function renderAccountConversation(ctx: SandboxContext, c: AccountConversationRecord): Conversation {
  const { accounts, statuses } = ctx.state;
  const others = c.participant_ids.flatMap((id) => accounts.get(id) ?? []);
  const owner = accounts.get(c.account_id);
  const shown = others.length > 0 ? others : owner ? [owner] : [];
  const last = statuses.get(c.last_status_id);
  return {
    id: c.id,
    unread: c.unread,
    accounts: shown.map((a) => renderAccount(ctx, a)),
    last_status: last ? renderStatus(ctx, last, c.account_id) : null,
  };
}
