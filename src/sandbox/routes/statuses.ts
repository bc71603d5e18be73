/**
 * The statuses API: posting (now or scheduled, with Idempotency-Key), reading, editing and deleting,
 * threads, and the actions on a status (favourite, reblog, bookmark, pin, conversation mute). Every
 * answer shows the status as the caller sees it; a status the caller may not see is 404, as Mastodon
 * answers it. Scopes are those Mastodon's controllers declare.
 */
import type { SandboxApp } from "../app.js";
import type { SandboxContext } from "../context.js";
import { notify } from "../notify.js";
import { arraySource, pageReply, paginate } from "../paginate.js";
import type { StatusRecord, Visibility } from "../records.js";
import { renderAccount } from "../render/account.js";
import { isConversationMuted, renderDeletedStatus, renderStatus, threadRoot } from "../render/status.js";
import { forbidden, notFound, ok, type Reply, validationFailed } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { registerScheduledStatuses } from "../scheduled-routes.js";
import {
  checkScheduledAt,
  parseScheduledAt,
  renderScheduledStatus,
  scheduleStatus,
  watchScheduledStatuses,
} from "../scheduled-statuses.js";
import { threadContext } from "../status-context.js";
import { createStatus, remember, rememberedId, watchIdempotencyExpiry } from "../status-create.js";
import { editStatus } from "../status-edit.js";
import { renderStatusHistory } from "../status-history.js";
import { checkNewStatus, readStatusInput } from "../status-input.js";
import { toggleMark } from "../status-marks.js";
import { removeFavourite, removeStatus } from "../status-remove.js";
import { canSee } from "../visibility.js";

const READ = { scopes: ["read", "read:statuses"] } as const;
const READ_OPTIONAL = { auth: "optional", scopes: ["read", "read:statuses"] } as const;
const WRITE = { scopes: ["write", "write:statuses"] } as const;
const MAX_PINS = 5;
/** `GET /api/v1/statuses?id[]=` answers at most this many. */
const MAX_MULTIPLE = 20;

/** The status at `:id` if the caller may see it; 404 otherwise. */
export function visibleStatus(req: SandboxRequest, id = req.route.id ?? ""): StatusRecord {
  const status = req.ctx.state.statuses.get(id);
  if (!status || !canSee(req.ctx, req.account?.id, status)) throw notFound();
  return status;
}

/** The caller's own status at `:id`; 404 for anyone else's, as Mastodon looks it up among the caller's. */
function ownStatus(req: SandboxRequest): StatusRecord {
  const status = req.ctx.state.statuses.get(req.route.id ?? "");
  if (!status || status.account_id !== req.me.id) throw notFound();
  return status;
}

function show(req: SandboxRequest, status: StatusRecord): Reply {
  return ok(renderStatus(req.ctx, status, req.account?.id));
}

function post(req: SandboxRequest): Reply {
  const { ctx } = req;
  const me = req.me;
  const key = req.header("idempotency-key");
  const input = readStatusInput(req);
  const scheduledText = req.string("scheduled_at");
  const at =
    scheduledText === undefined || scheduledText.trim() === "" ? undefined : parseScheduledAt(scheduledText);
  // A time already past posts at once, as Mastodon does.
  const scheduled =
    scheduledText !== undefined && scheduledText.trim() !== "" && !(at !== undefined && at <= ctx.now());
  const earlier = rememberedId(ctx, me.id, key);
  if (earlier !== undefined) {
    if (scheduled) {
      const record = ctx.state.scheduled.get(earlier);
      if (!record || record.account_id !== me.id) throw notFound();
      return ok(renderScheduledFor(ctx, record.id));
    }
    const status = ctx.state.statuses.get(earlier);
    if (!status || status.account_id !== me.id) throw notFound();
    return show(req, status);
  }
  const checked = checkNewStatus(ctx, me, input);
  const clientId = req.token?.client_id ?? null;
  if (scheduled) {
    checkScheduledAt(ctx, me.id, at);
    const record = scheduleStatus(ctx, me, input, checked, at as number, clientId, key);
    remember(ctx, me.id, key, record.id);
    return ok(renderScheduledFor(ctx, record.id));
  }
  const status = createStatus(ctx, me, checked, clientId);
  remember(ctx, me.id, key, status.id);
  return show(req, status);
}

