/**
 * Reading `Link` headers into JSON-safe cursors, and remembering them beside the arrays (and
 * objects) they came with. The arrays stay plain arrays; the cursors live in a WeakMap, so they
 * vanish with the page.
 */
import { unpackId } from "./endpoint.js";

/** A page cursor, in Mastodon.py's shape, so persisted cursors work in either library. */
export interface PaginationInfo {
  /** The HTTP method of the next request: always "GET". */
  _pagination_method: "GET";
  /** The path (below the base URL) the next request goes to. */
  _pagination_endpoint: string;
  [param: string]: unknown;
}

export interface PageLinks {
  next?: PaginationInfo | undefined;
  previous?: PaginationInfo | undefined;
}

/** A Link header not read yet: most pages are never paged through, so parsing waits until asked. */
interface UnparsedLinks {
  header: string | null;
  baseUrl: string;
  /** The parameters of the request that answered with this page (cursors keep them). */
  params: Record<string, unknown> | undefined;
  /** Whether the page came from a paginated method even if it has no cursors (the last page). */
  paginated: boolean;
}

/** How a page was asked for, so its cursors can repeat what the Link header leaves out. */
export interface PageRequest {
  params?: Record<string, unknown> | undefined;
  /** Remember the page as paginated even without a Link header, so fetchNext answers null. */
  paginated?: boolean | undefined;
}

const LINKS = new WeakMap<object, PageLinks | UnparsedLinks>();

export function rememberLinks(page: object, links: PageLinks): void {
  if (links.next || links.previous) LINKS.set(page, links);
}

/**
 * Keeps a page's raw Link header, to be parsed on first use. With the request's parameters, the
 * cursors keep the ones the server leaves out of its Link header (Mastodon drops `expand_accounts`
 * and `grouped_types` from grouped notifications, and `any[]`/`all[]`/`none[]` from hashtag
 * timelines), as Mastodon.py does; without them, the cursors are the Link header's alone.
 */
export function rememberLinkHeader(
  page: object,
  header: string | null,
  baseUrl: string,
  request: PageRequest = {},
): void {
  const paginated = request.paginated === true;
  if (!header && !paginated) return;
  const params = request.params ? { ...request.params } : undefined;
  LINKS.set(page, { header: header || null, baseUrl, params, paginated });
}

export function linksOf(page: object): PageLinks | undefined {
  const entry = LINKS.get(page);
  if (!entry || !("baseUrl" in entry)) return entry;
  const links = parseLinkHeader(entry.header, entry.baseUrl, entry.params);
  if (links.next || links.previous || entry.paginated) {
    LINKS.set(page, links);
    return links;
  }
  LINKS.delete(page);
  return undefined;
}

/** Cursor parameters: a cursor from a Link header replaces all of them. */
const CURSOR_KEYS = new Set(["max_id", "min_id", "since_id", "offset"]);

/** Headers longer than this are not cursors anyone needs; refusing them bounds the work. */
const MAX_LINK_HEADER = 16 * 1024;

/** The server's address as the cursors need it, read once for all the pages of a walk. */
interface Base {
  href: string;
  url: URL;
  origin: string;
  /** Its path without a trailing slash ("" for a server at the root). */
  path: string;
}

let lastBase: Base | undefined;

function readBase(baseUrl: string): Base {
  if (lastBase?.href === baseUrl) return lastBase;
  const url = new URL(baseUrl);
  lastBase = { href: baseUrl, url, origin: url.origin, path: url.pathname.replace(/\/$/, "") };
  return lastBase;
}

/** A Link target's path and query parameters, as `new URL(target, base)` reads them. */
interface Target {
  pathname: string;
  params: Iterable<[string, string]>;
}

/**
 * A path and query that `new URL` takes as they are: no percent sign, space, quote, backslash or
 * fragment in the path, only plain characters and %XX escapes in the query. (Mastodon's cursors,
 * `/api/v1/timelines/home?limit=40&max_id=1234`, always are.)
 */
