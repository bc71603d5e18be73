/**
 * Listeners: Mastodon.py's StreamListener callbacks in camelCase and the CallbackStreamListener
 * helper. How an event reaches a listener is ./dispatch.ts (loaded with the stream engine).
 */
import type { Announcement, Conversation, Notification, Status, StreamReaction } from "../entities/index.js";
import type {
  AnnouncementDeleteEvent,
  AnnouncementEvent,
  AnnouncementReactionEvent,
  BackfillGap,
  BackfillIncompleteEvent,
  ConversationEvent,
  DeleteEvent,
  EncryptedMessageEvent,
  FiltersChangedEvent,
  NotificationEvent,
  NotificationsMergedEvent,
  StatusUpdateEvent,
  UnknownStreamEvent,
  UpdateEvent,
} from "./events.js";

/** Told when a stream is connected again after a disconnect. */
export interface ReconnectInfo {
  /** Connection attempts it took, the successful one included. */
  attempts: number;
  /** Milliseconds between the disconnect and the new connection. */
  downtime: number;
}

/**
 * What a stream calls as events arrive; every callback is optional. Each gets the payload first (as
 * in Mastodon.py) and the whole typed event last. A class instance works as well as an object
 * literal; callbacks are called as methods, so `this` is the listener.
 */
export interface StreamListener {
  /** A new status. */
  onUpdate?(status: Status, event: UpdateEvent): unknown;
  /** A status was deleted. */
  onDelete?(statusId: string, event: DeleteEvent): unknown;
  /** A new notification. */
  onNotification?(notification: Notification, event: NotificationEvent): unknown;
  /** The user's filters changed. */
  onFiltersChanged?(event: FiltersChangedEvent): unknown;
  /** A direct conversation was updated. */
  onConversation?(conversation: Conversation, event: ConversationEvent): unknown;
  /** An announcement was published. */
  onAnnouncement?(announcement: Announcement, event: AnnouncementEvent): unknown;
  /** Someone reacted to an announcement. */
  onAnnouncementReaction?(reaction: StreamReaction, event: AnnouncementReactionEvent): unknown;
  /** An announcement was deleted. */
  onAnnouncementDelete?(announcementId: string, event: AnnouncementDeleteEvent): unknown;
  /** A status was edited. */
  onStatusUpdate?(status: Status, event: StatusUpdateEvent): unknown;
  /** Notification requests were merged into the notifications (Mastodon 4.3). */
  onNotificationsMerged?(event: NotificationsMergedEvent): unknown;
  /** An encrypted message (passed on as sent). */
  onEncryptedMessage?(data: unknown, event: EncryptedMessageEvent): unknown;
  /**
   * Backfill stopped before it reached the live stream (`backfill_limit`, or REST kept failing): the
   * gap says what was not delivered and from which id to read it.
   */
  onBackfillIncomplete?(gap: BackfillGap, event: BackfillIncompleteEvent): unknown;
  /** An event this library does not know; `name` is the server's event name. */
  onUnknownEvent?(name: string, unknownEvent: unknown, event: UnknownStreamEvent): unknown;
  /** Every event, before its specific callback: the event name, its payload and its stream. */
  onAnyEvent?(name: string, data: unknown, forStream: readonly string[]): unknown;
  /** The server showed it is alive (an SSE comment line, a WebSocket ping or pong). */
  handleHeartbeat?(): unknown;
  /**
   * The stream stopped for good (refused token, gave up reconnecting, reconnect_async: false), or a
   * non-fatal error when there is no onError. Not called by close().
   */
  onAbort?(error: Error): unknown;
  /**
   * A problem the stream survives: a malformed event (MastodonMalformedEventError), a subscription
   * the server refused, a failed backfill, a callback that threw.
   */
  onError?(error: Error): unknown;
  /**
   * With `exclusive`: true when this process took the stream's lease (it delivers from now on),
   * false when it lost it (it stopped delivering; another process holds the stream).
   */
  onLeaseChange?(held: boolean): unknown;
  /** The connection was lost; the stream will try again (with reconnect_async, the default). */
  onDisconnect?(error: Error): unknown;
  /**
   * The connection is back and subscriptions are restored. With `backfill`, the missed statuses and
   * notifications are delivered right after this call, before live events.
   */
  onReconnect?(info: ReconnectInfo): unknown;
}

