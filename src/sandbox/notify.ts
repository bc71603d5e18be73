/**
 * Notifications are made here when something happens to an account (a mention, a follow, a favourite,
 * ...), as Mastodon's NotifyService decides: never for an account acting on itself (except a poll's
 * end), nor when the recipient blocks the actor, mutes the actor's notifications, or muted the
 * conversation. Then the recipient's notification policy (notification-policy.ts) may drop it, or
 * keep it filtered (out of the lists and streams, held in a notification request); otherwise the
 * event is emitted so the recipient's stream gets it at once.
 *
 * Ids are a database sequence (1, 2, 3, ...), as Mastodon's. Favourites and boosts of one status,
 * and follows, share a `group_key` (`favourite-<status id>-<hour>`, `follow-<hour>`) that stays the
 * same while new ones come less than 12 hours after the group's first hour; every other kind is
 * `ungrouped-<id>`.
 */
import type { SandboxContext } from "./context.js";
import { policyDecision } from "./notification-policy.js";
import { holdNotification } from "./notification-requests.js";
import type { NotificationRecord, NotificationType } from "./records.js";
import { nextSequentialId } from "./timeline-sequence.js";

/** The kinds Mastodon groups (its GROUPABLE_NOTIFICATION_TYPES, less the admin ones). */
export const GROUPABLE: ReadonlySet<string> = new Set(["favourite", "reblog", "follow"]);
const MAXIMUM_GROUP_SPAN_HOURS = 12;
const HOUR_MS = 3_600_000;

/** Mastodon keeps the last hour bucket per recipient and kind in Redis for 12 hours; so do we. */
const buckets = new WeakMap<object, Map<string, { bucket: number; setMs: number }>>();

function groupKey(
  ctx: SandboxContext,
  recipientId: string,
  type: NotificationType,
  statusId: string | null,
): string | undefined {
  if (!GROUPABLE.has(type)) return undefined;
  const prefix = type === "follow" ? type : `${type}-${statusId ?? ""}`;
  const now = ctx.now();
  let bucket = Math.floor(now / HOUR_MS);
  const known = buckets.get(ctx.state) ?? new Map();
  buckets.set(ctx.state, known);
  const slot = `${recipientId}/${prefix}`;
  const previous = known.get(slot) ?? lastStoredBucket(ctx, recipientId, prefix, now);
  if (previous && now - previous.setMs < MAXIMUM_GROUP_SPAN_HOURS * HOUR_MS) {
    if (bucket < previous.bucket + MAXIMUM_GROUP_SPAN_HOURS) bucket = previous.bucket;
  }
  known.set(slot, { bucket, setMs: now });
  return `${prefix}-${bucket}`;
}

/** After a restart: the bucket of the recipient's newest notification of this kind, if any. */
function lastStoredBucket(
  ctx: SandboxContext,
  recipientId: string,
  prefix: string,
  now: number,
): { bucket: number; setMs: number } | undefined {
  const mine = ctx.state.notifications.lookup("account", recipientId);
  for (let i = mine.length - 1; i >= 0; i--) {
    const n = mine[i]!;
    if (!n.group_key.startsWith(`${prefix}-`)) continue;
    const setMs = Date.parse(n.created_at);
    if (now - setMs >= MAXIMUM_GROUP_SPAN_HOURS * HOUR_MS) return undefined;
    return { bucket: Number(n.group_key.slice(prefix.length + 1)), setMs };
  }
  return undefined;
}

function mutesNotificationsOf(ctx: SandboxContext, recipientId: string, fromId: string): boolean {
  const now = ctx.now();
  return ctx.state.mutes
    .lookup("account", recipientId)
    .some(
      (m) =>
        m.target_account_id === fromId &&
        m.notifications &&
        (m.expires_at === null || Date.parse(m.expires_at) > now),
    );
}

function blocks(ctx: SandboxContext, accountId: string, targetId: string): boolean {
  return ctx.state.blocks.some("account", accountId, (b) => b.target_account_id === targetId);
}

/** Whether the recipient muted the conversation the status is in (any status up its reply chain). */
function conversationMuted(ctx: SandboxContext, recipientId: string, statusId: string | null): boolean {
  const { statuses, statusMutes } = ctx.state;
  let status = statusId === null ? undefined : statuses.get(statusId);
  for (let depth = 0; status && depth < 100; depth++) {
    if (statusMutes.some("status", status.id, (m) => m.account_id === recipientId)) return true;
    status = status.in_reply_to_id === null ? undefined : statuses.get(status.in_reply_to_id);
  }
  return false;
}

/**
 * Notifies `recipientId` that `fromAccountId` did something. `statusId` is the status it is about:
 * the status mentioning, favourited, boosted (its boost's own id works too), edited or whose poll ended.
 */
export function notify(
  ctx: SandboxContext,
  recipientId: string,
  type: NotificationType,
  fromAccountId: string,
  statusId: string | null = null,
): NotificationRecord | undefined {
  const { state } = ctx;
  if (recipientId === fromAccountId && type !== "poll") return undefined;
  const sender = state.accounts.get(fromAccountId);
  if (!state.accounts.has(recipientId) || !sender) return undefined;
  if (blocks(ctx, recipientId, fromAccountId)) return undefined;
  if (mutesNotificationsOf(ctx, recipientId, fromAccountId)) return undefined;
  const boost = statusId === null ? undefined : state.statuses.get(statusId);
  const targetId = boost?.reblog_of_id ?? statusId;
  if (conversationMuted(ctx, recipientId, targetId)) return undefined;
  const decision = policyDecision(ctx, recipientId, sender, type, boost);
  if (decision === "drop") return undefined;
  const id = nextSequentialId(state.notifications);
  const notification: NotificationRecord = {
    id,
    account_id: recipientId,
    type,
    from_account_id: fromAccountId,
    status_id: targetId,
    created_at: ctx.nowIso(),
    group_key: groupKey(ctx, recipientId, type, targetId) ?? `ungrouped-${id}`,
  };
  if (decision === "filter") notification.filtered = true;
  state.notifications.insert(notification);
  if (notification.filtered) holdNotification(ctx, notification);
  ctx.changed();
  if (!notification.filtered) ctx.events.emit({ type: "notification", notification });
  return notification;
}
