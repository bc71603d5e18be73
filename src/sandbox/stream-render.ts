/**
 * The conversation entity of the direct stream's `conversation` event, which no REST renderer of the
 * sandbox makes yet.
 *
 * Note: a thread is one conversation here, its id the thread's first status; when the sandbox gets
 * /api/v1/conversations, this should be replaced by that area's renderer so the ids agree.
 */
import type { Conversation } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import type { StatusRecord } from "./records.js";
import { renderAccount } from "./render/account.js";
import { renderStatus } from "./render/status.js";

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
