/**
 * Notification requests (Mastodon 4.3+): the filtered private mentions of one sender, held for the
 * recipient to accept (the sender's held notifications become ordinary ones and the sender is never
 * filtered again) or dismiss (they are deleted). As Mastodon, only mentions open or refresh a request;
 * other filtered notifications are just marked filtered, and accepting brings them back too.
 */
import type { NotificationRequest, Status } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { NotificationRecord, NotificationRequestRecord } from "./records.js";
import { renderAccount } from "./render/account.js";
import { renderStatus } from "./render/status.js";

/** Mastodon stops counting there (its MAX_MEANINGFUL_COUNT). */
const MAX_MEANINGFUL_COUNT = 100;

export function requestFrom(
  ctx: SandboxContext,
  recipientId: string,
  senderId: string,
): NotificationRequestRecord | undefined {
  return ctx.state.notificationRequests
    .lookup("account", recipientId)
    .find((r) => r.from_account_id === senderId);
}

/** Files a filtered notification: a mention opens the sender's request or brings it up to date. */
export function holdNotification(ctx: SandboxContext, notification: NotificationRecord): void {
  if (notification.type !== "mention") return;
  const now = ctx.nowIso();
  const request = requestFrom(ctx, notification.account_id, notification.from_account_id);
  if (request) {
    request.last_status_id = notification.status_id;
    request.updated_at = now;
  } else {
    ctx.state.notificationRequests.insert({
      id: ctx.newId(),
      account_id: notification.account_id,
      from_account_id: notification.from_account_id,
      last_status_id: notification.status_id,
      created_at: now,
      updated_at: now,
    });
  }
}

/** The sender's filtered notifications to the recipient. */
function heldNotifications(ctx: SandboxContext, request: NotificationRequestRecord): NotificationRecord[] {
  return ctx.state.notifications
    .lookup("account", request.account_id)
    .filter((n) => n.filtered === true && n.from_account_id === request.from_account_id);
}

/** Filtered mentions waiting in the request, counted up to Mastodon's cap. */
function heldMentions(ctx: SandboxContext, request: NotificationRequestRecord): number {
  let count = 0;
  for (const n of heldNotifications(ctx, request)) {
    if (n.type === "mention" && ++count >= MAX_MEANINGFUL_COUNT) break;
  }
  return count;
}

/** Accepting: the sender is let through from now on and its held notifications join the others. */
export function acceptRequest(ctx: SandboxContext, request: NotificationRequestRecord): void {
  const { state } = ctx;
  if (!state.notificationPermissions.some("account", request.account_id, isFrom(request))) {
    state.notificationPermissions.insert({
      id: ctx.newId(),
      account_id: request.account_id,
      from_account_id: request.from_account_id,
    });
  }
  for (const n of heldNotifications(ctx, request)) delete n.filtered;
  state.notificationRequests.delete(request.id);
  ctx.changed();
}

/** Dismissing: the request and the notifications it held are gone; later ones are filtered again. */
export function dismissRequest(ctx: SandboxContext, request: NotificationRequestRecord): void {
  for (const n of heldNotifications(ctx, request)) ctx.state.notifications.delete(n.id);
  ctx.state.notificationRequests.delete(request.id);
  ctx.changed();
}

function isFrom(request: NotificationRequestRecord) {
  return (p: { from_account_id: string }) => p.from_account_id === request.from_account_id;
}

/** The policy's `summary`: pending requests and the notifications they hold (Mastodon counts 100 at most). */
export function pendingSummary(
  ctx: SandboxContext,
  accountId: string,
): { pending_requests_count: number; pending_notifications_count: number } {
  const requests = ctx.state.notificationRequests.lookup("account", accountId).slice(0, MAX_MEANINGFUL_COUNT);
  let notifications = 0;
  for (const request of requests) notifications += heldMentions(ctx, request);
  return { pending_requests_count: requests.length, pending_notifications_count: notifications };
}

/** A request as Mastodon 4.5 shows it (`notifications_count` is a string there); undefined if its sender is gone. */
export function renderRequest(
  ctx: SandboxContext,
  request: NotificationRequestRecord,
): NotificationRequest | undefined {
  const sender = ctx.state.accounts.get(request.from_account_id);
  if (!sender) return undefined;
  const last = request.last_status_id === null ? undefined : ctx.state.statuses.get(request.last_status_id);
  const lastStatus: Status | undefined = last ? renderStatus(ctx, last, request.account_id) : undefined;
  return {
    id: request.id,
    created_at: request.created_at,
    updated_at: request.updated_at,
    notifications_count: String(heldMentions(ctx, request)),
    account: renderAccount(ctx, sender),
    ...(lastStatus ? { last_status: lastStatus } : {}),
  };
}
