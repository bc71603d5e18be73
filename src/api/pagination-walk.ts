/**
 * Following pages: Mastodon.py's fetch_next / fetch_previous / fetch_remaining, and an async
 * iterator over the items of all pages. All of it is async, so it loads on first use
 * (./pagination-loader.ts); getPaginationInfo, which answers at once, stays in ./pagination.ts.
 */
import { MastodonAPIError, MastodonIllegalArgumentError } from "../core/errors.js";
import type { Internal } from "./internal.js";
import { checkDirection, cursorOf, type Direction, paginationInfo, requestRemembered } from "./pagination.js";
import { looksLikeCursor } from "./pagination-cursor.js";
import { linksOf, type PaginationInfo } from "./pagination-links.js";

/** Fetches the page a cursor points to; null when there is no such page. */
export async function fetchPage(internal: Internal, page: unknown, direction: Direction): Promise<unknown> {
  // No copy of the page's cursor: its parameters are copied below, and nothing changes their lists.
  const info = cursorOf(page, direction);
  if (!info) {
    if (
      typeof page === "object" &&
      page !== null &&
      !Array.isArray(page) &&
      !looksLikeCursor(page) &&
      !linksOf(page)
    ) {
      throw new MastodonIllegalArgumentError(
        "This object is not paginatable: it did not come from a paginated method.",
      );
    }
    return null;
  }
  const { _pagination_method: _method, _pagination_endpoint: path, ...params } = info;
  // Whatever follows a page is a page too, with or without cursors of its own (an object page,
  // such as grouped notifications, past the end answers fetchNext with null rather than an error).
  return requestRemembered(internal, {
    method: "GET",
    path,
    params,
    paginated: true,
    expected: `the ${direction} page of results`,
  });
}

/**
 * The requests a walk has made for its pages. When the Link header of a page points back at one of
 * them (at the page itself, or round a cycle A -> B -> A), following it would fetch those pages
 * again and again (fetchRemaining until memory ran out, with a request each time). The walk ends
 * there instead, as it ends at an empty page: there is nothing further. A short string per page.
 */
class RequestsMade {
  readonly #made = new Set<string>();

  /** Records the request for the page after `page`; false when the walk made it before. */
  record(page: unknown, direction: Direction): boolean {
    const request = JSON.stringify(cursorOf(page, direction) ?? null);
    if (this.#made.has(request)) return false;
    this.#made.add(request);
    return true;
  }
}

/** Grouped notifications: one page is an object whose items are its notification_groups. */
interface GroupedPage {
  accounts?: unknown[] | undefined;
  partial_accounts?: unknown[] | undefined;
  statuses?: unknown[] | undefined;
  notification_groups: unknown[];
}

function isGroupedPage(page: unknown): page is GroupedPage {
  return (
    typeof page === "object" &&
    page !== null &&
    !Array.isArray(page) &&
    Array.isArray((page as { notification_groups?: unknown }).notification_groups)
  );
}

/**
 * Object pages keep their items in one list: grouped notifications under `notification_groups`,
 * collections (Mastodon 4.6) under `collections`.
 */
const WRAPPED_ITEM_KEYS = ["notification_groups", "collections"] as const;

/** The list inside an object page, or undefined when `page` is not one. */
function wrappedItems(page: unknown): unknown[] | undefined {
  if (typeof page !== "object" || page === null || Array.isArray(page)) return undefined;
  for (const key of WRAPPED_ITEM_KEYS) {
    const items = (page as Record<string, unknown>)[key];
    if (Array.isArray(items)) return items;
  }
  return undefined;
}

/**
 * The items of a paginated result, whether it is an array or an object with a list inside. A page
 * that is a bare string, number or boolean is no page at all: a server answering a following page
 * with one would otherwise end the walk as if the list were complete.
 */
function itemsOf(page: unknown): unknown[] {
  if (Array.isArray(page)) return page;
  if (page !== null && typeof page !== "object") {
    throw new MastodonAPIError(
      `The server answered a following page with a JSON ${typeof page} where a list was expected, ` +
        "so the remaining pages cannot be walked. The server (or a proxy in front of it) may be misbehaving; try again later.",
    );
  }
  return wrappedItems(page) ?? [];
}

/**
 * All items from `first` onwards, fetching every following page. For grouped notifications the
 * answer is instead one grouped result (see mergeGroupedPages); the type says unknown[] because the
 * typed overloads live on the class.
 */
export async function fetchRemaining(internal: Internal, first: unknown): Promise<unknown[]> {
  const start = looksLikeCursor(first) ? await fetchPage(internal, first, "next") : first;
  if (isGroupedPage(start)) return (await mergeGroupedPages(internal, start)) as unknown as unknown[];
  const all: unknown[] = [];
  for await (const item of new PageWalker(internal, start, "next", false)) all.push(item);
  return all;
}

const GROUPED_ENTITY_LISTS = ["accounts", "partial_accounts", "statuses"] as const;

/**
 * Grouped notifications, every page from `first` on, as one grouped result: the groups of all pages
 * in order, and the accounts and statuses they refer to, each once. (Mastodon.py's fetch_remaining
 * does not handle grouped notifications.)
 */
async function mergeGroupedPages(internal: Internal, first: GroupedPage): Promise<GroupedPage> {
  const merged: GroupedPage = { accounts: [], statuses: [], notification_groups: [] };
  const seen = new Map<string, Set<unknown>>();
  let page: unknown = first;
  const made = new RequestsMade();
  while (isGroupedPage(page) && page.notification_groups.length > 0) {
    merged.notification_groups.push(...page.notification_groups);
    for (const key of GROUPED_ENTITY_LISTS) {
      const list = page[key];
      if (!Array.isArray(list)) continue;
      const target = merged[key] ?? [];
      merged[key] = target;
      const ids = seen.get(key) ?? new Set<unknown>();
      seen.set(key, ids);
      for (const entity of list) {
        const id = (entity as { id?: unknown } | null)?.id;
        if (id !== undefined && ids.has(id)) continue;
        ids.add(id);
        target.push(entity);
      }
    }
    if (!made.record(page, "next")) break;
    page = await fetchPage(internal, page, "next");
  }
  return merged;
}

/**
 * The iterator behind paginationIterator: the items of `first` and of every page after it (or
 * before it), one page in memory at a time, fetching the next page only when the previous one has
 * been consumed. For grouped notifications the items are the notification groups; the accounts
 * and statuses they name are in each page (use fetchNext / fetchPrevious to walk whole pages).
 * With `withInfo` (Mastodon.py's return_pagination_info), each item comes as [item, cursor of the
 * page after its page].
 *
 * Hand-written rather than an async generator: an item
 * already in memory is handed out at once (one resolved promise), without a generator's extra
 * turns per item, which a loop over thousands of items would otherwise feel. Checks happen on
 * the first next(), as they would in a generator.
 */
export class PageWalker implements AsyncGenerator<unknown> {
  #items: readonly unknown[] = [];
  #index = 0;
  #page: unknown;
  #info: PaginationInfo | undefined;
  #started = false;
  #finished = false;
  readonly #made = new RequestsMade();
  /** The page being fetched, so that overlapping next() calls wait for it instead of fetching twice. */
  #pending: Promise<IteratorResult<unknown>> | undefined;

