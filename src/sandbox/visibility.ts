/**
 * Who may see what, as Mastodon decides it: a public or unlisted status is visible to all, a private one
 * to its author and followers (and those it mentions), a direct one to its author and those it mentions.
 * Blocks hide in both directions. Timelines, status look-ups and streaming all ask here.
 */
import type { SandboxContext } from "./context.js";
import type { StatusRecord } from "./records.js";

export function isFollowing(ctx: SandboxContext, accountId: string, targetId: string): boolean {
  return ctx.state.follows.some("account", accountId, (f) => f.target_account_id === targetId);
}

export function isBlocked(ctx: SandboxContext, a: string, b: string): boolean {
  const blocks = ctx.state.blocks;
  return (
    blocks.some("account", a, (r) => r.target_account_id === b) ||
    blocks.some("account", b, (r) => r.target_account_id === a)
  );
}

export function isMuted(ctx: SandboxContext, accountId: string, targetId: string): boolean {
  const now = ctx.now();
  return ctx.state.mutes
    .lookup("account", accountId)
    .some(
      (m) => m.target_account_id === targetId && (m.expires_at === null || Date.parse(m.expires_at) > now),
    );
}

/** Whether `viewerId` (undefined: not signed in) may see `status`. A reblog is judged by the status reblogged. */
export function canSee(ctx: SandboxContext, viewerId: string | undefined, status: StatusRecord): boolean {
  const shown = status.reblog_of_id ? ctx.state.statuses.get(status.reblog_of_id) : status;
  if (!shown) return false;
  if (
    viewerId !== undefined &&
    (isBlocked(ctx, viewerId, status.account_id) || isBlocked(ctx, viewerId, shown.account_id))
  ) {
    return false;
  }
  if (shown.visibility === "public" || shown.visibility === "unlisted") return true;
  if (viewerId === undefined) return false;
  if (viewerId === shown.account_id || shown.mention_ids.includes(viewerId)) return true;
  return shown.visibility === "private" && isFollowing(ctx, viewerId, shown.account_id);
}
