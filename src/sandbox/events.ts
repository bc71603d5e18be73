/**
 * What happens in the sandbox, told to whoever listens (the streaming server, the watch page). Handlers
 * emit after they have changed the state, so a listener always reads the new state.
 */
import type { NotificationRecord, StatusRecord } from "./records.js";

/**
 * Something that happened in the sandbox, emitted once the state has changed: statuses created,
 * edited or deleted, notifications, and filter changes. The streaming server turns them into
 * stream events; the watch page shows them.
 * @internal Carries the sandbox's storage records, which change with its implementation; only the
 * internal `context.events` emits it.
 */
export type SandboxEvent =
  | {
      /** A status was posted. */
      type: "status.created";
      /** The new status, as stored. */
      status: StatusRecord;
    }
  | {
      /** A status was edited. */
      type: "status.updated";
      /** The status after the edit. */
      status: StatusRecord;
    }
  | {
      /** A status was deleted. */
      type: "status.deleted";
      /** The record as it was, already gone from the state. */
      status: StatusRecord;
    }
  | {
      /** A notification was created for its recipient. */
      type: "notification";
      /** The new notification, as stored. */
      notification: NotificationRecord;
    }
  | {
      /** Every filter of this account may have changed. */
      type: "filters_changed";
      /** The account whose filters changed. */
      account_id: string;
    };

export type SandboxListener = (event: SandboxEvent) => void;

export class SandboxEvents {
  private readonly listeners = new Set<SandboxListener>();

  on(listener: SandboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SandboxEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a socket gone mid-write) must not stop the others or fail the request.
      }
    }
  }
}
