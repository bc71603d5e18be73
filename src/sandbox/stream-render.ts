/**
 * The entities streams carry that no REST renderer of the sandbox makes yet: a notification (for the
 * `notification` event) and a conversation (for the direct stream's `conversation` event).
 *
 * Note: the notifications area is to add render/notification.ts; once it exists, `renderNotification`
 * here should be replaced by it so REST and streams show notifications alike.
 */
import type { Conversation, Notification } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { NotificationRecord, StatusRecord } from "./records.js";
import { renderAccount } from "./render/account.js";
import { renderStatus } from "./render/status.js";

/** A notification as its recipient sees it, or undefined when its account or status is gone. */
export function renderNotification(
  ctx: SandboxContext,
  notification: NotificationRecord,
): Notification | undefined {
  const from = ctx.state.accounts.get(notification.from_account_id);
  if (!from) return undefined;
  const status = notification.status_id ? ctx.state.statuses.get(notification.status_id) : undefined;
  if (notification.status_id && !status) return undefined;
  return {
    id: notification.id,
    type: notification.type,
    created_at: notification.created_at,
    group_key: notification.group_key,
    account: renderAccount(ctx, from),
    ...(status ? { status: renderStatus(ctx, status, notification.account_id) } : {}),
  } as Notification;
}

/** The first status of a thread: the sandbox's conversation id (a thread is one conversation). */
export function threadRootId(ctx: SandboxContext, status: StatusRecord): string {
  let current = status;
  // Bounded, so that a corrupt reply chain that loops cannot hang the server.
  for (let hops = 0; hops < 10_000 && current.in_reply_to_id; hops++) {
    const parent = ctx.state.statuses.get(current.in_reply_to_id);
    if (!parent) break;
    current = parent;
  }
  return current.id;
}

/** The direct conversation a direct status belongs to, as `viewerId` (one of its participants) sees it. */
export function renderConversation(
  ctx: SandboxContext,
  status: StatusRecord,
  viewerId: string,
): Conversation {
  const participants = [status.account_id, ...status.mention_ids].filter(
    (id, index, all) => id !== viewerId && all.indexOf(id) === index,
  );
  return {
    id: threadRootId(ctx, status),
    // The author has read what they wrote; everyone else has a new message.
    unread: viewerId !== status.account_id,
    accounts: participants.flatMap((id) => {
      const account = ctx.state.accounts.get(id);
      return account ? [renderAccount(ctx, account)] : [];
    }),
    last_status: renderStatus(ctx, status, viewerId),
  } as Conversation;
}
