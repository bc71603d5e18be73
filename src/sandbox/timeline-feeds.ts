/**
 * Which statuses each timeline holds, decided as Mastodon's fan-out and FeedManager filters decide
 * it, but computed when asked instead of kept in Redis feeds: home (own statuses, followed accounts'
 * statuses and boosts, replies only to people the viewer follows, public statuses with a followed
 * hashtag), lists (members, by replies
 * policy), public and hashtag timelines (public statuses, no boosts). Each feed is a `Source` to
 * walk plus a `keep` test, so `paginate` stops as soon as a page is full.
 */
import type { SandboxContext } from "./context.js";
import { compareIds } from "./ids.js";
import { arraySource, type Source } from "./paginate.js";
import type { FollowRecord, ListRecord, StatusRecord } from "./records.js";
import { followedTagNames } from "./tags.js";

/** The viewer's relations, read once per request so each status is judged in constant time. */
export interface Viewer {
  id: string;
  following: Map<string, FollowRecord>;
  /** Accounts the viewer blocks, or that block the viewer. */
  blocked: Set<string>;
  /** Accounts the viewer mutes (mutes not yet expired). */
  muted: Set<string>;
}

export function viewerOf(ctx: SandboxContext, id: string): Viewer {
  const { state } = ctx;
  const following = new Map(state.follows.lookup("account", id).map((f) => [f.target_account_id, f]));
  const blocked = new Set<string>();
  for (const b of state.blocks.lookup("account", id)) blocked.add(b.target_account_id);
  for (const b of state.blocks.lookup("target", id)) blocked.add(b.account_id);
  const now = ctx.now();
  const muted = new Set<string>();
  for (const m of state.mutes.lookup("account", id)) {
    if (m.expires_at === null || Date.parse(m.expires_at) > now) muted.add(m.target_account_id);
  }
  return { id, following, blocked, muted };
}

function hidden(viewer: Viewer, accountId: string | null | undefined): boolean {
  return (
    accountId !== null &&
    accountId !== undefined &&
    (viewer.blocked.has(accountId) || viewer.muted.has(accountId))
  );
}

/**
 * FeedManager's home filter for a status by someone else: blocked or muted people involved (author,
 * mentioned, replied to, boosted), a reply to someone the viewer does not follow, a boost from a
 * follow with boosts off or of the viewer's own status.
 */
function passesHomeFilter(ctx: SandboxContext, viewer: Viewer, status: StatusRecord): boolean {
  if (hidden(viewer, status.account_id)) return false;
  if (status.mention_ids.some((id) => id !== viewer.id && hidden(viewer, id))) return false;
  const replyTo = status.in_reply_to_account_id;
  if (status.in_reply_to_id !== null && replyTo !== null) {
    if (hidden(viewer, replyTo)) return false;
    if (replyTo !== viewer.id && replyTo !== status.account_id && !viewer.following.has(replyTo))
      return false;
  }
  if (status.reblog_of_id !== null) {
    const original = ctx.state.statuses.get(status.reblog_of_id);
    if (!original || original.account_id === viewer.id || hidden(viewer, original.account_id)) return false;
    if (original.visibility === "private" || original.visibility === "direct") return false;
    if (viewer.following.get(status.account_id)?.show_reblogs === false) return false;
  }
  return true;
}

/** Whether fan-out delivers the status of a followed account at all (visibility and languages). */
function deliveredToFollower(viewer: Viewer, status: StatusRecord, follow: FollowRecord): boolean {
  // A direct status reaches only the mentioned followers; the others reach every follower.
  if (status.visibility === "direct" && !status.mention_ids.includes(viewer.id)) return false;
  const language = status.reblog_of_id === null ? status.language : null;
  return !(follow.languages?.length && language && !follow.languages.includes(language));
}

/** Accounts whose statuses an exclusive list of the viewer keeps out of home. */
function exclusiveMembers(ctx: SandboxContext, viewerId: string): Set<string> {
  const out = new Set<string>();
  for (const list of ctx.state.lists.lookup("account", viewerId)) {
    if (list.exclusive) for (const id of list.account_ids) out.add(id);
  }
  return out;
}

export interface Feed {
  source: Source<StatusRecord>;
  keep: (status: StatusRecord) => boolean;
}

export function homeFeed(ctx: SandboxContext, viewer: Viewer): Feed {
  const excluded = exclusiveMembers(ctx, viewer.id);
  const authors = [viewer.id, ...[...viewer.following.keys()].filter((id) => !excluded.has(id))];
  const fromAuthors = (status: StatusRecord) => {
    if (status.account_id === viewer.id) return true;
    const follow = viewer.following.get(status.account_id);
    if (!follow || excluded.has(status.account_id)) return false;
    return deliveredToFollower(viewer, status, follow) && passesHomeFilter(ctx, viewer, status);
  };
  const tags = followedTagNames(ctx, viewer.id);
  // Most viewers follow no hashtag: their feed stays the authors' merged statuses.
  if (tags.length === 0) return { source: authorsSource(ctx, authors), keep: fromAuthors };
  const authorSet = new Set(authors);
  // Mastodon's fan-out also delivers public statuses (not boosts) carrying a followed hashtag.
  const fromTags = (status: StatusRecord) =>
    status.visibility === "public" &&
    status.reblog_of_id === null &&
    status.tags.some((t) => tags.includes(t)) &&
    !hidden(viewer, status.account_id) &&
    !status.mention_ids.some((id) => id !== viewer.id && hidden(viewer, id));
  const table = ctx.state.statuses;
  const wanted = (status: StatusRecord) => authorSet.has(status.account_id) || status.tags.length > 0;
  return {
    source: {
      *newestFirst(belowId) {
        for (const s of table.newestFirst(belowId)) if (wanted(s)) yield s;
      },
      *oldestFirst(aboveId) {
        for (const s of table.oldestFirst(aboveId)) if (wanted(s)) yield s;
      },
    },
    keep: (status) => fromAuthors(status) || fromTags(status),
  };
}

