/**
 * Follows, follow requests, blocks and mutes between two accounts, changed as Mastodon's services
 * change them (FollowService, UnfollowService, BlockService, MuteService, ...). Each looks a relation up
 * through the owner's index, so the cost is the owner's relation count, never the whole table.
 */
import type { SandboxContext } from "./context.js";
import { notify } from "./notify.js";
import type { AccountRelationRecord, FollowRecord, MuteRecord } from "./records.js";
import { removeFromLists } from "./routes/lists.js";
import type { Table } from "./table.js";

/** The relation `from` -> `to` in `table`, if there is one. */
export function findRelation<T extends AccountRelationRecord>(
  table: Table<T>,
  from: string,
  to: string,
): T | undefined {
  // Walk the smaller side: an account may follow thousands but be followed by few, or the reverse.
  return table.count("account", from) <= table.count("target", to)
    ? table.lookup("account", from).find((r) => r.target_account_id === to)
    : table.lookup("target", to).find((r) => r.account_id === from);
}

/** A mute still in force: one whose duration ran out counts as gone (and is removed when met). */
export function activeMute(ctx: SandboxContext, from: string, to: string): MuteRecord | undefined {
  const mute = findRelation(ctx.state.mutes, from, to);
  if (!mute) return undefined;
  if (mute.expires_at !== null && Date.parse(mute.expires_at) <= ctx.now()) return undefined;
  return mute;
}

export function isExpired(ctx: SandboxContext, mute: MuteRecord): boolean {
  return mute.expires_at !== null && Date.parse(mute.expires_at) <= ctx.now();
}

export interface FollowOptions {
  /** undefined: keep (or, for a new follow, Mastodon's default). */
  reblogs?: boolean | undefined;
  notify?: boolean | undefined;
  languages?: string[] | null | undefined;
}

function applyOptions(record: FollowRecord, options: FollowOptions): void {
  if (options.reblogs !== undefined) record.show_reblogs = options.reblogs;
  if (options.notify !== undefined) record.notify = options.notify;
  if (options.languages !== undefined) record.languages = options.languages;
}

/**
 * `from` follows `to`: an existing follow or request only takes the new options; a locked account gets
 * a follow request (and a follow_request notification), any other a follow (and a follow notification).
 */
export function follow(ctx: SandboxContext, from: string, to: string, options: FollowOptions): void {
  const { state } = ctx;
  const existing = findRelation(state.follows, from, to) ?? findRelation(state.followRequests, from, to);
  if (existing) {
    applyOptions(existing, options);
    ctx.changed();
    return;
  }
  const target = state.accounts.get(to);
  const record: FollowRecord = {
    id: ctx.newId(),
    account_id: from,
    target_account_id: to,
    created_at: ctx.nowIso(),
    show_reblogs: true,
    notify: false,
    languages: null,
  };
  applyOptions(record, options);
  if (target?.locked) {
    state.followRequests.insert(record);
    ctx.changed();
    notify(ctx, to, "follow_request", from);
  } else {
    state.follows.insert(record);
    ctx.changed();
    notify(ctx, to, "follow", from);
  }
}

/** Ends `from`'s follow of `to`, or withdraws its request. */
export function unfollow(ctx: SandboxContext, from: string, to: string): void {
  const { state } = ctx;
  const followed = findRelation(state.follows, from, to);
  if (followed) {
    state.follows.delete(followed.id);
    // Mastodon deletes list memberships with the follow they rest on.
    removeFromLists(ctx, from, to);
  }
  const requested = findRelation(state.followRequests, from, to);
  if (requested) state.followRequests.delete(requested.id);
  if (followed || requested) ctx.changed();
}

/** Turns `requester`'s request to follow `target` into a follow; false when there was no request. */
export function authorizeFollowRequest(ctx: SandboxContext, target: string, requester: string): boolean {
  const { state } = ctx;
  const request = findRelation(state.followRequests, requester, target);
  if (!request) return false;
  state.followRequests.delete(request.id);
  if (!findRelation(state.follows, requester, target)) {
    state.follows.insert({ ...request, id: ctx.newId(), created_at: ctx.nowIso() });
  }
  ctx.changed();
  notify(ctx, target, "follow", requester);
  return true;
}

export function rejectFollowRequest(ctx: SandboxContext, target: string, requester: string): boolean {
  const request = findRelation(ctx.state.followRequests, requester, target);
  if (!request) return false;
  ctx.state.followRequests.delete(request.id);
  ctx.changed();
  return true;
}

/** `from` blocks `to`: follows and follow requests end in both directions, as Mastodon's BlockService does. */
export function block(ctx: SandboxContext, from: string, to: string): void {
  unfollow(ctx, from, to);
  unfollow(ctx, to, from);
  if (findRelation(ctx.state.blocks, from, to)) return;
  ctx.state.blocks.insert({
    id: ctx.newId(),
    account_id: from,
    target_account_id: to,
    created_at: ctx.nowIso(),
  });
  ctx.changed();
}

export function unblock(ctx: SandboxContext, from: string, to: string): void {
  const record = findRelation(ctx.state.blocks, from, to);
  if (!record) return;
  ctx.state.blocks.delete(record.id);
  ctx.changed();
}

/**
 * `from` mutes `to`, hiding its notifications too unless `notifications` is false; `durationSeconds`
 * above 0 makes the mute end by itself. Muting again replaces both settings.
 */
export function mute(
  ctx: SandboxContext,
  from: string,
  to: string,
  notifications: boolean,
  durationSeconds: number,
): void {
  const expires_at = durationSeconds > 0 ? new Date(ctx.now() + durationSeconds * 1000).toISOString() : null;
  const existing = findRelation(ctx.state.mutes, from, to);
  if (existing && !isExpired(ctx, existing)) {
    existing.notifications = notifications;
    existing.expires_at = expires_at;
  } else {
    if (existing) ctx.state.mutes.delete(existing.id);
    ctx.state.mutes.insert({
      id: ctx.newId(),
      account_id: from,
      target_account_id: to,
      created_at: ctx.nowIso(),
      notifications,
      expires_at,
    });
  }
  ctx.changed();
}

export function unmute(ctx: SandboxContext, from: string, to: string): void {
  const record = findRelation(ctx.state.mutes, from, to);
  if (!record) return;
  ctx.state.mutes.delete(record.id);
  ctx.changed();
}
