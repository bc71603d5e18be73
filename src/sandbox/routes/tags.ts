/**
 * Hashtags: `GET /api/v1/tags/:name`, following and unfollowing one, and the followed tags (paged by
 * the follow's id, 100 a page, as Mastodon). A name that is no hashtag is 404, as Mastodon's.
 */
import type { SandboxApp } from "../app.js";
import { continuingLink } from "../page-links.js";
import { arraySource, limitParam, paginate } from "../paginate.js";
import { notFound, ok } from "../reply.js";
import type { SandboxRequest } from "../request.js";
import { findTag, followOf, isTagName, type KnownOrNewTag, renderTag, storeTag } from "../tags.js";
import { nextSequentialId } from "../timeline-sequence.js";

const FOLLOWED_LIMIT = 100;
const WRITE_FOLLOWS = { scopes: ["follow", "write", "write:follows"] };

export function registerTags(app: SandboxApp): void {
  const { router, ctx } = app;

  const pathTag = (req: SandboxRequest): KnownOrNewTag => {
    const name = (req.route.name ?? "").replace(/^#/, "");
    if (!isTagName(name)) throw notFound();
    return findTag(ctx, name);
  };

  router.get("/api/v1/tags/:name", (req) => ok(renderTag(ctx, pathTag(req), req.account?.id)), {
    auth: "optional",
    scopes: ["read", "read:statuses"],
  });

  router.post(
    "/api/v1/tags/:name/follow",
    (req) => {
      const tag = storeTag(ctx, pathTag(req));
      if (!followOf(ctx, req.me.id, tag.id)) {
        ctx.state.tagFollows.insert({
          id: nextSequentialId(ctx.state.tagFollows),
          account_id: req.me.id,
          tag_id: tag.id,
        });
        ctx.changed();
      }
      return ok(renderTag(ctx, tag, req.me.id));
    },
    WRITE_FOLLOWS,
  );

  router.post(
    "/api/v1/tags/:name/unfollow",
    (req) => {
      const tag = pathTag(req);
      const follow = tag.id === "" ? undefined : followOf(ctx, req.me.id, tag.id);
      if (follow) {
        ctx.state.tagFollows.delete(follow.id);
        ctx.changed();
      }
      return ok(renderTag(ctx, tag, req.me.id));
    },
    WRITE_FOLLOWS,
  );

  router.get(
    "/api/v1/followed_tags",
    (req) => {
      const limit = limitParam(req, FOLLOWED_LIMIT);
      const follows = ctx.state.tagFollows.lookup("account", req.me.id);
      const page = paginate(req, arraySource(follows), () => true, { defaultLimit: FOLLOWED_LIMIT });
      const newest = page.items[0];
      const oldest = page.items[page.items.length - 1];
      const cursors = newest && oldest ? { newest: newest.id, oldest: oldest.id } : undefined;
      return ok(
        page.items.flatMap((f) => {
          const tag = ctx.state.tags.get(f.tag_id);
          return tag ? [renderTag(ctx, tag, req.me.id)] : [];
        }),
        continuingLink(req, cursors, page.items.length === limit, ["limit"], "since_id"),
      );
    },
    { scopes: ["follow", "read", "read:follows"] },
  );
}
