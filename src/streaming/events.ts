/**
 * The events a stream delivers, as one discriminated union on `event`, and the decoding of the
 * server's raw (name, data) pairs into them. Both transports decode through `decodeEvent`.
 */
import { MastodonMalformedEventError } from "../core/errors.js";
import { printable } from "../core/printable.js";
import { redact } from "../core/redact.js";
import type { Announcement, Conversation, Notification, Status, StreamReaction } from "../entities/index.js";

/** What every event carries besides its payload. */
export interface StreamEventBase {
  /**
   * The stream it came from, as Mastodon names it on WebSocket events: ["user"], ["hashtag", "cats"],
   * ["list", "42"]. Filled in from the subscription on SSE, where the server does not say.
   */
  stream: readonly string[];
  /** True for statuses and notifications fetched over REST after a reconnect (option `backfill`). */
  backfilled?: true | undefined;
}

/** A new status in the timeline. */
export interface UpdateEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "update";
  /** The new status. */
  payload: Status;
}
/** A status was deleted; the payload is its id. */
export interface DeleteEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "delete";
  /** The id of the deleted status. */
  payload: string;
}
/** A new notification. */
export interface NotificationEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "notification";
  /** The notification. */
  payload: Notification;
}
/** The user's filters changed; re-read them if you apply them yourself. No payload. */
export interface FiltersChangedEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "filters_changed";
  /** Nothing: the event itself is the news. */
  payload: undefined;
}
/** A direct conversation was updated. */
export interface ConversationEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "conversation";
  /** The conversation, with its last status. */
  payload: Conversation;
}
/** An announcement was published. */
export interface AnnouncementEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "announcement";
  /** The announcement. */
  payload: Announcement;
}
/** Someone reacted to an announcement. */
export interface AnnouncementReactionEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "announcement.reaction";
  /** The reaction: its name, count and announcement id. */
  payload: StreamReaction;
}
/** An announcement was deleted; the payload is its id. */
export interface AnnouncementDeleteEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "announcement.delete";
  /** The id of the deleted announcement. */
  payload: string;
}
/** A status was edited; the payload is the new version. */
export interface StatusUpdateEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "status.update";
  /** The status as it reads after the edit. */
  payload: Status;
}
/** Notification requests were accepted and merged into the notifications (Mastodon 4.3). No payload. */
export interface NotificationsMergedEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "notifications_merged";
  /** Nothing: re-read the notifications. */
  payload: undefined;
}
/** An end-to-end encrypted message (an unfinished Mastodon feature); passed on as sent. */
export interface EncryptedMessageEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "encrypted_message";
  /** The message as the server sent it. */
  payload: unknown;
}
/** An event this library does not know (a newer server, a fork); `name` is what the server called it. */
export interface UnknownStreamEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "unknown";
  /** The event's name as the server sent it. */
  name: string;
  /** The data parsed as JSON where it is JSON, else the text as sent. */
  payload: unknown;
}
/** What backfill could not deliver, and from where to fetch it yourself. */
export interface BackfillGap {
  /** Statuses ("update") or notifications. */
  kind: "update" | "notification";
  /** The `backfill_limit` was reached, or the REST requests kept failing ("error"). */
  reason: "limit" | "error";
  /**
   * The newest id of this kind delivered on this stream: what came after it and before the live
   * events resumed was not delivered (read it with min_id to fill the gap).
   */
  after: string;
  /** How many items of this kind backfill delivered before it stopped. */
  delivered: number;
  /**
   * Notifications only, reason "limit": the mentions past the limit, which are delivered anyway
   * (backfill never drops a mention); the gap holds other notification types only.
   */
  mentionsDelivered?: number | undefined;
  /** Reason "error": the last failure. */
  error?: Error | undefined;
}

/**
 * Backfill after a reconnect stopped before it reached the live stream (option `backfill_limit`, or
 * failing REST requests): some statuses or notifications of the outage were not delivered. Comes
 * after the backfilled items it concerns and before the live events held meanwhile.
 */
export interface BackfillIncompleteEvent extends StreamEventBase {
  /** The event's name, as the server sends it: switch on it. */
  event: "backfill_incomplete";
  /** What was not delivered, and from which id to read it. */
  payload: BackfillGap;
}

/**
 * An event that could not be decoded. Yielded to `for await` loops so that they see it without the
 * loop ending; listeners get the error through onError (or onAbort).
 */