/** Members that count: followed ones (and the owner); a pending request only reserves the place. */
export function activeMembers(viewer: Viewer, list: ListRecord): string[] {
  return list.account_ids.filter((id) => id === viewer.id || viewer.following.has(id));
}

export function listFeed(ctx: SandboxContext, viewer: Viewer, list: ListRecord): Feed {
  const members = activeMembers(viewer, list);
  const memberSet = new Set(members);
  return {
    source: authorsSource(ctx, members),
    keep: (status) => {
      if (!memberSet.has(status.account_id)) return false;
      if (status.visibility === "direct") return false;
      const replyTo = status.in_reply_to_account_id;
      if (status.in_reply_to_id !== null && replyTo !== null && replyTo !== status.account_id) {
        if (replyTo !== viewer.id) {
          if (list.replies_policy === "none") return false;
          if (list.replies_policy === "list" && !memberSet.has(replyTo)) return false;
          if (list.replies_policy === "followed" && !viewer.following.has(replyTo)) return false;
        }
      }
      if (status.account_id === viewer.id) return true;
      const follow = viewer.following.get(status.account_id);
      return (
        follow !== undefined &&
        deliveredToFollower(viewer, status, follow) &&
        passesHomeFilter(ctx, viewer, status)
      );
    },
  };
}

export interface PublicFilter {
  local: boolean;
  remote: boolean;
  onlyMedia: boolean;
}

/**
 * The public timeline: public statuses, no boosts, no replies to others (Mastodon's default
 * `show_replies_in_public_timelines` is off), without the viewer's blocked and muted accounts.
 * Every sandbox account is local, so `remote` gives nothing.
 */
export function publicFeed(ctx: SandboxContext, viewer: Viewer | undefined, filter: PublicFilter): Feed {
  return {
    source: ctx.state.statuses,
    keep: (status) => {
      if (filter.remote && !filter.local) return false;
      if (status.visibility !== "public" || status.reblog_of_id !== null) return false;
      if (status.in_reply_to_id !== null && status.in_reply_to_account_id !== status.account_id) return false;
      if (filter.onlyMedia && status.media_ids.length === 0) return false;
      return viewer === undefined || !hidden(viewer, status.account_id);
    },
  };
}

export interface TagFilter extends PublicFilter {
  /** At least one of `any` (the path's tag and `any[]`), all of `all`, none of `none`; lower case. */
  any: string[];
  all: string[];
  none: string[];
}

/** A hashtag timeline: public statuses carrying the tags asked for (replies included, boosts not). */
export function tagFeed(ctx: SandboxContext, viewer: Viewer | undefined, filter: TagFilter): Feed {
  return {
    source: ctx.state.statuses,
    keep: (status) => {
      if (filter.remote && !filter.local) return false;
      if (status.visibility !== "public" || status.reblog_of_id !== null) return false;
      if (status.tags.length === 0) return false;
      if (!filter.any.some((t) => status.tags.includes(t))) return false;
      if (!filter.all.every((t) => status.tags.includes(t))) return false;
      if (filter.none.some((t) => status.tags.includes(t))) return false;
      if (filter.onlyMedia && status.media_ids.length === 0) return false;
      return viewer === undefined || !hidden(viewer, status.account_id);
    },
  };
}

/**
 * The statuses of a few authors, newest first. When they wrote few statuses, and a small share of
 * all, their own index entries are merged (sorting short lists); otherwise the whole table is walked
 * from the cursor, skipping other authors, which stops as soon as the page is full.
 */
const MERGE_AT_MOST = 500;

export function authorsSource(ctx: SandboxContext, authors: readonly string[]): Source<StatusRecord> {
  const table = ctx.state.statuses;
  let total = 0;
  for (const id of authors) total += table.count("account", id);
  if (total > MERGE_AT_MOST || total * 4 > table.size) {
    const set = new Set(authors);
    return {
      *newestFirst(belowId) {
        for (const s of table.newestFirst(belowId)) if (set.has(s.account_id)) yield s;
      },
      *oldestFirst(aboveId) {
        for (const s of table.oldestFirst(aboveId)) if (set.has(s.account_id)) yield s;
      },
    };
  }
  const rows = authors.flatMap((id) => table.lookup("account", id));
  rows.sort((a, b) => compareIds(a.id, b.id));
  return arraySource(rows);
}