function renderScheduledFor(ctx: SandboxContext, id: string) {
  const record = ctx.state.scheduled.get(id);
  if (!record) throw notFound();
  return renderScheduledStatus(ctx, record);
}

function reblog(req: SandboxRequest): Reply {
  const { ctx } = req;
  const me = req.me;
  const target = visibleStatus(req);
  const original = target.reblog_of_id ? visibleStatus(req, target.reblog_of_id) : target;
  if (
    original.visibility === "direct" ||
    (original.visibility === "private" && original.account_id !== me.id)
  ) {
    throw forbidden();
  }
  const existing = ctx.state.statuses.lookup("reblog", original.id).find((r) => r.account_id === me.id);
  if (existing) return show(req, existing);
  const asked = req.string("visibility");
  const visibility: Visibility =
    original.visibility === "private"
      ? "private"
      : asked === "public" || asked === "unlisted" || asked === "private"
        ? asked
        : me.privacy === "direct"
          ? "private"
          : me.privacy;
  const createdAt = new Date(ctx.now()).toISOString();
  const record: StatusRecord = {
    id: ctx.newId(),
    account_id: me.id,
    text: "",
    content: "",
    spoiler_text: "",
    visibility,
    sensitive: false,
    language: null,
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    reblog_of_id: original.id,
    quote_id: null,
    media_ids: [],
    poll_id: null,
    mention_ids: [],
    tags: [],
    client_id: req.token?.client_id ?? null,
    created_at: createdAt,
    edited_at: null,
    edits: [],
  };
  ctx.state.statuses.insert(record);
  me.last_status_at = createdAt;
  ctx.changed();
  ctx.events.emit({ type: "status.created", status: record });
  if (!isConversationMuted(ctx, original.account_id, original)) {
    notify(ctx, original.account_id, "reblog", me.id, original.id);
  }
  return show(req, record);
}

function unreblog(req: SandboxRequest): Reply {
  const target = visibleStatus(req);
  const original = target.reblog_of_id ? visibleStatus(req, target.reblog_of_id) : target;
  const mine = req.ctx.state.statuses.lookup("reblog", original.id).filter((r) => r.account_id === req.me.id);
  for (const r of mine) removeStatus(req.ctx, r);
  return show(req, original);
}

function favourite(req: SandboxRequest): Reply {
  const { ctx } = req;
  const status = visibleStatus(req);
  if (toggleMark(ctx, "favourites", req.me.id, status.id, true)) {
    if (!isConversationMuted(ctx, status.account_id, status)) {
      notify(ctx, status.account_id, "favourite", req.me.id, status.id);
    }
  }
  return show(req, status);
}

function pin(req: SandboxRequest): Reply {
  const { ctx } = req;
  const me = req.me;
  const status = visibleStatus(req);
  if (status.reblog_of_id !== null) throw validationFailed("A boost cannot be pinned");
  if (status.account_id !== me.id) throw validationFailed("Someone else's post cannot be pinned");
  if (status.visibility === "direct") {
    throw validationFailed("Posts that are only visible to mentioned users cannot be pinned");
  }
  const pinned = ctx.state.pins.some("status", status.id, (p) => p.account_id === me.id);
  if (!pinned && ctx.state.pins.count("account", me.id) >= MAX_PINS) {
    throw validationFailed("You have already pinned the maximum number of posts");
  }
  toggleMark(ctx, "pins", me.id, status.id, true);
  return show(req, status);
}

function listStatuses(req: SandboxRequest): Reply {
  const ids = req.strings("id").slice(0, MAX_MULTIPLE);
  const seen = new Set<string>();
  const found: StatusRecord[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const status = req.ctx.state.statuses.get(id);
    if (status && canSee(req.ctx, req.account?.id, status)) found.push(status);
  }
  return ok(found.map((s) => renderStatus(req.ctx, s, req.account?.id)));
}

function deleteStatus(req: SandboxRequest): Reply {
  const status = ownStatus(req);
  const body = renderDeletedStatus(req.ctx, status, req.me.id);
  removeStatus(req.ctx, status, req.boolean("delete_media") ?? false);
  return ok(body);
}

function update(req: SandboxRequest): Reply {
  const status = ownStatus(req);
  if (status.reblog_of_id !== null) throw forbidden();
  return show(req, editStatus(req.ctx, req.me, status, req));
}