const PLAIN_TARGET =
  /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/]*(?:\?(?:[A-Za-z0-9\-._~!$&()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;
/** A "." or ".." segment, which `new URL` would resolve away. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/**
 * Reads a plain target without `new URL` (parsing one cost more than the rest of a page's cursor);
 * undefined when it is not plain, or not on the server, or its query does not decode: then the
 * URL parser decides.
 */
function readPlainTarget(target: string, base: Base): Target | undefined {
  let rest: string;
  if (target.startsWith(base.origin) && target.charCodeAt(base.origin.length) === 0x2f) {
    rest = target.slice(base.origin.length);
  } else if (target.charCodeAt(0) === 0x2f && target.charCodeAt(1) !== 0x2f) {
    rest = target;
  } else return undefined;
  if (!PLAIN_TARGET.test(rest)) return undefined;
  const question = rest.indexOf("?");
  const pathname = question === -1 ? rest : rest.slice(0, question);
  if (DOT_SEGMENT.test(pathname)) return undefined;
  const params: Array<[string, string]> = [];
  if (question !== -1) {
    for (const pair of rest.slice(question + 1).split("&")) {
      if (pair === "") continue;
      const equals = pair.indexOf("=");
      const name = decodeFormPart(equals === -1 ? pair : pair.slice(0, equals));
      const value = decodeFormPart(equals === -1 ? "" : pair.slice(equals + 1));
      if (name === undefined || value === undefined) return undefined;
      params.push([name, value]);
    }
  }
  return { pathname, params };
}

/** One name or value of a query, as URLSearchParams decodes it; undefined for an escape that is not UTF-8. */
function decodeFormPart(text: string): string | undefined {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/** The target on the server, or undefined when it is not a URL or leads elsewhere. */
function readTarget(target: string, base: Base): Target | undefined {
  const plain = readPlainTarget(target, base);
  if (plain) return plain;
  let url: URL;
  try {
    url = new URL(target, base.url);
  } catch {
    return undefined;
  }
  // Cursors only ever lead back to the same server (the token goes with them).
  if (url.origin !== base.origin) return undefined;
  return { pathname: url.pathname, params: url.searchParams };
}

const REL = /rel\s*=\s*"?([^";]+)"?/i;

/**
 * Parses `<url>; rel="next", <url>; rel="prev"`. Splits on commas first and matches each part with
 * plain string search, so a hostile header cannot make the parser backtrack for long.
 */
export function parseLinkHeader(
  header: string | null,
  baseUrl: string,
  requestParams?: Record<string, unknown>,
): PageLinks {
  const links: PageLinks = {};
  if (!header || header.length > MAX_LINK_HEADER) return links;
  const base = readBase(baseUrl);
  for (const part of header.split(",")) {
    const open = part.indexOf("<");
    const close = part.indexOf(">", open + 1);
    if (open === -1 || close === -1 || close === open + 1) continue;
    const rel = REL.exec(part.slice(close + 1))?.[1]
      ?.trim()
      .toLowerCase();
    if (rel !== "next" && rel !== "prev" && rel !== "previous") continue;
    const target = readTarget(part.slice(open + 1, close).trim(), base);
    if (!target) continue;
    const { pathname } = target;
    const path = base.path && pathname.startsWith(base.path) ? pathname.slice(base.path.length) : pathname;
    const info: PaginationInfo = { _pagination_method: "GET", _pagination_endpoint: path };
    if (requestParams) {
      for (const [key, value] of Object.entries(requestParams)) {
        if (!CURSOR_KEYS.has(key) && value !== undefined && value !== null) info[key] = value;
      }
    }
    let fromLink: Set<string> | undefined;
    for (const [key, value] of target.params) {
      const name = key.endsWith("[]") ? key.slice(0, -2) : key;
      if (name === "_pagination_method" || name === "_pagination_endpoint") continue;
      if (key.endsWith("[]")) {
        // The Link header's list replaces the request's, item by item.
        fromLink ??= new Set();
        const list = fromLink.has(name) && Array.isArray(info[name]) ? (info[name] as unknown[]) : [];
        fromLink.add(name);
        list.push(value);
        info[name] = list;
      } else {
        info[name] = value;
      }
    }
    if (rel === "next") links.next = info;
    else links.previous = info;
  }
  return links;
}

/**
 * Mastodon ids are snowflakes: milliseconds since the epoch shifted left 16 bits. Like Mastodon.py,
 * the time is first cut to whole seconds, so both libraries send the same id for the same Date.
 */
export function dateToSnowflake(date: Date): string {
  return ((BigInt(Math.floor(date.getTime() / 1000)) * 1000n) << 16n).toString();
}

/**
 * Cursor parameters given as Dates become snowflake ids, and entities (a status, an account...) their
 * `id`, as Mastodon.py unpacks them for every method; otherwise an entity would go out as
 * `max_id[id]=...&max_id[account][id]=...`, which servers ignore, so the page would silently restart.
 */
export function convertCursors(params: Record<string, unknown>): void {
  for (const key of ["max_id", "min_id", "since_id"]) {
    const value = params[key];
    if (value instanceof Date) params[key] = dateToSnowflake(value);
    else if (value !== null && typeof value === "object") params[key] = unpackId(value, key);
  }
}
