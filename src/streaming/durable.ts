/**
 * Durable streams: checkpoints and exclusive leases in a store (options `checkpoint` and `exclusive`).
 *
 * A checkpoint is the newest status and notification id that the listener has FINISHED handling:
 * saved once the callback's promise settles, and only when every item delivered before it has
 * finished too (handlers run concurrently; saving a newer id while an older one is still being
 * handled would lose the older one in a crash). On start, backfill reads on from the checkpoint.
 *
 * A lease makes one process of a fleet the consumer of a stream for an account: it is taken before
 * connecting and renewed every third of its length; a process that cannot renew it in time stops
 * delivering at once, and another takes over when it expires, reading on from the checkpoint.
 */
import type { Internal } from "../api/internal.js";
import { timerDelay } from "../core/sleep.js";
import { type MastodonStore, MastodonStoreDataError } from "../stores/types.js";
import { type BackfillTracker, backfillSources } from "./backfill.js";
import type { CheckedSubscription } from "./stream-names.js";

export type CheckpointKind = "update" | "notification";
const KINDS: readonly CheckpointKind[] = ["update", "notification"];

/** Mastodon's ids are decimal, Pleroma's base62: anything else in the store was not written by us. */
const ID_PATTERN = /^[0-9A-Za-z]{1,64}$/;

export const DEFAULT_LEASE_SECONDS = 15;

/** The account a stream belongs to, asked once per handle; keys name the server and the account. */
export async function streamOwnerKey(internal: Internal): Promise<string> {
  const account = (await internal.get("/api/v1/accounts/verify_credentials", {})) as { id?: unknown } | null;
  const id = typeof account?.id === "string" ? account.id : "anonymous";
  return `${internal.apiBaseUrl}|${id}`;
}

/** Delivered ids of one stream and kind, in delivery order, and which of them are finished. */
class Watermark {
  /**
   * Deliveries not yet saved, oldest first, from #head on (the finished ones before it are dropped
   * in batches): shift() per finished item would move the whole queue each time, quadratic when a
   * burst of events waits on slow handlers.
   */
  #pending: { id: string; done: boolean }[] = [];
  #head = 0;
  #saving: Promise<void> | undefined;
  #toSave: string | undefined;

  constructor(
    private readonly store: MastodonStore,
    private readonly key: string,
    private readonly report: (error: Error) => void,
  ) {}

  /** Records a delivery; the returned function marks it finished. */
  delivered(id: string): () => void {
    const entry = { id, done: false };
    this.#pending.push(entry);
    return () => {
      entry.done = true;
      const pending = this.#pending;
      let head = this.#head;
      let newest: string | undefined;
      while (head < pending.length && pending[head]?.done) newest = pending[head++]?.id;
      if (head === pending.length) {
        pending.length = 0;
        head = 0;
      } else if (head > 1024 && head * 2 > pending.length) {
        this.#pending = pending.slice(head);
        head = 0;
      }
      this.#head = head;
      if (newest !== undefined) this.#save(newest);
    };
  }

  /** One write at a time; while one is under way only the latest id waits. */
  #save(id: string): void {
    this.#toSave = id;
    if (this.#saving) return;
    this.#saving = (async () => {
      while (this.#toSave !== undefined) {
        const next = this.#toSave;
        this.#toSave = undefined;
        try {
          await this.store.advanceCheckpoint(this.key, next);
        } catch (error) {
          this.report(error as Error);
        }
      }
      this.#saving = undefined;
    })();
  }

  /** Resolves when every finished item is saved. */
  async flushed(): Promise<void> {
    while (this.#saving) await this.#saving;
  }
}

export class Checkpoints {
  readonly #watermarks = new Map<string, Watermark>();

  constructor(
    readonly store: MastodonStore,
    private readonly owner: string,
    private readonly report: (error: Error) => void,
  ) {}

  key(streamKey: string, kind: CheckpointKind): string {
    return `stream:${this.owner}|${streamKey}|${kind}`;
  }

  /**
   * Puts the saved checkpoints into the tracker (moving it back if this process had delivered past
   * them: another process took over meanwhile). Returns true when any was found.
   */
  async restore(subscriptions: Iterable<CheckedSubscription>, tracker: BackfillTracker): Promise<boolean> {
    let found = false;
    for (const subscription of subscriptions) {
      for (const kind of KINDS) {
        const id = await this.store.getCheckpoint(this.key(subscription.key, kind));
        if (id === undefined) continue;
        if (!ID_PATTERN.test(id)) {
          throw new MastodonStoreDataError(
            `The ${this.store.kind} store's checkpoint for the ${subscription.key} stream is not an id. ` +
              "Delete it (the stream then starts from now) or choose another store.",
          );
        }
        tracker.rewind(subscription, kind, id);
        found = true;
      }
    }
    return found;
  }

