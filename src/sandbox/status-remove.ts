/**
 * Removing a status and what hangs on it, as Mastodon's RemoveStatusService does: its reblogs, the
 * favourites, bookmarks, pins and conversation mutes on it, the notifications about it and its poll.
 * Media stay for delete-and-redraft (detached, so a new post can take them) unless `deleteMedia`.
 * Every status removed is announced with `status.deleted`.
 */
import type { SandboxContext } from "./context.js";
import type { StatusRecord } from "./records.js";

export function removeStatus(ctx: SandboxContext, status: StatusRecord, deleteMedia = false): void {
  const { state } = ctx;
  for (const reblog of state.statuses.lookup("reblog", status.id)) removeStatus(ctx, reblog);
  for (const table of [state.favourites, state.bookmarks, state.pins, state.statusMutes]) {
    for (const mark of table.lookup("status", status.id)) table.delete(mark.id);
  }
  // A reblog's notification points at the status reblogged, so it is found by who made it.
  const about = status.reblog_of_id ?? status.id;
  state.notifications.deleteWhere(
    (n) =>
      n.status_id === about &&
      (status.reblog_of_id === null || (n.type === "reblog" && n.from_account_id === status.account_id)),
  );
  if (status.poll_id) state.polls.delete(status.poll_id);
  for (const id of status.media_ids) {
    const media = state.media.get(id);
    if (!media || media.status_id !== status.id) continue;
    if (deleteMedia) state.media.delete(id);
    else media.status_id = null;
  }
  state.statuses.delete(status.id);
  ctx.changed();
  ctx.events.emit({ type: "status.deleted", status });
}

/** Takes back a favourite, with the notification it made. */
export function removeFavourite(ctx: SandboxContext, accountId: string, status: StatusRecord): void {
  const { state } = ctx;
  const marks = state.favourites.lookup("status", status.id).filter((m) => m.account_id === accountId);
  if (marks.length === 0) return;
  for (const mark of marks) state.favourites.delete(mark.id);
  for (const n of state.notifications.lookup("account", status.account_id)) {
    if (n.type === "favourite" && n.status_id === status.id && n.from_account_id === accountId) {
      state.notifications.delete(n.id);
    }
  }
  ctx.changed();
}
