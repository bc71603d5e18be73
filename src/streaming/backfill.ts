/**
 * Backfill: after a reconnect, the statuses and notifications that arrived while the stream was
 * down are fetched over REST (since the last id seen on each stream) and delivered, oldest first,
 * before live events resume. A record of recently delivered ids keeps anything from arriving twice
 * (the REST pages and the live stream overlap by design, so that nothing falls between them).
 */
import type { Internal } from "../api/internal.js";
import type { NotificationEvent, StreamEvent, UpdateEvent } from "./events.js";
import type { CheckedSubscription } from "./stream-names.js";
import { streamKey } from "./stream-names.js";
import { streamParts } from "./transport.js";

/** Items per REST page (the timelines' maximum). */
const PAGE_SIZE = 40;
/** At most this many pages per stream and kind (400 items): a long outage is not replayed without end. */
const MAX_PAGES = 10;
/** Ids remembered per stream and kind for de-duplication. */
const RECENT_IDS = 2000;

type Kind = "update" | "notification";

/** Mastodon ids are snowflakes in decimal: longer is larger, equal lengths compare as text. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

class RecentIds {
  readonly #set = new Set<string>();
  readonly #order: string[] = [];
  newest: string | undefined;

  /** Records `id`; false if it was already recorded. */
  add(id: string): boolean {
    if (this.#set.has(id)) return false;
    this.#set.add(id);
    this.#order.push(id);
    if (this.#order.length > RECENT_IDS) this.#set.delete(this.#order.shift() as string);
    if (this.newest === undefined || compareIds(id, this.newest) > 0) this.newest = id;
    return true;
  }
}

/** What was delivered, per stream: the newest status and notification ids, and recent ids. */
export class BackfillTracker {
  /** By stream key (as CheckedSubscription.key), then kind. */
  readonly #seen = new Map<string, Record<Kind, RecentIds>>();

  /** Records a delivery; true when this status or notification was already delivered on its stream. */
  isDuplicate(event: StreamEvent): boolean {
    if (event.event !== "update" && event.event !== "notification") return false;
    const id = (event.payload as { id?: unknown }).id;
    if (typeof id !== "string") return false;
    const key = streamKey(event.stream);
    let ids = this.#seen.get(key);
    if (ids === undefined) {
      ids = { update: new RecentIds(), notification: new RecentIds() };
      this.#seen.set(key, ids);
    }
    return !ids[event.event].add(id);
  }

  /** The newest id delivered on a subscription's stream, per kind. */
  newest(subscription: CheckedSubscription, kind: Kind): string | undefined {
    return this.#seen.get(subscription.key)?.[kind].newest;
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
 * The statuses and notifications a stream missed, oldest first, as events marked `backfilled`.
 * Only streams that delivered something before the outage have a starting point.
 */
export async function fetchMissed(
  internal: Internal,
  subscription: CheckedSubscription,
  tracker: BackfillTracker,
): Promise<StreamEvent[]> {
  const stream = streamParts(subscription);
  const events: StreamEvent[] = [];
  for (const source of backfillSources(subscription)) {
    let cursor = tracker.newest(subscription, source.kind);
    for (let page = 0; cursor !== undefined && page < MAX_PAGES; page++) {
      const items = await internal.get(source.path, { ...source.params, min_id: cursor, limit: PAGE_SIZE });
      if (!Array.isArray(items) || items.length === 0) break;
      const sorted = (items as { id: string }[])
        .filter((item) => typeof item?.id === "string")
        .sort((a, b) => compareIds(a.id, b.id));
      for (const payload of sorted) {
        events.push({ event: source.kind, payload, stream, backfilled: true } as
          | UpdateEvent
          | NotificationEvent);
      }
      const last = sorted[sorted.length - 1]?.id;
      if (last === undefined || compareIds(last, cursor) <= 0 || items.length < PAGE_SIZE) break;
      cursor = last;
    }
  }
  return events;
}