function favouritedBy(req: SandboxRequest): Reply {
  const status = visibleStatus(req);
  const marks = req.ctx.state.favourites.lookup("status", status.id);
  const page = paginate(req, arraySource(marks), undefined, { defaultLimit: 40, maxLimit: 80 });
  return pageReply(page, accountsOf(req.ctx, page.items));
}

function rebloggedBy(req: SandboxRequest): Reply {
  const status = visibleStatus(req);
  // Only reblogs others can see are listed (a boost of a private status is private).
  const reblogs = req.ctx.state.statuses
    .lookup("reblog", status.id)
    .filter((r) => r.visibility === "public" || r.visibility === "unlisted");
  const page = paginate(req, arraySource(reblogs), undefined, { defaultLimit: 40, maxLimit: 80 });
  return pageReply(page, accountsOf(req.ctx, page.items));
}

function accountsOf(ctx: SandboxContext, rows: readonly { account_id: string }[]) {
  return rows.flatMap((r) => {
    const account = ctx.state.accounts.get(r.account_id);
    return account ? [renderAccount(ctx, account)] : [];
  });
}

export function registerStatuses(app: SandboxApp): void {
  const { router, ctx } = app;
  const base = "/api/v1/statuses";
  router.post(base, post, WRITE);
  router.get(base, listStatuses, READ_OPTIONAL);
  router.get(`${base}/:id`, (req) => show(req, visibleStatus(req)), READ_OPTIONAL);
  router.delete(`${base}/:id`, deleteStatus, WRITE);
  router.put(`${base}/:id`, update, WRITE);
  router.get(`${base}/:id/history`, (req) => ok(renderStatusHistory(ctx, visibleStatus(req))), READ_OPTIONAL);
  router.get(
    `${base}/:id/source`,
    (req) => {
      const s = visibleStatus(req);
      return ok({ id: s.id, text: s.text, spoiler_text: s.spoiler_text });
    },
    READ,
  );
  router.get(
    `${base}/:id/context`,
    (req) => ok(threadContext(ctx, visibleStatus(req), req.account?.id)),
    READ_OPTIONAL,
  );

  const favourites = { scopes: ["write", "write:favourites"] } as const;
  router.post(`${base}/:id/favourite`, favourite, favourites);
  router.post(
    `${base}/:id/unfavourite`,
    (req) => {
      const status = visibleStatus(req);
      removeFavourite(ctx, req.me.id, status);
      return show(req, status);
    },
    favourites,
  );
  router.post(`${base}/:id/reblog`, reblog, WRITE);
  router.post(`${base}/:id/unreblog`, unreblog, WRITE);

  const bookmarks = { scopes: ["write", "write:bookmarks"] } as const;
  const mark =
    (table: "bookmarks" | "pins", on: boolean) =>
    (req: SandboxRequest): Reply => {
      const status = visibleStatus(req);
      toggleMark(ctx, table, req.me.id, status.id, on);
      return show(req, status);
    };
  router.post(`${base}/:id/bookmark`, mark("bookmarks", true), bookmarks);
  router.post(`${base}/:id/unbookmark`, mark("bookmarks", false), bookmarks);

  const accounts = { scopes: ["write", "write:accounts"] } as const;
  router.post(`${base}/:id/pin`, pin, accounts);
  router.post(`${base}/:id/unpin`, mark("pins", false), accounts);

  const mutes = { scopes: ["write", "write:mutes"] } as const;
  const muteThread = (on: boolean) => (req: SandboxRequest) => {
    const status = visibleStatus(req);
    toggleMark(ctx, "statusMutes", req.me.id, threadRoot(ctx, status).id, on);
    return show(req, status);
  };
  router.post(`${base}/:id/mute`, muteThread(true), mutes);
  router.post(`${base}/:id/unmute`, muteThread(false), mutes);

  const readAccounts = { auth: "optional", scopes: ["read", "read:accounts"] } as const;
  router.get(`${base}/:id/favourited_by`, favouritedBy, readAccounts);
  router.get(`${base}/:id/reblogged_by`, rebloggedBy, readAccounts);

  registerScheduledStatuses(app);
  watchScheduledStatuses(ctx);
  watchIdempotencyExpiry(ctx);
}
