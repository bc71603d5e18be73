/**
 * Direct conversations: the list (newest last status first, paged by last status id as Mastodon's,
 * 20 a page), marking one read, and removing one (from the caller's list only). The records are
 * kept up to date from status events (conversations.ts).
 */
import type { SandboxApp } from "../app.js";
import { forgetDirectStatus, recordDirectStatus, renderAccountConversation } from "../conversations.js";
import { compareIds } from "../ids.js";
import { continuingLink } from "../page-links.js";
import { arraySource, limitParam, paginate } from "../paginate.js";
import type { AccountConversationRecord } from "../records.js";
import { notFound, ok } from "../reply.js";
import type { SandboxRequest } from "../request.js";

const LIMIT = 20;

export function registerConversations(app: SandboxApp): void {
  const { router, ctx } = app;
  ctx.events.on((event) => {
    if (event.type === "status.created") recordDirectStatus(ctx, event.status);
    else if (event.type === "status.deleted") forgetDirectStatus(ctx, event.status);
  });

  const own = (req: SandboxRequest): AccountConversationRecord => {
    const c = ctx.state.conversations.get(req.route.id ?? "");
    if (!c || c.account_id !== req.me.id) throw notFound();
    return c;
  };

  router.get(
    "/api/v1/conversations",
    (req) => {
      // Paged by the last status's id, so a conversation moves up when it gets a new message.
      const rows = ctx.state.conversations
        .lookup("account", req.me.id)
        .map((c) => ({ id: c.last_status_id, c }))
        .sort((a, b) => compareIds(a.id, b.id));
      const limit = limitParam(req, LIMIT);
      const page = paginate(req, arraySource(rows), () => true, { defaultLimit: LIMIT });
      const newest = page.items[0];
      const oldest = page.items[page.items.length - 1];
      const cursors = newest && oldest ? { newest: newest.id, oldest: oldest.id } : undefined;
      return ok(
        page.items.map((row) => renderAccountConversation(ctx, row.c)),
        continuingLink(req, cursors, page.items.length === limit),
      );
    },
    { scopes: ["read", "read:statuses"] },
  );

  router.post(
    "/api/v1/conversations/:id/read",
    (req) => {
      const c = own(req);
      if (c.unread) {
        c.unread = false;
        ctx.changed();
      }
      return ok(renderAccountConversation(ctx, c));
    },
    { scopes: ["write", "write:conversations"] },
  );

  router.delete(
    "/api/v1/conversations/:id",
    (req) => {
      ctx.state.conversations.delete(own(req).id);
      ctx.changed();
      return ok({});
    },
    { scopes: ["write", "write:conversations"] },
  );
}
