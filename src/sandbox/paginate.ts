/**
 * Mastodon's pagination: `max_id` (older than), `since_id` (newer than, newest first), `min_id` (the
 * page just above, oldest of them first, returned newest first) and `limit` (default 20, at most 40),
 * with a `Link` header whose `next` asks for older items and `prev` for newer ones. The cursor is the id
 * of the record paged over: a status id for timelines, the favourite's or the follow's own id for lists
 * of favourites and followers, as Mastodon does.
 */
import { compareIds } from "./ids.js";
import type { Reply } from "./reply.js";
import type { SandboxRequest } from "./request.js";

/** Records in id order, walkable from either end (a Table, or an array through `arraySource`). */
export interface Source<T extends { id: string }> {
  newestFirst(belowId?: string): Iterable<T>;
  oldestFirst(aboveId?: string): Iterable<T>;
}

/** A source over records already sorted oldest first. */
export function arraySource<T extends { id: string }>(rows: readonly T[]): Source<T> {
  return {
    *newestFirst(belowId) {
      for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i]!;
        if (belowId === undefined || compareIds(row.id, belowId) < 0) yield row;
      }
    },
    *oldestFirst(aboveId) {
      for (const row of rows) if (aboveId === undefined || compareIds(row.id, aboveId) > 0) yield row;
    },
  };
}

export interface PageOptions {
  defaultLimit?: number;
  /** Default: twice the default limit, as Mastodon's `limit_param`. */
  maxLimit?: number;
  /**
   * The query parameters the `Link` URLs keep besides the cursor (Mastodon's `pagination_params`
   * permits a few per endpoint and drops the rest); default: every parameter given.
   */
  linkParams?: readonly string[];
}

export interface Page<T> {
  items: T[];
  /** The `Link` header value, or undefined for an empty page. */
  link: string | undefined;
}

/** Reads `max_id`, `since_id`, `min_id` and `limit` from the request and walks `source` for one page. */
export function paginate<T extends { id: string }>(
  req: SandboxRequest,
  source: Source<T>,
  keep: (row: T) => boolean = () => true,
  options: PageOptions = {},
): Page<T> {
  const limit = limitParam(req, options.defaultLimit ?? 20, options.maxLimit);
  const maxId = cursor(req, "max_id");
  const sinceId = cursor(req, "since_id");
  const minId = cursor(req, "min_id");
  const items: T[] = [];
  if (limit === 0) {
    // `limit=0` (or `limit=abc`, which Ruby reads as 0) asks for nothing, and Mastodon gives nothing.
  } else if (minId !== undefined) {
    for (const row of source.oldestFirst(minId)) {
      if (maxId !== undefined && compareIds(row.id, maxId) >= 0) break;
      if (!keep(row)) continue;
      items.push(row);
      if (items.length >= limit) break;
    }
    items.reverse();
  } else {
    for (const row of source.newestFirst(maxId)) {
      if (sinceId !== undefined && compareIds(row.id, sinceId) <= 0) break;
      if (!keep(row)) continue;
      items.push(row);
      if (items.length >= limit) break;
    }
  }
  return { items, link: linkHeader(req, items, options.linkParams) };
}

/**
 * Mastodon's `limit_param`: absent gives the default; otherwise Ruby's `to_i.abs` (so `-5` is 5 and
 * `abc` is 0), capped at `maxLimit` (twice the default unless given).
 */
export function limitParam(req: SandboxRequest, defaultLimit: number, maxLimit = defaultLimit * 2): number {
  const given = req.param("limit");
  if (given === undefined || given === null) return defaultLimit;
  const raw = req.string("limit");
  if (raw === undefined) return 0;
  return Math.min(Math.abs(rubyToInteger(raw)), maxLimit);
}

/** Ruby's `String#to_i`: the leading integer (after blanks, with a sign and `_` between digits), else 0. */
export function rubyToInteger(text: string): number {
  const match = /^\s*([+-]?\d+(?:_\d+)*)/.exec(text);
  if (!match) return 0;
  const n = Number(match[1]!.replaceAll("_", ""));
  return Number.isFinite(n) ? n : 0;
}

/** A page as a reply: the rendered items with the page's `Link` header. */
export function pageReply<T>(page: Page<{ id: string }>, rendered: T[]): Reply {
  return page.link
    ? { status: 200, body: rendered, headers: { link: page.link } }
    : { status: 200, body: rendered };
}

/**
 * A cursor as the database reads it: Ruby's `to_i`, so `abc` is 0 (nothing is older, everything is
 * newer) and a negative number counts as 0. Written back as a canonical decimal id so it compares
 * with record ids (by length, then digits). Absent or empty: undefined.
 */
export function cursor(req: SandboxRequest, name: string): string | undefined {
  const value = req.string(name);
  return value === undefined || value === "" ? undefined : idFromText(value);
}

/** Text read as a bigint id column reads it (Ruby's `to_i`, negatives as 0), in canonical digits. */
export function idFromText(text: string): string {
  const match = /^\s*\+?(\d+(?:_\d+)*)/.exec(text);
  return match ? match[1]!.replaceAll("_", "").replace(/^0+(?=\d)/, "") : "0";
}

/** The URL of this page's route with the kept parameters and one cursor, in Rails' order (sorted keys). */
export function pageUrl(
  req: SandboxRequest,
  cursorName: string,
  id: string,
  linkParams?: readonly string[],
): string {
  const kept = [...req.query.entries()].filter(([key]) => {
    const name = key.endsWith("[]") ? key.slice(0, -2) : key;
    if (name === "max_id" || name === "min_id" || name === "since_id") return false;
    return linkParams === undefined || linkParams.includes(name);
  });
  kept.push([cursorName, id]);
  // Rails' `to_query` sorts by key and keeps the order of an array's items (a stable sort).
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = kept.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return `${req.ctx.url}${req.path}?${search}`;
}

function linkHeader(
  req: SandboxRequest,
  items: readonly { id: string }[],
  linkParams?: readonly string[],
): string | undefined {
  const newest = items[0];
  const oldest = items[items.length - 1];
  if (!newest || !oldest) return undefined;
  const next = pageUrl(req, "max_id", oldest.id, linkParams);
  const prev = pageUrl(req, "min_id", newest.id, linkParams);
  return `<${next}>; rel="next", <${prev}>; rel="prev"`;
}
