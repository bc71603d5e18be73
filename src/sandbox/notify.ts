/**
 * Notifications are made here when something happens to an account (a mention, a follow, a favourite,
 * ...), never for an account acting on itself, nor for one that blocks or mutes the actor. The event is
 * emitted so the recipient's stream gets it at once.
 */
import type { SandboxContext } from "./context.js";
import type { NotificationRecord, NotificationType } from "./records.js";
import { isBlocked, isMuted } from "./visibility.js";

/** Types Mastodon groups in v2 (by status and type); the others get a group of their own. */
const GROUPED: ReadonlySet<NotificationType> = new Set(["favourite", "reblog", "follow"]);

export function notify(
  ctx: SandboxContext,
  recipientId: string,
  type: NotificationType,
  fromAccountId: string,
  statusId: string | null = null,
): NotificationRecord | undefined {
  if (recipientId === fromAccountId && type !== "poll") return undefined;
  if (!ctx.state.accounts.has(recipientId)) return undefined;
  if (isBlocked(ctx, recipientId, fromAccountId)) return undefined;
  if (type !== "poll" && isMuted(ctx, recipientId, fromAccountId)) return undefined;
  const id = ctx.newId();
  const notification: NotificationRecord = {
    id,
    account_id: recipientId,
    type,
    from_account_id: fromAccountId,
    status_id: statusId,
    created_at: new Date(ctx.now()).toISOString(),
    group_key: GROUPED.has(type) ? `${type}-${statusId ?? "account"}` : `ungrouped-${id}`,
  };
  ctx.state.notifications.insert(notification);
  ctx.changed();
  ctx.events.emit({ type: "notification", notification });
  return notification;
}
