/**
 * Backfill: after a reconnect, the statuses and notifications that arrived while the stream was
 * down are fetched over REST (from the newest id delivered before the disconnect) and delivered,
 * oldest first, before live events resume. A record of recently delivered ids keeps anything from
 * arriving twice (the REST pages and the live stream overlap by design, so that nothing falls
 * between them).
 *
 * Ids are opaque strings: Mastodon's are decimal snowflakes, Pleroma's and Akkoma's fixed-length
 * base62 flake ids. Both order correctly by length, then character by character; no id is ever
 * parsed as a number.
 */
import type { Internal } from "../api/internal.js";
import type { BackfillGap, NotificationEvent, StreamEvent, UpdateEvent } from "./events.js";
import type { CheckedSubscription } from "./stream-names.js";
import { streamKey } from "./stream-names.js";
import { streamParts } from "./transport.js";

/** Items per REST page (the timelines' maximum). */
const PAGE_SIZE = 40;
/** Ids remembered per stream and kind for de-duplication. */
const RECENT_IDS = 2000;

type Kind = "update" | "notification";

/** Orders opaque ids: longer is newer, equal lengths compare character by character. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

class RecentIds {
  readonly #set = new Set<string>();
  /**
   * The recorded ids in arrival order, as a ring: the slot at #next holds the oldest once it is full.
   * A ring, not push and shift: shift moves the whole array on every event once it is full.
   */
  readonly #order: string[] = [];
  #next = 0;
  newest: string | undefined;

  /** Records `id`; false if it was already recorded. */
  add(id: string): boolean {
    if (this.#set.has(id)) return false;
    this.#set.add(id);
    const oldest = this.#order[this.#next];
    if (oldest !== undefined) this.#set.delete(oldest);
    this.#order[this.#next] = id;
    this.#next = this.#next + 1 === RECENT_IDS ? 0 : this.#next + 1;
    this.raise(id);
    return true;
  }

  /** Moves the newest id forward (never back). */
  raise(id: string): void {
    if (this.newest === undefined || compareIds(id, this.newest) > 0) this.newest = id;
  }
}

/** What was delivered, per stream: the newest status and notification ids, and recent ids. */
export class BackfillTracker {
  /** By stream key (as CheckedSubscription.key), then kind. */
  readonly #seen = new Map<string, Record<Kind, RecentIds>>();

  #ids(key: string): Record<Kind, RecentIds> {
    let ids = this.#seen.get(key);
    if (ids === undefined) {
      ids = { update: new RecentIds(), notification: new RecentIds() };
      this.#seen.set(key, ids);
    }
    return ids;
  }

  /** Records a delivery; true when this status or notification was already delivered on its stream. */
  isDuplicate(event: StreamEvent): boolean {
    if (event.event !== "update" && event.event !== "notification") return false;
    const id = (event.payload as { id?: unknown }).id;
    if (typeof id !== "string") return false;
    return !this.#ids(streamKey(event.stream))[event.event].add(id);
  }

  /** The newest id delivered (or seeded) on a subscription's stream, per kind. */
  newest(subscription: CheckedSubscription, kind: Kind): string | undefined {
    return this.#seen.get(subscription.key)?.[kind].newest;
  }

  /**
   * Sets where backfill reads on from to a saved checkpoint, even when this process delivered past
   * it (another process consumed the stream meanwhile and saved its own progress).
   */
  rewind(subscription: CheckedSubscription, kind: Kind, id: string): void {
    this.#ids(subscription.key)[kind].newest = id;
  }

  /** A starting point for a stream that has delivered nothing yet: the newest item when it opened. */
  seed(subscription: CheckedSubscription, kind: Kind, id: string): void {
    this.#ids(subscription.key)[kind].raise(id);
  }
}

interface Source {
  kind: Kind;
  path: string;
  params: Record<string, unknown>;
}

/** Where a stream's missed items can be read over REST; direct conversations have no such list. */
export function backfillSources(subscription: CheckedSubscription): Source[] {
  const notifications: Source = { kind: "notification", path: "/api/v1/notifications", params: {} };
  const statuses = (path: string, params: Record<string, unknown> = {}): Source => ({
    kind: "update",
    path,
    params,
  });
  const media = subscription.stream.endsWith(":media") ? { only_media: true } : {};
  switch (subscription.stream) {
    case "user":
      return [statuses("/api/v1/timelines/home"), notifications];
    case "user:notification":
      return [notifications];
    case "public":
    case "public:media":
      return [statuses("/api/v1/timelines/public", media)];
    case "public:local":
    case "public:local:media":
      return [statuses("/api/v1/timelines/public", { local: true, ...media })];
    case "public:remote":
    case "public:remote:media":
      return [statuses("/api/v1/timelines/public", { remote: true, ...media })];
    case "hashtag":
    case "hashtag:local":
      return [
        statuses(
          `/api/v1/timelines/tag/${encodeURIComponent(subscription.tag ?? "")}`,
          subscription.stream === "hashtag:local" ? { local: true } : {},
        ),
      ];
    case "list":
      return [statuses(`/api/v1/timelines/list/${encodeURIComponent(subscription.list ?? "")}`)];
    case "direct":
      return [];
  }
}

