/**
 * fetchNext / fetchPrevious / fetchRemaining / paginationIterator, whose code (./pagination-walk.ts)
 * loads on first use: they are all async, and most apps never page. Once loaded, each call goes
 * straight to the walk's own function, with no extra await.
 */
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import type { Internal } from "./internal.js";
import type { Direction } from "./pagination.js";

type Walk = typeof import("./pagination-walk.js");

const walkCode = loadOnFirstUse("the pagination methods", () => import("./pagination-walk.js"));
let loaded: Walk | undefined;

function loadWalk(): Promise<Walk> {
  return walkCode().then((walk) => {
    loaded = walk;
    return walk;
  });
}

/** Fetches the page a cursor points to; null when there is no such page. */
export function fetchPage(internal: Internal, page: unknown, direction: Direction): Promise<unknown> {
  if (loaded) return loaded.fetchPage(internal, page, direction);
  return loadWalk().then((walk) => walk.fetchPage(internal, page, direction));
}

/** All items from `first` onwards (see pagination-walk.ts). */
export function fetchRemaining(internal: Internal, first: unknown): Promise<unknown[]> {
  if (loaded) return loaded.fetchRemaining(internal, first);
  return loadWalk().then((walk) => walk.fetchRemaining(internal, first));
}

/**
 * The iterator over `first` and the pages after (or before) it (see PageWalker). paginationIterator
 * returns it at once, so before the walk's code is loaded it is a stand-in that loads it on its
 * first next().
 */
export function iterate(
  internal: Internal,
  first: unknown,
  direction: Direction,
  withInfo = false,
): AsyncGenerator<unknown> {
  if (loaded) return new loaded.PageWalker(internal, first, direction, withInfo);
  return new IteratorAfterLoad(() =>
    loadWalk().then((walk) => new walk.PageWalker(internal, first, direction, withInfo)),
  );
}

/** A walk that is over: the stand-in hands calls to it after return(), throw() or a failed load. */
const FINISHED: AsyncGenerator<unknown> = (async function* () {})();

/**
 * Hands every call to the real iterator once it exists. As with a generator, a failure (here: the
 * code could not load) rejects the next() that met it and ends the walk; the next
 * paginationIterator() tries the load again.
 */
class IteratorAfterLoad implements AsyncGenerator<unknown> {
  #inner: AsyncGenerator<unknown> | undefined;
  #loading: Promise<void> | undefined;

  constructor(private readonly start: () => Promise<AsyncGenerator<unknown>>) {}

  next(): Promise<IteratorResult<unknown>> {
    if (this.#inner) return this.#inner.next();
    const first = this.#loading === undefined;
    this.#loading ??= this.start().then(
      (inner) => {
        this.#inner ??= inner;
      },
      (error: unknown) => {
        this.#inner ??= FINISHED;
        throw error;
      },
    );
    // Overlapping next() calls take their turn after the first; only the first meets a failure.
    return this.#loading.then(
      () => this.next(),
      (error: unknown) => (first ? Promise.reject(error) : this.next()),
    );
  }

  return(value?: unknown): Promise<IteratorResult<unknown>> {
    this.#inner ??= FINISHED;
    return this.#inner.return(value);
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    this.#inner ??= FINISHED;
    return this.#inner.throw(error);
  }

  [Symbol.asyncIterator](): AsyncGenerator<unknown> {
    return this;
  }
}