export interface MalformedStreamEvent extends StreamEventBase {
  /** Not a server event name: marks an event that could not be decoded. */
  event: "malformed";
  /** The event's name as the server sent it. */
  name: string;
  /** What was wrong with it; the message quotes the start of the data (80 characters at most). */
  error: MastodonMalformedEventError;
}

/** Every event a stream can deliver; switch on `event`. */
export type StreamEvent =
  | UpdateEvent
  | DeleteEvent
  | NotificationEvent
  | FiltersChangedEvent
  | ConversationEvent
  | AnnouncementEvent
  | AnnouncementReactionEvent
  | AnnouncementDeleteEvent
  | StatusUpdateEvent
  | NotificationsMergedEvent
  | EncryptedMessageEvent
  | UnknownStreamEvent
  | BackfillIncompleteEvent
  | MalformedStreamEvent;

/** The Mastodon event names this library decodes. */
export type KnownEventName = Exclude<StreamEvent["event"], "unknown" | "malformed" | "backfill_incomplete">;

type Kind = "entity" | "id" | "none" | "any";

const KINDS: Record<KnownEventName, Kind> = {
  update: "entity",
  delete: "id",
  notification: "entity",
  filters_changed: "none",
  conversation: "entity",
  announcement: "entity",
  "announcement.reaction": "entity",
  "announcement.delete": "id",
  "status.update": "entity",
  notifications_merged: "none",
  encrypted_message: "any",
};

/**
 * Turns what the server sent into an event. `data` is the SSE data text, or the WebSocket payload
 * (a JSON string for most events, a bare id for deletes, absent for filters_changed).
 * Throws MastodonMalformedEventError when an event that must carry an entity does not.
 */
export function decodeEvent(
  name: string,
  data: unknown,
  stream: readonly string[],
  secrets: Secrets = [],
): StreamEvent {
  const kind = Object.hasOwn(KINDS, name) ? KINDS[name as KnownEventName] : undefined;
  switch (kind) {
    case "entity":
      return { event: name, payload: parseEntity(name, data, secrets), stream } as StreamEvent;
    case "id":
      return { event: name, payload: parseId(name, data, secrets), stream } as StreamEvent;
    case "none":
      // Mastodon writes "data: undefined" for these over SSE; nothing in it is meaningful.
      return { event: name, payload: undefined, stream } as StreamEvent;
    case "any":
      return { event: name, payload: parseLoose(data), stream } as StreamEvent;
    default:
      return { event: "unknown", name, payload: parseLoose(data), stream };
  }
}

/** The token (and any other secret) a message must not show, should a server echo it in its data. */
export type Secrets = Iterable<string | undefined>;

function parseEntity(name: string, data: unknown, secrets: Secrets): object {
  let value = data;
  if (typeof data === "string") {
    try {
      value = JSON.parse(data);
    } catch (cause) {
      throw new MastodonMalformedEventError(
        `The "${name}" event's data is not valid JSON (${describeData(data, secrets)}).`,
        { cause },
      );
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MastodonMalformedEventError(
      `The "${name}" event should carry a JSON object; got ${describeData(data, secrets)}.`,
    );
  }
  return value;
}

function parseId(name: string, data: unknown, secrets: Secrets): string {
  // A bare id on Mastodon; some servers send it JSON-encoded ("123") or as a number.
  const text = typeof data === "number" ? String(data) : typeof data === "string" ? data.trim() : "";
  const id = text.startsWith('"') && text.endsWith('"') && text.length > 1 ? text.slice(1, -1) : text;
  if (id === "") {
    throw new MastodonMalformedEventError(
      `The "${name}" event should carry an id; got ${describeData(data, secrets)}.`,
    );
  }
  return id;
}

function parseLoose(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * A server's value as text: a string as it is, anything else as JSON. Never throws: a value nested
 * too deep for JSON.stringify (or String(), which recurses through arrays alike) is said to be so.
 */
export function serverText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return UNSHOWABLE;
  }
}

const UNSHOWABLE = "(a value nested too deep to show)";

/** A short, safe description of bad data from a streaming server, for an error message. */
export function describeData(data: unknown, secrets: Secrets = []): string {
  if (data === undefined) return "no data";
  // Masked before it is cut, so that no part of a secret is left at the cut.
  const shown = serverText(data);
  if (shown === UNSHOWABLE) return shown;
  const text = redact(shown, secrets);
  // JSON.stringify escapes C0 controls but leaves C1 controls (U+009B is a CSI) as they are.
  return printable(text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}...` : JSON.stringify(text));
}
