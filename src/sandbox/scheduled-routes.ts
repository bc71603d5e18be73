/**
 * `/api/v1/scheduled_statuses`: the caller's statuses waiting to be published, one of them, moving one
 * to another time (`scheduled_at`, checked as when posting) and cancelling one (answers `{}`).
 */
import type { SandboxApp } from "./app.js";
import { arraySource, pageReply, paginate } from "./paginate.js";
import type { ScheduledStatusRecord } from "./records.js";
import { notFound, ok } from "./reply.js";
import type { SandboxRequest } from "./request.js";
import { checkScheduledAt, parseScheduledAt, renderScheduledStatus } from "./scheduled-statuses.js";

function ownScheduled(req: SandboxRequest): ScheduledStatusRecord {
  const record = req.ctx.state.scheduled.get(req.route.id ?? "");
  if (!record || record.account_id !== req.me.id) throw notFound();
  return record;
}

export function registerScheduledStatuses(app: SandboxApp): void {
  const { router, ctx } = app;
  const base = "/api/v1/scheduled_statuses";
  const read = { scopes: ["read", "read:statuses"] } as const;
  const write = { scopes: ["write", "write:statuses"] } as const;
  router.get(
    base,
    (req) => {
      const page = paginate(req, arraySource(ctx.state.scheduled.lookup("account", req.me.id)));
      return pageReply(
        page,
        page.items.map((r) => renderScheduledStatus(ctx, r)),
      );
    },
    read,
  );
  router.get(`${base}/:id`, (req) => ok(renderScheduledStatus(ctx, ownScheduled(req))), read);
  router.put(
    `${base}/:id`,
    (req) => {
      const record = ownScheduled(req);
      const given = req.string("scheduled_at");
      if (given !== undefined) {
        const at = parseScheduledAt(given);
        checkScheduledAt(ctx, req.me.id, at, record.id);
        record.scheduled_at = new Date(at as number).toISOString();
        ctx.changed();
      }
      return ok(renderScheduledStatus(ctx, record));
    },
    write,
  );
  router.delete(
    `${base}/:id`,
    (req) => {
      ctx.state.scheduled.delete(ownScheduled(req).id);
      ctx.changed();
      return ok({});
    },
    write,
  );
}
