/**
 * What happens in the sandbox, told to whoever listens (the streaming server, the watch page). Handlers
 * emit after they have changed the state, so a listener always reads the new state.
 */
import type { NotificationRecord, StatusRecord } from "./records.js";

export type SandboxEvent =
  | { type: "status.created"; status: StatusRecord }
  | { type: "status.updated"; status: StatusRecord }
  /** The record as it was, already gone from the state. */
  | { type: "status.deleted"; status: StatusRecord }
  | { type: "notification"; notification: NotificationRecord }
  /** Every filter of this account may have changed. */
  | { type: "filters_changed"; account_id: string };

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
