/**
 * The delivery of one decoded event (or a connection's news) to a listener. A callback that throws
 * (or returns a promise that rejects) is reported to onError/onAbort; it never stops the stream.
 * Apart from ./listener.ts (the public types) so that it loads with the stream engine, not at start.
 */
import type { StreamEvent } from "./events.js";
import type { StreamListener } from "./listener.js";

/** Where the errors of callbacks go: the stream's own error path. */
export type ErrorSink = (error: Error) => void;

type Callback = (...args: never[]) => unknown;

/**
 * Calls the listener's callback `name`, if it has one, as a method; a throw or a rejected promise
 * goes to `sink` instead of propagating.
 */
export function notify<K extends keyof StreamListener>(
  sink: ErrorSink,
  listener: StreamListener | undefined,
  name: K,
  ...args: Parameters<Required<StreamListener>[K]>
): void {
  if (listener !== undefined) invoke(sink, listener, listener[name], args);
}

function invoke(
  sink: ErrorSink,
  listener: StreamListener,
  callback: Callback | undefined,
  args: readonly unknown[],
): Promise<void> | undefined {
  if (callback === undefined) return undefined;
  let result: unknown;
  try {
    result = (callback as (...args: unknown[]) => unknown).apply(listener, args as unknown[]);
  } catch (error) {
    sink(asError(error));
    return undefined;
  }
  if (
    result !== null &&
    typeof result === "object" &&
    typeof (result as Promise<unknown>).then === "function"
  ) {
    // Settles when the callback has finished, either way (checkpoints wait for it).
    return (result as Promise<unknown>).then(
      () => undefined,
      (error: unknown) => sink(asError(error)),
    );
  }
  return undefined;
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Each event's own callback. It gets (payload, event); the events without a payload get (event), an
 * unknown event (name, payload, event).
 */
const CALLBACKS = {
  update: "onUpdate",
  delete: "onDelete",
  notification: "onNotification",
  filters_changed: "onFiltersChanged",
  conversation: "onConversation",
  announcement: "onAnnouncement",
  "announcement.reaction": "onAnnouncementReaction",
  "announcement.delete": "onAnnouncementDelete",
  "status.update": "onStatusUpdate",
  notifications_merged: "onNotificationsMerged",
  encrypted_message: "onEncryptedMessage",
  unknown: "onUnknownEvent",
  backfill_incomplete: "onBackfillIncomplete",
} as const satisfies Record<Exclude<StreamEvent["event"], "malformed">, keyof StreamListener>;

/**
 * Delivers one well-formed event: onAnyEvent first, then the event's own callback. Returns a promise
 * when a callback returned one: it settles once the callbacks have finished (a rejection is reported
 * to `sink` and counts as finished).
 */
export function dispatchEvent(
  listener: StreamListener,
  event: StreamEvent,
  sink: ErrorSink,
): Promise<unknown> | undefined {
  if (event.event === "malformed") {
    sink(event.error);
    return undefined;
  }
  let any: Promise<void> | undefined;
  if (listener.onAnyEvent) {
    const name = event.event === "unknown" ? event.name : event.event;
    any = invoke(sink, listener, listener.onAnyEvent as Callback, [name, event.payload, event.stream]);
  }
  const callback = listener[CALLBACKS[event.event]] as Callback | undefined;
  let own: Promise<void> | undefined;
  if (callback === undefined) own = undefined;
  else if (event.event === "unknown")
    own = invoke(sink, listener, callback, [event.name, event.payload, event]);
  else if (event.event === "filters_changed" || event.event === "notifications_merged")
    own = invoke(sink, listener, callback, [event]);
  else own = invoke(sink, listener, callback, [event.payload, event]);
  return any === undefined ? own : own === undefined ? any : Promise.all([any, own]);
}
