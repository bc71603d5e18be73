/**
 * paginationIterator("notifications", { checkpoint: store }): the polling bot's resumption (cron).
 * Yields the notifications newer than the saved checkpoint, oldest first, page by page (min_id), and
 * saves each one's id when the loop asks for the next item, i.e. once the loop body has finished with
 * it. A loop left by `break` or a throw does not save the item it was on: that one comes again.
 * With no checkpoint saved yet, the newest notification now becomes the checkpoint (or "0" when there
 * is none) and nothing is yielded (as a stream starts from the present). Loaded on first use
 * (./notification-checkpoint.ts).
 */
import { MastodonIllegalArgumentError } from "../core/errors.js";
import type { Notification } from "../entities/index.js";
import { isStore, MastodonStoreDataError } from "../stores/types.js";
import type { Internal } from "./internal.js";
import type { NotificationCheckpointOptions } from "./notification-checkpoint.js";

const PAGE_SIZE = 40;
const ID_PATTERN = /^[0-9A-Za-z]{1,64}$/;

export async function* notificationsSinceCheckpoint(
  internal: Internal,
  options: NotificationCheckpointOptions,
): AsyncGenerator<Notification> {
  const store = options?.checkpoint;
  if (!isStore(store)) {
    throw new MastodonIllegalArgumentError(
      'paginationIterator("notifications", { checkpoint }) needs a store: memoryStore(), fileStore(path) or redisStore().',
    );
  }
  // The checkpoint code of streams, loaded here: only apps that poll with a checkpoint need it.
  const [{ compareIds }, { streamOwnerKey }] = await Promise.all([
    import("../streaming/backfill.js"),
    import("../streaming/durable.js"),
  ]);
  const key = `poll:${await streamOwnerKey(internal)}|${options.checkpoint_name ?? "notifications"}`;
  const filters: Record<string, unknown> = {};
  if (options.types !== undefined) filters.types = options.types;
  if (options.exclude_types !== undefined) filters.exclude_types = options.exclude_types;
  let cursor = await store.getCheckpoint(key);
  if (cursor !== undefined && !ID_PATTERN.test(cursor)) {
    throw new MastodonStoreDataError(
      `The ${store.kind} store's notification checkpoint is not an id. Delete it (polling then starts from now) or choose another store.`,
    );
  }
  if (cursor === undefined) {
    const newest = (await internal.get("/api/v1/notifications", { ...filters, limit: 1 })) as {
      id?: unknown;
    }[];
    const id = Array.isArray(newest) ? newest[0]?.id : undefined;
    // An empty list starts from "0", older than any id: whatever arrives later is new.
    await store.advanceCheckpoint(key, typeof id === "string" ? id : "0");
    return;
  }
  for (;;) {
    const items = (await internal.get("/api/v1/notifications", {
      ...filters,
      min_id: cursor,
      limit: PAGE_SIZE,
    })) as Notification[] | null;
    const page = (Array.isArray(items) ? items : [])
      .filter((n) => typeof n?.id === "string" && compareIds(n.id, cursor as string) > 0)
      .sort((a, b) => compareIds(a.id, b.id));
    for (const notification of page) {
      yield notification;
      // The loop asked for the next one: it has finished with this one.
      cursor = await store.advanceCheckpoint(key, notification.id);
    }
    if (page.length === 0 || (items?.length ?? 0) < PAGE_SIZE) return;
  }
}
