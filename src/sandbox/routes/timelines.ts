/**
 * Timelines (home, public, hashtag, list; the link timeline has no trending links here, so it is
 * always 404), the bookmarks and favourites lists, and read markers. Every page is walked newest
 * first from the cursor and stops when full, so a page costs about its own size.
 */
import type { SandboxApp } from "../app.js";
import { arraySource, type PageOptions, pageReply, paginate, type Source } from "../paginate.js";
import type { StatusMarkRecord, StatusRecord } from "../records.js";
import { renderStatus } from "../render/status.js";
import { notFound, type Reply } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { cachedReply, staleAt } from "../timeline-cache.js";
import { type Feed, homeFeed, listFeed, publicFeed, tagFeed, viewerOf } from "../timeline-feeds.js";
import { registerMarkers } from "../timeline-markers.js";
import { normalizeTag, truthyParam } from "../timeline-params.js";
import { canSee } from "../visibility.js";

const READ_STATUSES = ["read:statuses"];
/** How many tags each of `any[]`, `all[]` and `none[]` may name (Mastodon's TagFeed LIMIT_PER_MODE). */
const TAGS_PER_MODE = 4;

function feedReply(req: SandboxRequest, feed: () => Feed, options: PageOptions): Reply {
  const viewerId = req.account?.id;
  const key = `${viewerId ?? "-"} ${req.path}?${req.query.toString()}`;
  return cachedReply(req.ctx, key, () => {
    const { source, keep } = feed();
    const page = paginate(req, source, keep, options);
    return {
      reply: pageReply(
        page,
        page.items.map((s) => renderStatus(req.ctx, s, viewerId)),
      ),
      until: staleAt(req.ctx, page.items, viewerId),
    };
  });
}

function tagList(req: SandboxRequest, name: string): string[] {
  return req.strings(name).slice(0, TAGS_PER_MODE).map(normalizeTag);
}

/** Bookmarks and favourites page by the mark's own id, as Mastodon does, and show the status. */
function marksReply(req: SandboxRequest, marks: StatusMarkRecord[]): Reply {
  const { ctx } = req;
  const source: Source<StatusMarkRecord> = arraySource(marks);
  const page = paginate(
    req,
    source,
    (mark) => {
      const status = ctx.state.statuses.get(mark.status_id);
      return status !== undefined && canSee(ctx, req.me.id, status);
    },
    { linkParams: ["limit"] },
  );
  const statuses = page.items.map((m) => ctx.state.statuses.get(m.status_id) as StatusRecord);
  return pageReply(
    page,
    statuses.map((s) => renderStatus(ctx, s, req.me.id)),
  );
}

export function registerTimelines(app: SandboxApp): void {
  const { router, ctx } = app;

  router.get(
    "/api/v1/timelines/home",
    (req) =>
      feedReply(req, () => homeFeed(ctx, viewerOf(ctx, req.me.id)), { linkParams: ["local", "limit"] }),
    { scopes: READ_STATUSES },
  );

  router.get(
    "/api/v1/timelines/public",
    (req) => {
      const viewer = () => (req.account ? viewerOf(ctx, req.account.id) : undefined);
      const feed = () =>
        publicFeed(ctx, viewer(), {
          local: truthyParam(req, "local"),
          remote: truthyParam(req, "remote"),
          onlyMedia: truthyParam(req, "only_media"),
        });
      return feedReply(req, feed, { linkParams: ["local", "remote", "limit", "only_media"] });
    },
    { auth: "optional", scopes: READ_STATUSES },
  );

  router.get(
    "/api/v1/timelines/tag/:hashtag",
    (req) => {
      const viewer = () => (req.account ? viewerOf(ctx, req.account.id) : undefined);
      const feed = () =>
        tagFeed(ctx, viewer(), {
          local: truthyParam(req, "local"),
          remote: truthyParam(req, "remote"),
          onlyMedia: truthyParam(req, "only_media"),
          any: [normalizeTag(req.route.hashtag ?? ""), ...tagList(req, "any")],
          all: tagList(req, "all"),
          none: tagList(req, "none"),
        });
      return feedReply(req, feed, { linkParams: ["local", "limit", "only_media"] });
    },
    { auth: "optional", scopes: READ_STATUSES },
  );

  router.get(
    "/api/v1/timelines/list/:id",
    (req) => {
      const list = ctx.state.lists.get(req.route.id ?? "");
      if (!list || list.account_id !== req.me.id) throw notFound();
      return feedReply(req, () => listFeed(ctx, viewerOf(ctx, req.me.id), list), { linkParams: ["limit"] });
    },
    { scopes: ["read:lists"] },
  );

  // Only trending links have a timeline, and the sandbox has no trends.
  router.get(
    "/api/v1/timelines/link",
    () => {
      throw notFound();
    },
    { auth: "optional", scopes: READ_STATUSES },
  );

  router.get(
    "/api/v1/bookmarks",
    (req) => marksReply(req, ctx.state.bookmarks.lookup("account", req.me.id)),
    {
      scopes: ["read:bookmarks"],
    },
  );
  router.get(
    "/api/v1/favourites",
    (req) => marksReply(req, ctx.state.favourites.lookup("account", req.me.id)),
    { scopes: ["read:favourites"] },
  );

  registerMarkers(app);
}
