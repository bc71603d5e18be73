/**
 * Notifications, v1 (one by one) and v2 (grouped), with Mastodon's filters (`types[]`,
 * `exclude_types[]`, `account_id`, `grouped_types[]`), paging (v2 pages count groups, not
 * notifications), dismissal and unread counts measured from the `notifications` read marker.
 */

import { NOTIFICATION_TYPES } from "../../api/timelines/constants.js";
import type { SandboxApp } from "../app.js";
import { compareIds } from "../ids.js";
import { GROUPABLE } from "../notify.js";
import { arraySource, cursor, limitParam, pageReply, pageUrl, paginate } from "../paginate.js";
import type { NotificationRecord } from "../records.js";
import { renderAccount } from "../render/account.js";
import {
  type ExpandAccounts,
  type GroupView,
  groupViews,
  hasStatus,
  renderGroups,
  renderNotification,
} from "../render/notification.js";
import { ApiError, notFound, ok, type Reply } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { findMarker } from "../timeline-markers.js";

/**
 * Every kind the library knows (Mastodon 4.6's, and 4.7's collection kinds, which the sandbox never
 * makes); a name outside it in `types[]` is ignored, as Mastodon ignores it.
 */
const TYPES: readonly string[] = NOTIFICATION_TYPES;
const READ = { scopes: ["read:notifications"] };
const WRITE = { scopes: ["write:notifications"] };
const V1_LINK_PARAMS = ["limit", "account_id", "types", "exclude_types", "include_filtered"];
const V2_LINK_PARAMS = ["limit", "include_filtered", "types", "exclude_types", "grouped_types"];

/**
 * The caller's notifications, oldest first, less those whose sender or status is gone and those the
 * notification policy filtered (unless `include_filtered`).
 */
function mine(req: SandboxRequest): NotificationRecord[] {
  const { state } = req.ctx;
  const withFiltered = req.boolean("include_filtered") === true;
  return state.notifications
    .lookup("account", req.me.id)
    .filter(
      (n) =>
        (withFiltered || n.filtered !== true) &&
        state.accounts.has(n.from_account_id) &&
        (!hasStatus(n) || (n.status_id !== null && state.statuses.has(n.status_id))),
    );
}

/** Mastodon's `browserable` scope: the kinds asked for, less those excluded, maybe from one sender. */
function browsable(req: SandboxRequest, withAccount: boolean): (n: NotificationRecord) => boolean {
  const asked = req.strings("types");
  const types = new Set(asked.length === 0 ? TYPES : asked.filter((t) => TYPES.includes(t)));
  for (const t of req.strings("exclude_types")) types.delete(t);
  const from = withAccount ? req.string("account_id") : undefined;
  return (n) => types.has(n.type) && (from === undefined || from === "" || n.from_account_id === from);
}

/** The key a notification is grouped by on this request (`grouped_types[]` narrows the grouping). */
function keyFunction(req: SandboxRequest): (n: NotificationRecord) => string {
  const asked = req.strings("grouped_types");
  const grouped = asked.length === 0 ? GROUPABLE : new Set(asked.filter((t) => GROUPABLE.has(t)));
  return (n) =>
    grouped.has(n.type) && !n.group_key.startsWith("ungrouped-") ? n.group_key : `ungrouped-${n.id}`;
}

/**
 * One v2 page: at most `limit` groups, each stood for by its newest notification in the page (its
 * oldest above `min_id` when paging up), as Mastodon's paginate_groups.
 */
function groupPage(
  req: SandboxRequest,
  rows: readonly NotificationRecord[],
  keyOf: (n: NotificationRecord) => string,
  limit: number,
): { key: string; notification: NotificationRecord }[] {
  const maxId = cursor(req, "max_id");
  const sinceId = cursor(req, "since_id");
  const minId = cursor(req, "min_id");
  const picked: { key: string; notification: NotificationRecord }[] = [];
  const seen = new Set<string>();
  const take = (n: NotificationRecord) => {
    const key = keyOf(n);
    if (seen.has(key)) return;
    seen.add(key);
    picked.push({ key, notification: n });
  };
  if (limit === 0) return picked;
  const source = arraySource(rows);
  if (minId !== undefined) {
    for (const n of source.oldestFirst(minId)) {
      if (maxId !== undefined && compareIds(n.id, maxId) >= 0) break;
      take(n);
      if (picked.length >= limit) break;
    }
    return picked.reverse();
  }
  for (const n of source.newestFirst(maxId)) {
    if (sinceId !== undefined && compareIds(n.id, sinceId) <= 0) break;
    take(n);
    if (picked.length >= limit) break;
  }
  return picked;
}

function expandAccounts(req: SandboxRequest): ExpandAccounts {
  const value = req.param("expand_accounts");
  if (value === undefined || value === null || value === "full") return "full";
  if (value === "partial_avatars") return "partial_avatars";
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  throw new ApiError(400, {
    error: `Invalid value for 'expand_accounts': '${shown}', allowed values are 'full' and 'partial_avatars'`,
  });
}

/** Every notification of the caller by group key, newest first (for the groups' figures). */
function membersByKey(rows: readonly NotificationRecord[]): (key: string) => NotificationRecord[] {
  const byKey = new Map<string, NotificationRecord[]>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const n = rows[i]!;
    const list = byKey.get(n.group_key);
    if (list) list.push(n);
    else byKey.set(n.group_key, [n]);
  }
  return (key) => byKey.get(key) ?? [];
}

/** The caller's notifications in a group (`ungrouped-<id>` names one notification), newest first. */
function groupMembers(req: SandboxRequest, key: string): NotificationRecord[] {
  const rows = mine(req);
  if (key.startsWith("ungrouped-")) {
    const n = req.ctx.state.notifications.get(key.slice("ungrouped-".length));
    return n && rows.includes(n) ? [n] : [];
  }
  return rows.filter((n) => n.group_key === key).reverse();
}

