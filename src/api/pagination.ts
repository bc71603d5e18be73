/**
 * Following pages: Mastodon.py's fetch_next / fetch_previous / fetch_remaining /
 * get_pagination_info, and an async iterator over the items of all pages. Pages are plain arrays
 * (or objects, for grouped notifications) whose cursors were remembered when they arrived.
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { Internal } from "./internal.js";
import { linksOf, type PaginationInfo } from "./pagination-links.js";

export type Direction = "next" | "previous";

function isInfo(value: unknown): value is PaginationInfo {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PaginationInfo)._pagination_endpoint === "string" &&
    (value as PaginationInfo)._pagination_method === "GET"
  );
}

/** The cursor for the page after (or before) `page`; undefined when there is none. */
export function paginationInfo(page: unknown, direction: Direction): PaginationInfo | undefined {
  if (direction !== "next" && direction !== "previous") {
    throw new MastodonIllegalArgumentError(
      `The direction must be "next" or "previous"; got ${JSON.stringify(direction)}.`,
    );
  }
  if (isInfo(page)) return structuredClone(page);
  if (typeof page !== "object" || page === null) {
    throw new MastodonIllegalArgumentError(
      "Pass a page returned by a paginated method, or a cursor from getPaginationInfo(); got " +
        `${page === null ? "null" : typeof page}.`,
    );
  }
  const info = linksOf(page)?.[direction];
  return info ? structuredClone(info) : undefined;
}

/** Fetches the page a cursor points to; null when there is no such page. */
export async function fetchPage(internal: Internal, page: unknown, direction: Direction): Promise<unknown> {
  const info = paginationInfo(page, direction);
  if (!info) {
    if (
      typeof page === "object" &&
      page !== null &&
      !Array.isArray(page) &&
      !isInfo(page) &&
      !linksOf(page)
    ) {
      throw new MastodonIllegalArgumentError(
        "This object is not paginatable: it did not come from a paginated method.",
      );
    }
    return null;
  }
  const { _pagination_method: _method, _pagination_endpoint: path, ...params } = info;
  return internal.get(path, params);
}

/** The items of a paginated result, whether it is an array or a grouped result with a list inside. */
function itemsOf(page: unknown): unknown[] {
  if (Array.isArray(page)) return page;
  if (page && typeof page === "object") {
    // Grouped notifications carry their items in notification_groups.
    const groups = (page as { notification_groups?: unknown }).notification_groups;
    if (Array.isArray(groups)) return groups;
  }
  return [];
}

/** All items from `first` onwards, fetching every following page. */
export async function fetchRemaining(internal: Internal, first: unknown): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const item of iterate(internal, first, "next")) all.push(item);
  return all;
}

/**
 * Yields the items of `first` and of every page after it (or before it), one page in memory at a
 * time, fetching the next page only when the previous one has been consumed.
 */
export async function* iterate(
  internal: Internal,
  first: unknown,
  direction: Direction,
): AsyncGenerator<unknown> {
  let page: unknown = isInfo(first) ? await fetchPage(internal, first, direction) : first;
  while (page !== null && page !== undefined) {
    const items = itemsOf(page);
    if (items.length === 0) return;
    yield* items;
    page = await fetchPage(internal, page, direction);
  }
}