/** The handlers CallbackStreamListener takes, named as in Mastodon.py. */
export interface CallbackStreamListenerOptions {
  /** A new status (event "update"). */
  update_handler?: (status: Status) => unknown;
  /** Only statuses from this server (the account's acct has no "@domain"). */
  local_update_handler?: (status: Status) => unknown;
  /** A status was deleted; gets its id (event "delete"). */
  delete_handler?: (statusId: string) => unknown;
  /** A new notification (event "notification"). */
  notification_handler?: (notification: Notification) => unknown;
  /** A direct conversation was updated (event "conversation"). */
  conversation_handler?: (conversation: Conversation) => unknown;
  /** An event this library does not know: its name and its data (parsed as JSON where it is JSON). */
  unknown_event_handler?: (name: string, unknownEvent: unknown) => unknown;
  /** A status was edited; gets the new version (event "status.update"). */
  status_update_handler?: (status: Status) => unknown;
  /** The user's filters changed (event "filters_changed"). */
  filters_changed_handler?: () => unknown;
  /** An announcement was published (event "announcement"). */
  announcement_handler?: (announcement: Announcement) => unknown;
  /** Someone reacted to an announcement (event "announcement.reaction"). */
  announcement_reaction_handler?: (reaction: StreamReaction) => unknown;
  /** An announcement was deleted; gets its id (event "announcement.delete"). */
  announcement_delete_handler?: (announcementId: string) => unknown;
  /** An encrypted message, passed on as sent (event "encrypted_message"). */
  encrypted_message_handler?: (data: unknown) => unknown;
  /** Mastodon.py's spelling of encrypted_message_handler, accepted for ported code. */
  encryted_message_handler?: (data: unknown) => unknown;
  /** Accepted notification requests were merged into the notifications (event "notifications_merged"). */
  notifications_merged_handler?: () => unknown;
  /** mastodon-ts addition: backfill could not deliver everything (see BackfillGap). */
  backfill_incomplete_handler?: (gap: BackfillGap) => unknown;
  /**
   * mastodon-ts addition: a problem the stream survives (a malformed event, a refused
   * subscription, a failed backfill, a handler that threw); see StreamListener.onError.
   */
  error_handler?: (error: Error) => unknown;
  /** mastodon-ts addition: the stream stopped for good (refused token, gave up reconnecting). */
  abort_handler?: (error: Error) => unknown;
  /** mastodon-ts addition: the connection was lost; the stream tries again. */
  disconnect_handler?: (error: Error) => unknown;
  /** mastodon-ts addition: the connection is back (attempts and downtime in `info`). */
  reconnect_handler?: (info: ReconnectInfo) => unknown;
}

/**
 * A listener built from plain functions, as Mastodon.py's CallbackStreamListener:
 * `api.streamUser(new CallbackStreamListener({ update_handler: (s) => console.log(s.content) }))`.
 */
export class CallbackStreamListener implements StreamListener {
  readonly #h: CallbackStreamListenerOptions;

  constructor(handlers: CallbackStreamListenerOptions = {}) {
    this.#h = handlers;
  }

  onUpdate(status: Status): unknown {
    const result = this.#h.update_handler?.(status);
    const local = this.#h.local_update_handler;
    if (local && typeof status.account?.acct === "string" && !status.account.acct.includes("@")) {
      return Promise.all([result, local(status)]);
    }
    return result;
  }
  onDelete(statusId: string): unknown {
    return this.#h.delete_handler?.(statusId);
  }
  onNotification(notification: Notification): unknown {
    return this.#h.notification_handler?.(notification);
  }
  onConversation(conversation: Conversation): unknown {
    return this.#h.conversation_handler?.(conversation);
  }
  onUnknownEvent(name: string, unknownEvent: unknown): unknown {
    return this.#h.unknown_event_handler?.(name, unknownEvent);
  }
  onStatusUpdate(status: Status): unknown {
    return this.#h.status_update_handler?.(status);
  }
  onFiltersChanged(): unknown {
    return this.#h.filters_changed_handler?.();
  }
  onAnnouncement(announcement: Announcement): unknown {
    return this.#h.announcement_handler?.(announcement);
  }
  onAnnouncementReaction(reaction: StreamReaction): unknown {
    return this.#h.announcement_reaction_handler?.(reaction);
  }
  onAnnouncementDelete(announcementId: string): unknown {
    return this.#h.announcement_delete_handler?.(announcementId);
  }
  onEncryptedMessage(data: unknown): unknown {
    return (this.#h.encrypted_message_handler ?? this.#h.encryted_message_handler)?.(data);
  }
  onNotificationsMerged(): unknown {
    return this.#h.notifications_merged_handler?.();
  }
  onBackfillIncomplete(gap: BackfillGap): unknown {
    return this.#h.backfill_incomplete_handler?.(gap);
  }
  onError(error: Error): unknown {
    // Without an error handler, fall back to the abort handler, as a listener without onError does.
    return (this.#h.error_handler ?? this.#h.abort_handler)?.(error);
  }
  onAbort(error: Error): unknown {
    return this.#h.abort_handler?.(error);
  }
  onDisconnect(error: Error): unknown {
    return this.#h.disconnect_handler?.(error);
  }
  onReconnect(info: ReconnectInfo): unknown {
    return this.#h.reconnect_handler?.(info);
  }
}