  /**
   * Saves where the tracker starts (the newest item when the stream opened) for kinds not saved yet.
   * A list that was empty then starts from "0", older than any id: whatever arrives later is new, even
   * if the bot stops before its first event.
   */
  async saveStart(subscriptions: Iterable<CheckedSubscription>, tracker: BackfillTracker): Promise<void> {
    for (const subscription of subscriptions) {
      for (const { kind } of backfillSources(subscription)) {
        if (tracker.newest(subscription, kind) === undefined) tracker.seed(subscription, kind, "0");
        const id = tracker.newest(subscription, kind) as string;
        await this.store.advanceCheckpoint(this.key(subscription.key, kind), id);
      }
    }
  }

  delivered(streamKey: string, kind: CheckpointKind, id: string): () => void {
    const key = this.key(streamKey, kind);
    let watermark = this.#watermarks.get(key);
    if (watermark === undefined) {
      watermark = new Watermark(this.store, key, this.report);
      this.#watermarks.set(key, watermark);
    }
    return watermark.delivered(id);
  }

  async flushed(): Promise<void> {
    for (const watermark of this.#watermarks.values()) await watermark.flushed();
  }
}

/** The lease of an exclusive stream: taken before connecting, renewed while held. */
export class Lease {
  readonly #owner = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  /** Until when (local ms) the lease is surely ours: the send time of the last confirmed take, plus its length. */
  #validUntil = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lostTimer: ReturnType<typeof setTimeout> | undefined;
  #renewing = false;

  constructor(
    private readonly store: MastodonStore,
    private readonly key: string,
    private readonly ms: number,
    private readonly onLost: () => void,
    private readonly report: (error: Error) => void,
  ) {}

  /** True while this process may deliver. */
  valid(): boolean {
    return this.#timer !== undefined && Date.now() < this.#validUntil;
  }

  /** Waits until the lease is ours; rejects when `signal` aborts. */
  async acquire(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const sent = Date.now();
      let wait: number;
      try {
        const answer = await this.store.lease(this.key, this.#owner, this.ms);
        if (answer.held) {
          this.#held(sent);
          return;
        }
        // Ask again just after the holder's lease runs out (or sooner, in case it is given up).
        wait = Math.min(answer.remainingMs + 10, this.ms / 3);
      } catch (error) {
        this.report(error as Error);
        wait = this.ms / 3;
      }
      // Abortable by close(); the listener goes with each wait, so a long standby does not pile them up.
      await new Promise<void>((resolve) => {
        const stop = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(
          () => {
            signal.removeEventListener("abort", stop);
            resolve();
          },
          timerDelay(Math.max(wait, 5)),
        );
        signal.addEventListener("abort", stop, { once: true });
      });
    }
  }

  #held(sent: number): void {
    this.#validUntil = sent + this.ms;
    this.#armLostTimer();
    this.#timer ??= setInterval(() => void this.#renew(), timerDelay(this.ms / 3));
  }

  /** Fires the moment the lease may have run out without a confirmed renewal. */
  #armLostTimer(): void {
    clearTimeout(this.#lostTimer);
    this.#lostTimer = setTimeout(() => this.#lose(), timerDelay(this.#validUntil - Date.now()));
  }

  async #renew(): Promise<void> {
    if (this.#renewing || this.#timer === undefined) return;
    this.#renewing = true;
    const sent = Date.now();
    try {
      const answer = await this.store.lease(this.key, this.#owner, this.ms);
      if (this.#timer === undefined) return;
      if (answer.held) {
        this.#validUntil = sent + this.ms;
        this.#armLostTimer();
      } else this.#lose();
    } catch (error) {
      // Unconfirmed: keep delivering until the last confirmed lease runs out (the lost timer).
      this.report(error as Error);
    } finally {
      this.#renewing = false;
    }
  }

  #lose(): void {
    if (this.#timer === undefined) return;
    this.#stopTimers();
    this.onLost();
  }

  #stopTimers(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#lostTimer);
    this.#timer = undefined;
    this.#validUntil = 0;
  }

  /** Gives the lease up (on close), so that another process takes over at once. */
  release(): void {
    const wasHeld = this.#timer !== undefined;
    this.#stopTimers();
    if (wasHeld) this.store.releaseLease(this.key, this.#owner).catch(() => undefined);
  }
}
