/**
 * An account's marks on a status (favourite, bookmark, pin, conversation mute): set and unset, each at
 * most once per account and status, as Mastodon's unique indexes keep them.
 */
import type { SandboxContext } from "./context.js";

export type MarkTable = "favourites" | "bookmarks" | "pins" | "statusMutes";

/** Sets (`on`) or removes the mark; answers whether anything changed. */
export function toggleMark(
  ctx: SandboxContext,
  table: MarkTable,
  accountId: string,
  statusId: string,
  on: boolean,
): boolean {
  const t = ctx.state[table];
  const existing = t.lookup("status", statusId).filter((m) => m.account_id === accountId);
  if (on === existing.length > 0) return false;
  if (on) {
    t.insert({ id: ctx.newId(), account_id: accountId, status_id: statusId, created_at: ctx.nowIso() });
  } else {
    for (const m of existing) t.delete(m.id);
  }
  ctx.changed();
  return true;
}
