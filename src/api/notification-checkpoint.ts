/**
 * paginationIterator("notifications", { checkpoint: store }): its options, and the iterator, whose
 * code (./notification-poll.ts) loads when the loop first asks for a notification.
 */
import { loadOnFirstUse } from "../core/load-on-first-use.js";
import type { Notification } from "../entities/index.js";
import type { MastodonStore } from "../stores/types.js";
import type { Internal } from "./internal.js";

/**
 * Options of paginationIterator("notifications", { checkpoint }): where the position is saved and
 * which notifications count. Without a store it throws MastodonIllegalArgumentError; a saved
 * checkpoint that is not an id throws MastodonStoreDataError.
 */
export interface NotificationCheckpointOptions {
  /**
   * Where the id of the last notification handled is saved, per account and checkpoint_name:
   * memoryStore() (one process), fileStore(path) (across restarts) or redisStore() (shared).
   */
  checkpoint: MastodonStore;
  /** Only these notification types (e.g. ["mention"]). */
  types?: readonly string[] | undefined;
  /** Not these notification types (e.g. ["follow", "favourite"]). */
  exclude_types?: readonly string[] | undefined;
  /** A name for this checkpoint, to keep several loops apart. Default "notifications". */
  checkpoint_name?: string | undefined;
}

const pollCode = loadOnFirstUse(
  'paginationIterator("notifications")',
  () => import("./notification-poll.js"),
);

/** The notifications newer than the saved checkpoint, oldest first (see ./notification-poll.ts). */
export async function* notificationsSinceCheckpoint(
  internal: Internal,
  options: NotificationCheckpointOptions,
): AsyncGenerator<Notification> {
  yield* (await pollCode()).notificationsSinceCheckpoint(internal, options);
}
