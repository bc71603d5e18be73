/**
 * `GET /api/v2/search`: accounts, statuses and hashtags (`type` narrows to one; an unknown type finds
 * nothing, as Mastodon's), with `limit` (20, at most 40), `offset`, `following` (accounts followed
 * only) and `account_id` (statuses of that account only). `resolve` is accepted and ignored: the
 * sandbox has no other servers.
 *
 * Where the sandbox is simpler: Mastodon without Elasticsearch finds no statuses, and with it only
 * among the statuses the searcher wrote, was mentioned in, favourited, boosted or bookmarked (plus
 * public indexable ones). The sandbox finds statuses the caller may see whose text (or content
 * warning) holds every word of the query, newest first. Hashtags are those used by public or unlisted
 * statuses and those known to the instance, starting with the query, the exact name first.
 * `/api/v1/search` was removed in Mastodon 3.0 and is not here either.
 */
import type { SandboxApp } from "../app.js";
import type { SandboxContext } from "../context.js";
import { limitParam, rubyToInteger } from "../paginate.js";
import type { StatusRecord } from "../records.js";
import { renderAccount } from "../render/account.js";
import { renderStatus } from "../render/status.js";
import { ApiError, badRequest, ok } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { findTag, renderTag } from "../tags.js";
import { normalizeTag } from "../timeline-params.js";
import { canSee, isMuted } from "../visibility.js";
import { findAccounts } from "./accounts.js";

const RESULTS_LIMIT = 20;

/** Statuses the viewer may see holding every word of the query (case-insensitive), newest first. */
function findStatuses(
  ctx: SandboxContext,
  viewerId: string,
  q: string,
  accountId: string | undefined,
  wanted: number,
): StatusRecord[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const source =
    accountId === undefined
      ? ctx.state.statuses.newestFirst()
      : ctx.state.statuses.lookup("account", accountId).slice().reverse();
  const found: StatusRecord[] = [];
  for (const status of source) {
    if (status.reblog_of_id !== null) continue;
    const text = `${status.spoiler_text}\n${status.text}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    if (!canSee(ctx, viewerId, status) || isMuted(ctx, viewerId, status.account_id)) continue;
    found.push(status);
    if (found.length >= wanted) break;
  }
  return found;
}

/** Known hashtag names starting with the query: the exact one first, then by name. */
function findTagNames(ctx: SandboxContext, q: string): string[] {
  const query = normalizeTag(q.trim());
  if (query === "" || /\s/.test(query)) return [];
  const names = new Set(ctx.state.tags.all().map((t) => t.name));
  for (const status of ctx.state.statuses.all()) {
    if (status.visibility === "public" || status.visibility === "unlisted") {
      for (const tag of status.tags) names.add(tag);
    }
  }
  return [...names]
    .filter((name) => name.startsWith(query))
    .sort((a, b) => (a === query ? -1 : b === query ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

function search(req: SandboxRequest) {
  const { ctx } = req;
  const q = req.string("q");
  if (q === undefined || q.trim() === "") throw badRequest("param is missing or the value is empty: q");
  const viewerId = req.account?.id;
  if (viewerId === undefined) {
    if (req.string("offset")) {
      throw new ApiError(401, { error: "Search queries pagination is not supported without authentication" });
    }
    if (req.boolean("resolve") === true) {
      throw new ApiError(401, {
        error: "Search queries that resolve remote resources are not supported without authentication",
      });
    }
  }
  const type = req.string("type");
  const wants = (kind: string) => type === undefined || type === "" || type === kind;
  const limit = limitParam(req, RESULTS_LIMIT);
  const offset = Math.max(0, rubyToInteger(req.string("offset") ?? "0"));
  const page = <T>(rows: T[]) => rows.slice(offset, offset + limit);

  const accounts = wants("accounts")
    ? page(findAccounts(ctx, viewerId, q, req.boolean("following") === true)).map((a) =>
        renderAccount(ctx, a),
      )
    : [];
  const accountId = req.string("account_id");
  const statuses =
    wants("statuses") && viewerId !== undefined
      ? page(findStatuses(ctx, viewerId, q, accountId || undefined, offset + limit)).map((s) =>
          renderStatus(ctx, s, viewerId),
        )
      : [];
  const hashtags = wants("hashtags")
    ? page(findTagNames(ctx, q)).map((name) => renderTag(ctx, findTag(ctx, name), viewerId))
    : [];
  // Mastodon 4.6 adds collections; the sandbox has none.
  return ok({ accounts, statuses, hashtags, collections: [] });
}

export function registerSearch(app: SandboxApp): void {
  app.router.get("/api/v2/search", search, { auth: "optional", scopes: ["read", "read:search"] });
}
