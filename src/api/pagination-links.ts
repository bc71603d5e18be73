/**
 * Reading `Link` headers into JSON-safe cursors, and remembering them beside the arrays (and
 * objects) they came with. The arrays stay plain arrays; the cursors live in a WeakMap, so they
 * vanish with the page.
 */

/** A page cursor, in Mastodon.py's shape, so persisted cursors work in either library. */
export interface PaginationInfo {
  _pagination_method: "GET";
  /** The path (below the base URL) the next request goes to. */
  _pagination_endpoint: string;
  [param: string]: unknown;
}

export interface PageLinks {
  next?: PaginationInfo;
  previous?: PaginationInfo;
}

/** A Link header not read yet: most pages are never paged through, so parsing waits until asked. */
interface UnparsedLinks {
  header: string;
  baseUrl: string;
}

const LINKS = new WeakMap<object, PageLinks | UnparsedLinks>();

export function rememberLinks(page: object, links: PageLinks): void {
  if (links.next || links.previous) LINKS.set(page, links);
}

/** Keeps a page's raw Link header, to be parsed on first use. */
export function rememberLinkHeader(page: object, header: string | null, baseUrl: string): void {
  if (header) LINKS.set(page, { header, baseUrl });
}

export function linksOf(page: object): PageLinks | undefined {
  const entry = LINKS.get(page);
  if (!entry || !("header" in entry)) return entry;
  const links = parseLinkHeader(entry.header, entry.baseUrl);
  if (links.next || links.previous) {
    LINKS.set(page, links);
    return links;
  }
  LINKS.delete(page);
  return undefined;
}

/** Headers longer than this are not cursors anyone needs; refusing them bounds the work. */
const MAX_LINK_HEADER = 16 * 1024;

/**
 * Parses `<url>; rel="next", <url>; rel="prev"`. Splits on commas first and matches each part with
 * plain string search, so a hostile header cannot make the parser backtrack for long.
 */
export function parseLinkHeader(header: string | null, baseUrl: string): PageLinks {
  const links: PageLinks = {};
  if (!header || header.length > MAX_LINK_HEADER) return links;
  const base = new URL(baseUrl);
  for (const part of header.split(",")) {
    const open = part.indexOf("<");
    const close = part.indexOf(">", open + 1);
    if (open === -1 || close === -1 || close === open + 1) continue;
    const rel = /rel\s*=\s*"?([^";]+)"?/i
      .exec(part.slice(close + 1))?.[1]
      ?.trim()
      .toLowerCase();
    if (rel !== "next" && rel !== "prev" && rel !== "previous") continue;
    let url: URL;
    try {
      url = new URL(part.slice(open + 1, close).trim(), base);
    } catch {
      continue;
    }
    // Cursors only ever lead back to the same server (the token goes with them).
    if (url.origin !== base.origin) continue;
    const basePath = base.pathname.replace(/\/$/, "");
    const path =
      basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const info: PaginationInfo = { _pagination_method: "GET", _pagination_endpoint: path };
    for (const [key, value] of url.searchParams) {
      const name = key.endsWith("[]") ? key.slice(0, -2) : key;
      if (key.endsWith("[]")) {
        const list = Array.isArray(info[name]) ? (info[name] as unknown[]) : [];
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

/** Cursor parameters given as Dates become snowflake ids. */
export function convertDateCursors(params: Record<string, unknown>): void {
  for (const key of ["max_id", "min_id", "since_id"]) {
    const value = params[key];
    if (value instanceof Date) params[key] = dateToSnowflake(value);
  }
}
