/**
 * A timeline page, once rendered, is kept as its JSON text until anything in the sandbox changes
 * (`ctx.generation` moves) or the sandbox clock reaches a moment that changes how it renders (media
 * finishing processing, a poll closing, a mute running out). A bot polling its home timeline then
 * costs one map look-up instead of forty status renderings: Mastodon caches rendered statuses too.
 */
import type { SandboxContext } from "./context.js";
import type { StatusRecord } from "./records.js";
import type { Reply } from "./reply.js";

interface Entry {
  generation: number;
  /** Sandbox-clock milliseconds from which the entry is stale. */
  until: number;
  reply: Reply;
}

const MAX_ENTRIES = 500;
const caches = new WeakMap<SandboxContext, Map<string, Entry>>();

function cacheOf(ctx: SandboxContext): Map<string, Entry> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

/** The next moment at which one of these statuses (or the viewer's mutes) renders or filters otherwise. */
export function staleAt(
  ctx: SandboxContext,
  statuses: readonly StatusRecord[],
  viewerId: string | undefined,
): number {
  const now = ctx.now();
  let until = Number.POSITIVE_INFINITY;
  const consider = (at: number) => {
    if (at > now && at < until) until = at;
  };
  const { state } = ctx;
  for (const shown of statuses) {
    const status = shown.reblog_of_id ? (state.statuses.get(shown.reblog_of_id) ?? shown) : shown;
    for (const id of status.media_ids) consider(state.media.get(id)?.ready_ms ?? 0);
    const poll = status.poll_id ? state.polls.get(status.poll_id) : undefined;
    if (poll?.expires_at) consider(Date.parse(poll.expires_at));
  }
  if (viewerId !== undefined) {
    for (const mute of state.mutes.lookup("account", viewerId)) {
      if (mute.expires_at) consider(Date.parse(mute.expires_at));
    }
  }
  return until;
}

/**
 * The cached reply for `key`, or `make()`'s, kept when it says how long it holds. The reply's body
 * is stored already serialised, so a hit skips rendering and JSON alike.
 */
export function cachedReply(
  ctx: SandboxContext,
  key: string,
  make: () => { reply: Reply; until: number },
): Reply {
  const cache = cacheOf(ctx);
  const hit = cache.get(key);
  if (hit && hit.generation === ctx.generation && ctx.now() < hit.until) return hit.reply;
  const generation = ctx.generation;
  const { reply, until } = make();
  const serialised: Reply = {
    status: reply.status,
    body: null,
    raw: JSON.stringify(reply.body),
    headers: { ...reply.headers, "content-type": "application/json; charset=utf-8" },
  };
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { generation, until, reply: serialised });
  return serialised;
}
