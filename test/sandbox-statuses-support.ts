/** Shared helpers for the sandbox statuses and polls tests: a sandbox with a clock the test moves, follows and uploads made directly in the state. */
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import type { MediaRecord, MediaType } from "../src/sandbox/records.js";
import { userId } from "./sandbox-accounts-support.js";

export interface ClockedSandbox {
  sb: Sandbox;
  /** Moves the sandbox's clock forward by `ms`. */
  advance(ms: number): void;
  /** Waits until the sandbox's timers (scheduled statuses, poll ends) have run at least once more. */
  tick(): Promise<void>;
}

/** A sandbox with alice, bob and carol, and a clock that only moves when the test says so. */
export async function clockedSandbox(): Promise<ClockedSandbox> {
  let now = Date.parse("2026-03-01T12:00:00.000Z");
  const sb = await startSandbox({ port: 0, users: ["alice", "bob", "carol"], now: () => now });
  return {
    sb,
    advance(ms) {
      now += ms;
    },
    tick: () => new Promise((resolve) => setTimeout(resolve, 600)),
  };
}

/** `follower` follows `target` (written into the state; the relationships area is not under test here). */
export function follow(sb: Sandbox, follower: string, target: string, notify = false): void {
  const ctx = sb.context;
  ctx.state.follows.insert({
    id: ctx.newId(),
    account_id: userId(sb, follower),
    target_account_id: userId(sb, target),
    created_at: ctx.nowIso(),
    show_reblogs: true,
    notify,
    languages: null,
  });
}

/** An upload owned by `owner`, as the media area would store it; `processingMs` keeps it unprocessed that long. */
export function upload(sb: Sandbox, owner: string, type: MediaType = "image", processingMs = 0): MediaRecord {
  const ctx = sb.context;
  return ctx.state.media.insert({
    id: ctx.newId(),
    account_id: userId(sb, owner),
    type,
    content_type: type === "image" ? "image/png" : "video/mp4",
    filename: "file",
    data: "",
    description: null,
    focus: { x: 0, y: 0 },
    width: 1,
    height: 1,
    blurhash: null,
    ready_ms: ctx.now() + processingMs,
    status_id: null,
    created_at: ctx.nowIso(),
  });
}

/** The notifications `username` has, oldest first, as [type, from username, status id]. */
export function notificationsOf(sb: Sandbox, username: string): [string, string, string | null][] {
  const ctx = sb.context;
  return ctx.state.notifications
    .lookup("account", userId(sb, username))
    .map((n) => [n.type, ctx.state.accounts.get(n.from_account_id)?.username ?? "?", n.status_id]);
}