function unreadAfter(req: SandboxRequest): string | undefined {
  return findMarker(req.ctx, req.me.id, "notifications")?.last_read_id;
}

/** Up to `limit` of `rows` (oldest first) above the marker, counted by `keyOf` when given. */
function countUnread(
  rows: readonly NotificationRecord[],
  after: string | undefined,
  limit: number,
  keyOf?: (n: NotificationRecord) => string,
): number {
  const keys = new Set<string>();
  for (const n of arraySource(rows).oldestFirst(after)) {
    keys.add(keyOf ? keyOf(n) : n.id);
    if (keys.size >= limit) break;
  }
  return keys.size;
}

function deleteNotifications(req: SandboxRequest, rows: readonly NotificationRecord[]): Reply {
  for (const n of rows) req.ctx.state.notifications.delete(n.id);
  if (rows.length > 0) req.ctx.changed();
  return ok({});
}

export function registerNotifications(app: SandboxApp): void {
  const { router, ctx } = app;

  // --- v1 ---
  router.get(
    "/api/v1/notifications",
    (req) => {
      const keep = browsable(req, true);
      const page = paginate(req, arraySource(mine(req)), keep, {
        defaultLimit: 40,
        linkParams: V1_LINK_PARAMS,
      });
      return pageReply(
        page,
        page.items.map((n) => renderNotification(ctx, n)),
      );
    },
    READ,
  );

  router.get(
    "/api/v1/notifications/unread_count",
    (req) => {
      const keep = browsable(req, true);
      const rows = mine(req).filter(keep);
      return ok({ count: countUnread(rows, unreadAfter(req), limitParam(req, 100, 1000)) });
    },
    READ,
  );

  const own = (req: SandboxRequest): NotificationRecord => {
    const n = ctx.state.notifications.get(req.route.id ?? "");
    if (!n || !mine(req).includes(n)) throw notFound();
    return n;
  };
  router.get("/api/v1/notifications/:id", (req) => ok(renderNotification(ctx, own(req))), READ);
  router.post("/api/v1/notifications/:id/dismiss", (req) => deleteNotifications(req, [own(req)]), WRITE);

  const clear = (req: SandboxRequest) =>
    deleteNotifications(req, ctx.state.notifications.lookup("account", req.me.id));
  router.post("/api/v1/notifications/clear", clear, WRITE);
  router.post("/api/v2/notifications/clear", clear, WRITE);

  // --- v2 (grouped) ---
  router.get(
    "/api/v2/notifications",
    (req) => {
      const expand = expandAccounts(req);
      const all = mine(req);
      const rows = all.filter(browsable(req, false));
      const keyOf = keyFunction(req);
      const limit = limitParam(req, 40);
      const shown = groupPage(req, rows, keyOf, limit);
      const newest = shown[0]?.notification;
      const oldest = shown[shown.length - 1]?.notification;
      // A page that reaches the oldest notification owns the groups' older members too: Mastodon
      // 4.6 then gives a group's page_min_id below the page's last id (as recorded).
      const last = shown.length < limit && cursor(req, "min_id") === undefined;
      const range = newest && oldest ? { min: last ? "0" : oldest.id, max: newest.id } : undefined;
      const views: GroupView[] = groupViews(membersByKey(all), shown, range, compareIds);
      const body = renderGroups(ctx, req.me.id, views, expand);
      if (!newest || !oldest) return ok(body);
      const next = pageUrl(req, "max_id", oldest.id, V2_LINK_PARAMS);
      const prev = pageUrl(req, "min_id", newest.id, V2_LINK_PARAMS);
      return ok(body, { link: `<${next}>; rel="next", <${prev}>; rel="prev"` });
    },
    READ,
  );

  router.get(
    "/api/v2/notifications/unread_count",
    (req) => {
      const rows = mine(req).filter(browsable(req, false));
      const limit = limitParam(req, 100, 1000);
      return ok({ count: countUnread(rows, unreadAfter(req), limit, keyFunction(req)) });
    },
    READ,
  );

  router.get(
    "/api/v2/notifications/:group_key",
    (req) => {
      const key = req.route.group_key ?? "";
      const members = groupMembers(req, key);
      const newest = members[0];
      if (!newest) throw notFound();
      const views = groupViews(() => members, [{ key, notification: newest }], undefined, compareIds);
      return ok(renderGroups(ctx, req.me.id, views, "full"));
    },
    READ,
  );

  router.post(
    "/api/v2/notifications/:group_key/dismiss",
    (req) => deleteNotifications(req, groupMembers(req, req.route.group_key ?? "")),
    WRITE,
  );

  router.get(
    "/api/v2/notifications/:group_key/accounts",
    (req) => {
      const members = groupMembers(req, req.route.group_key ?? "");
      const limit = limitParam(req, 40);
      const page = paginate(req, arraySource([...members].reverse()), () => true, { defaultLimit: 40 });
      const accounts = page.items.flatMap((n) => {
        const account = ctx.state.accounts.get(n.from_account_id);
        return account ? [renderAccount(ctx, account)] : [];
      });
      const first = page.items[0];
      const last = page.items[page.items.length - 1];
      if (!first || !last) return ok(accounts);
      // Mastodon links `next` here only when the page is full.
      const links: string[] = [];
      if (page.items.length === limit)
        links.push(`<${pageUrl(req, "max_id", last.id, ["limit"])}>; rel="next"`);
      links.push(`<${pageUrl(req, "min_id", first.id, ["limit"])}>; rel="prev"`);
      return ok(accounts, { link: links.join(", ") });
    },
    READ,
  );
}