/**
 * Gives every stream that has delivered nothing yet a starting point: the newest item of each source
 * now, so that an outage before its first event is backfilled too. Called once the first connection
 * is open; anything newer arrives live.
 */
export async function seedCursors(
  internal: Internal,
  subscription: CheckedSubscription,
  tracker: BackfillTracker,
): Promise<void> {
  for (const source of backfillSources(subscription)) {
    if (tracker.newest(subscription, source.kind) !== undefined) continue;
    const items = await internal.get(source.path, { ...source.params, limit: 1 });
    const newest = newestId(items);
    if (newest !== undefined) tracker.seed(subscription, source.kind, newest);
  }
}

/** How far backfill may go, and where what it finds goes. */
export interface BackfillRun {
  internal: Internal;
  tracker: BackfillTracker;
  /** Items per stream and kind at most (mentions excepted); undefined for no limit. */
  limit: number | undefined;
  /** Delivers one backfilled item (the tracker records it there). */
  deliver(event: StreamEvent): void;
}

/**
 * Reads, page by page from the cursor forward, what one source of a stream missed and delivers it
 * oldest first, until a page comes back empty: the live stream is reached. The cursor is the newest
 * id delivered before the disconnect (nothing has been delivered since: live events are held).
 * Returns the gap when `limit` stopped it; throws when a request fails (the tracker then holds the
 * progress, so a retry goes on from there).
 */
export async function backfillSource(
  run: BackfillRun,
  subscription: CheckedSubscription,
  source: Source,
  counted: { delivered: number },
): Promise<BackfillGap | undefined> {
  const stream = streamParts(subscription);
  // After a failed attempt, the tracker holds how far the last one got.
  let cursor = run.tracker.newest(subscription, source.kind);
  if (cursor === undefined) return undefined;
  const deliverPage = (page: { id: string }[]) => {
    for (const payload of page) {
      run.deliver({ event: source.kind, payload, stream, backfilled: true } as
        | UpdateEvent
        | NotificationEvent);
    }
  };
  for (;;) {
    if (run.limit !== undefined && counted.delivered >= run.limit) break;
    const room = run.limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, run.limit - counted.delivered);
    const { page, last } = await readPage(run.internal, source, cursor, room, {});
    deliverPage(page);
    counted.delivered += page.length;
    if (last) return undefined;
    // Each page holds only ids above the cursor, so this always moves forward.
    cursor = page[page.length - 1]?.id as string;
  }
  // The limit stopped it: say so, and still deliver every mention after that point.
  const after = cursor;
  if (source.kind !== "notification") {
    return { kind: source.kind, reason: "limit", after, delivered: counted.delivered };
  }
  let mentions = 0;
  for (;;) {
    const { page, last } = await readPage(run.internal, source, cursor, PAGE_SIZE, { types: ["mention"] });
    deliverPage(page);
    mentions += page.length;
    if (last) break;
    cursor = page[page.length - 1]?.id as string;
  }
  return {
    kind: source.kind,
    reason: "limit",
    after,
    delivered: counted.delivered,
    mentionsDelivered: mentions,
  };
}

/**
 * One page of items newer than `cursor`, oldest first, and whether it is the last: a page shorter
 * than asked for reaches the present (anything newer came on the live connection, which was open
 * before the first page was asked for), and a page with nothing newer than the cursor ends it too
 * (a server that ignores min_id would otherwise be asked forever).
 */
async function readPage(
  internal: Internal,
  source: Source,
  cursor: string,
  limit: number,
  extra: Record<string, unknown>,
): Promise<{ page: { id: string }[]; last: boolean }> {
  const items = await internal.get(source.path, { ...source.params, ...extra, min_id: cursor, limit });
  if (!Array.isArray(items)) return { page: [], last: true };
  const page = (items as { id?: unknown }[])
    .filter((item): item is { id: string } => typeof item?.id === "string" && compareIds(item.id, cursor) > 0)
    .sort((a, b) => compareIds(a.id, b.id));
  return { page, last: page.length === 0 || items.length < limit };
}

function newestId(items: unknown): string | undefined {
  if (!Array.isArray(items)) return undefined;
  let newest: string | undefined;
  for (const item of items as { id?: unknown }[]) {
    const id = item?.id;
    if (typeof id === "string" && (newest === undefined || compareIds(id, newest) > 0)) newest = id;
  }
  return newest;
}