  constructor(
    private readonly internal: Internal,
    private readonly first: unknown,
    private readonly direction: Direction,
    private readonly withInfo: boolean,
  ) {}

  next(): Promise<IteratorResult<unknown>> {
    if (this.#pending) return this.#pending.then(() => this.next());
    if (this.#index < this.#items.length) return Promise.resolve({ value: this.#item(), done: false });
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    this.#pending = this.#advance().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  #item(): unknown {
    const item = this.#items[this.#index++];
    // The cursor belongs to the page: its items share the one copy made when the page arrived.
    return this.withInfo ? [item, this.#info] : item;
  }

  async #advance(): Promise<IteratorResult<unknown>> {
    try {
      if (!this.#started) {
        this.#started = true;
        checkDirection(this.direction);
        const fromCursor = looksLikeCursor(this.first);
        if (fromCursor) this.#made.record(this.first, this.direction);
        this.#page = fromCursor ? await fetchPage(this.internal, this.first, this.direction) : this.first;
        if (!fromCursor && !Array.isArray(this.#page) && wrappedItems(this.#page) === undefined) {
          throw new MastodonIllegalArgumentError(
            "paginationIterator() needs a page returned by a paginated method (a list, grouped notifications or collections) or a cursor from getPaginationInfo().",
          );
        }
      } else {
        if (!this.#made.record(this.#page, this.direction)) return this.#finish();
        this.#page = await fetchPage(this.internal, this.#page, this.direction);
      }
      const items = this.#page === null || this.#page === undefined ? [] : itemsOf(this.#page);
      if (items.length === 0) return this.#finish();
      // The walk holds this page only: the one before is dropped here.
      this.#items = items;
      this.#index = 0;
      if (this.withInfo) this.#info = paginationInfo(this.#page, this.direction);
      return { value: this.#item(), done: false };
    } catch (error) {
      this.#finish();
      throw error;
    }
  }

  #finish(): IteratorReturnResult<undefined> {
    this.#finished = true;
    this.#items = [];
    this.#page = undefined;
    return { value: undefined, done: true };
  }

  return(value?: unknown): Promise<IteratorResult<unknown>> {
    this.#finish();
    return Promise.resolve({ value, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    this.#finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncGenerator<unknown> {
    return this;
  }
}
