/**
 * Pages and their cursors: every paginated request goes through requestRemembered, which keeps the
 * answer's cursors beside it, and Mastodon.py's get_pagination_info reads them. Pages are plain
 * arrays (or objects, for grouped notifications). Following pages (fetch_next, fetch_remaining, the
 * iterator) is in ./pagination-walk.ts, which loads on first use.
 */
import type { BodyEncoding } from "../core/encode.js";
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { HttpMethod, ResultKind } from "../core/http.js";
import type { Internal } from "./internal.js";
import { checkCursor, looksLikeCursor } from "./pagination-cursor.js";
import { convertCursors, linksOf, type PaginationInfo, rememberLinkHeader } from "./pagination-links.js";
import { rememberAsyncRefresh } from "./timelines/async-refresh-header.js";

/**
 * Which way to page: "next" follows the Link header's rel="next" (older items, for timelines),
 * "previous" its rel="prev" (newer items).
 */
export type Direction = "next" | "previous";

/** One request whose answer keeps what its headers say: page cursors and async refresh hints. */
export interface RememberedRequest {
  method: HttpMethod;
  path: string;
  params: Record<string, unknown>;
  encoding?: BodyEncoding | undefined;
  /** The answer is a page even without a Link header (an object such as grouped notifications). */
  paginated?: boolean | undefined;
  /** What an empty answer means (see RequestOptions.result); default: an error. */
  result?: ResultKind | undefined;
  /** What the caller expects, for the message when the answer is empty. */
  expected?: string | undefined;
}

/**
 * Sends a request through the client and remembers, beside the answer, its page cursors (with the
 * request's own parameters, which Link headers partly leave out) and any Mastodon-Async-Refresh
 * hint (with the request, so that awaitAsyncRefresh can ask again).
 */
export async function requestRemembered(internal: Internal, request: RememberedRequest): Promise<unknown> {
  const { method, path, params, encoding, paginated, result, expected } = request;
  convertCursors(params);
  const { data, headers } = await internal.request({ method, path, params, encoding, result, expected });
  if (data !== null && typeof data === "object") {
    if (method === "GET") {
      rememberLinkHeader(data, headers.get("link"), internal.apiBaseUrl, { params, paginated });
    }
    rememberAsyncRefresh(data, headers.get("mastodon-async-refresh"), { method, path, params });
  }
  return data;
}

export function checkDirection(direction: unknown): asserts direction is Direction {
  if (direction !== "next" && direction !== "previous") {
    throw new MastodonIllegalArgumentError(
      `The direction must be "next" or "previous"; got ${JSON.stringify(direction)}.`,
    );
  }
}

/** The cursor for the page after (or before) `page`, a copy of its own; undefined when there is none. */
export function paginationInfo(page: unknown, direction: Direction): PaginationInfo | undefined {
  const info = cursorOf(page, direction);
  return info && !looksLikeCursor(page) ? structuredClone(info) : info;
}

/**
 * The cursor for the page after (or before) `page`: the page's own (not to be changed), or a
 * checked copy of a cursor given instead of a page.
 */
export function cursorOf(page: unknown, direction: Direction): PaginationInfo | undefined {
  checkDirection(direction);
  if (looksLikeCursor(page)) return checkCursor(page);
  if (typeof page !== "object" || page === null) {
    throw new MastodonIllegalArgumentError(
      "Pass a page returned by a paginated method, or a cursor from getPaginationInfo(); got " +
        `${page === null ? "null" : typeof page}.`,
    );
  }
  return linksOf(page)?.[direction];
}
