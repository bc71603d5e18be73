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
  maxLimit?: number;
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
  const maxLimit = options.maxLimit ?? 40;
  const requested = req.integer("limit");
  const limit = Math.min(Math.max(requested ?? options.defaultLimit ?? 20, 1), maxLimit);
  const maxId = cursor(req, "max_id");
  const sinceId = cursor(req, "since_id");
  const minId = cursor(req, "min_id");
  const items: T[] = [];
  if (minId !== undefined) {
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
  return { items, link: linkHeader(req, items) };
}

/** A page as a reply: the rendered items with the page's `Link` header. */
export function pageReply<T>(page: Page<{ id: string }>, rendered: T[]): Reply {
  return page.link
    ? { status: 200, body: rendered, headers: { link: page.link } }
    : { status: 200, body: rendered };
}

/** An id parameter: a string of digits, letters, dashes or underscores; anything else is ignored. */
function cursor(req: SandboxRequest, name: string): string | undefined {
  const value = req.string(name);
  return value !== undefined && /^[0-9A-Za-z_-]{1,40}$/.test(value) ? value : undefined;
}

function linkHeader(req: SandboxRequest, items: readonly { id: string }[]): string | undefined {
  const newest = items[0];
  const oldest = items[items.length - 1];
  if (!newest || !oldest) return undefined;
  const base = `${req.ctx.url}${req.path}`;
  const keep = [...req.query.entries()].filter(([k]) => k !== "max_id" && k !== "min_id" && k !== "since_id");
  const url = (name: string, id: string) => {
    const search = new URLSearchParams([...keep, [name, id]]);
    return `<${base}?${search.toString().replaceAll("%5B%5D", "[]")}>`;
  };
  return `${url("max_id", oldest.id)}; rel="next", ${url("min_id", newest.id)}; rel="prev"`;
}
