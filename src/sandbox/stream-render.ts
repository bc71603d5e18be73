/**
 * The conversation entity of the direct stream's `conversation` event: the viewer's conversation
 * record for the status (conversations.ts), so its id is the one /api/v1/conversations shows.
 */
import type { Conversation } from "../entities/index.js";
import type { SandboxContext } from "./context.js";
import { conversationOf, renderAccountConversation } from "./conversations.js";
import type { StatusRecord } from "./records.js";

/** The direct conversation a direct status belongs to, as `viewerId` (one of its participants) sees it. */
export function renderConversation(
  ctx: SandboxContext,
  status: StatusRecord,
  viewerId: string,
): Conversation {
  return renderAccountConversation(ctx, conversationOf(ctx, viewerId, status));
}
