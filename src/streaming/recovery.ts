/**
 * What `backfill` (and with it `checkpoint` and `exclusive`) adds to a running stream: the record of
 * what was delivered, live events held while missed ones are fetched, the missed ones delivered
 * first, checkpoints saved as the listener finishes, and the lease of a fleet. The engine
 * (./engine.ts) calls it at fixed points of its loop; it is loaded only by streams with `backfill`,
 * as the client's `backfill` part (./stream-parts.ts), so that other streams never load it.
 */
import type { Internal } from "../api/internal.js";
import { sleep } from "../core/sleep.js";
import { MastodonStoreDataError } from "../stores/types.js";
import {
  type BackfillRun,
  BackfillTracker,
  backfillSource,
  backfillSources,
  seedCursors,
} from "./backfill.js";
import { asError, notify } from "./dispatch.js";
import type { Checkpoints, Lease } from "./durable.js";
import type { BackfillGap, StreamEvent } from "./events.js";
import type { StreamSetup } from "./handle.js";
import type { CheckedSubscription } from "./stream-names.js";
import { streamKey } from "./stream-names.js";
import { streamParts } from "./transport.js";

/** Tries per source when backfill requests fail, before the gap is reported. */
const BACKFILL_ATTEMPTS = 3;

/** The lease was lost: not a failure of the connection, so no backoff and no onDisconnect. */
class LeaseLost extends Error {}

/** What recovery reads of, and asks of, the engine it works for. */
export interface RecoveryHost {
  readonly setup: StreamSetup;
  readonly internal: Internal;
  readonly subscriptions: Map<string, CheckedSubscription>;
  /** Aborted when the stream stops: ends the waits. */
  readonly stopped: AbortSignal;
  /** Seconds before a failed backfill request is tried again (then twice that, ...). */
  readonly retryWait: number;
  /** Loads checkpoints and leases (the client's `durable` part). */
  readonly durable: () => Promise<typeof import("./durable.js")>;
  /** Delivers an event (after admit()): the listener and the `for await` loops. */
  deliver(event: StreamEvent): void;
  /** A problem the stream survives: onError (or onAbort). */
  report(error: Error): void;
  /** Ends the current connection at once with `reason` (the lease went to another process). */
  drop(reason: Error): void;
}

/** Backfill, checkpoints and the lease of one stream. */
export class StreamRecovery {
  readonly #host: RecoveryHost;
  readonly #tracker = new BackfillTracker();
  /** Live events held from a disconnect until backfill has delivered what was missed. */
  #buffer: StreamEvent[] | undefined;
  #checkpoints: Checkpoints | undefined;
  #lease: Lease | undefined;
  /** The next connection reads the checkpoints first (the first one, and each after a lease was regained). */
  #restore = true;

  constructor(host: RecoveryHost) {
    this.#host = host;
  }

  /**
   * Before each connection attempt, with `checkpoint`: learns whose stream this is (once), waits for
   * the lease with `exclusive`, and reads the saved checkpoints before the first connection and after
   * a lease was regained. Returns true when the connection must backfill from them.
   */
  async prepare(): Promise<boolean> {
    const host = this.#host;
    const { options, listener } = host.setup;
    const store = options.checkpoint;
    if (store === undefined) return false;
    if (this.#checkpoints === undefined) {
      // Loaded here, on the first connect with `checkpoint`: apps without it never load this code.
      const durable = await host.durable();
      const owner = await durable.streamOwnerKey(host.internal);
      const checkpoints = new durable.Checkpoints(store, owner, host.report);
      if (options.exclusive === true) {
        const keys = [...host.subscriptions.keys()].sort().join(",");
        const ms = (options.lease_seconds ?? durable.DEFAULT_LEASE_SECONDS) * 1000;
        this.#lease = new durable.Lease(
          store,
          `stream:${owner}|${keys}`,
          ms,
          () => this.#leaseLost(),
          host.report,
        );
      }
      this.#checkpoints = checkpoints;
    }
    if (this.#lease !== undefined && !this.#lease.valid()) {
      await this.#lease.acquire(host.stopped);
      if (host.stopped.aborted) return false;
      this.#restore = true;
      notify(host.report, listener, "onLeaseChange", true);
    }
    if (!this.#restore) return false;
    this.#restore = false;
    return await this.#checkpoints.restore(host.subscriptions.values(), this.#tracker);
  }

  /** Whether a failure of prepare() stops the stream for good (a store holding data it cannot read). */
  isFatal(error: unknown): error is Error {
    return error instanceof MastodonStoreDataError;
  }

  /** Whether the connection ended because the lease went to another process (reconnect at once). */
  isLeaseLoss(error: unknown): boolean {
    return error instanceof LeaseLost;
  }

  /**
   * From now until backfill has run, live events are held: one delivered first would move the cursor
   * (the newest id seen before the disconnect) past the whole outage. Called before connecting, since
   * live events can arrive with the response headers.
   */
  hold(): void {
    this.#buffer ??= [];
  }

  /** Takes a live event while events are held (true); false when it is to be delivered now. */
  held(event: StreamEvent): boolean {
    if (this.#buffer === undefined) return false;
    this.#buffer.push(event);
    return true;
  }

  /**
   * A connection is open: on the first, the starting points of backfill are recorded; after an outage
   * (or to resume from checkpoints), what was missed is delivered, then the live events held meanwhile.
   */
  async connected(first: boolean, backfill: boolean): Promise<void> {
    if (first) await this.#seed();
    if (backfill) await this.#backfill();
  }

  /**
   * Whether an event may be delivered: false when it was delivered already or this process lost the
   * lease; otherwise, with checkpoints, what to call once the listener has finished with it.
   */
  admit(event: StreamEvent): false | (() => void) | undefined {
    // Lease lost (or not confirmed in time): another process delivers from the checkpoint on.
    if (this.#lease !== undefined && !this.#lease.valid()) return false;
    if (this.#tracker.isDuplicate(event)) return false;
    if (this.#checkpoints === undefined || (event.event !== "update" && event.event !== "notification"))
      return undefined;
    const id = (event.payload as { id?: unknown }).id;
    return typeof id === "string"
      ? this.#checkpoints.delivered(streamKey(event.stream), event.event, id)
      : undefined;
  }

  /** Resolves when the checkpoint of every item the listener has finished is saved. */
  async flush(): Promise<void> {
    await this.#checkpoints?.flushed();
  }

  /** The stream is closed or stopped for good: the lease goes back to the fleet. */
  close(): void {
    this.#lease?.release();
  }

  /** Gives streams that have delivered nothing yet a backfill starting point (the first connection). */
  async #seed(): Promise<void> {
    const host = this.#host;
    try {
      for (const subscription of host.subscriptions.values()) {
        await seedCursors(host.internal, subscription, this.#tracker);
      }
      // A bot that stops before its first event still reads on from here when it starts again.
      await this.#checkpoints?.saveStart(host.subscriptions.values(), this.#tracker);
    } catch (error) {
      if (!host.stopped.aborted) host.report(asError(error));
    }
  }

  /**
   * Delivers the statuses and notifications missed during the outage, oldest first, source by source,
   * then the live events held meanwhile (those backfill delivered already are dropped as duplicates).
   */
  async #backfill(): Promise<void> {
    const host = this.#host;
    this.#buffer ??= [];
    const run: BackfillRun = {
      internal: host.internal,
      tracker: this.#tracker,
      limit: host.setup.options.backfill_limit,
      deliver: (event) => host.deliver(event),
    };
    try {
      for (const subscription of host.subscriptions.values()) {
        for (const source of backfillSources(subscription)) {
          const gap = await this.#backfillWithRetries(run, subscription, source);
          if (host.stopped.aborted) return;
          if (gap !== undefined) {
            host.deliver({ event: "backfill_incomplete", payload: gap, stream: streamParts(subscription) });
          }
        }
      }
    } finally {
      // Undefined when the lease was lost meanwhile: what was held is another process's to deliver.
      const held: StreamEvent[] | undefined = this.#buffer;
      this.#buffer = undefined;
      if (held !== undefined) for (const event of held) host.deliver(event);
    }
  }

  async #backfillWithRetries(
    run: BackfillRun,
    subscription: CheckedSubscription,
    source: ReturnType<typeof backfillSources>[number],
  ): Promise<BackfillGap | undefined> {
    const host = this.#host;
    const counted = { delivered: 0 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await backfillSource(run, subscription, source, counted);
      } catch (failure) {
        if (host.stopped.aborted) return undefined;
        const error = asError(failure);
        if (attempt >= BACKFILL_ATTEMPTS) {
          host.report(error);
          const after = run.tracker.newest(subscription, source.kind) ?? "";
          return { kind: source.kind, reason: "error", after, delivered: counted.delivered, error };
        }
        try {
          await sleep(host.retryWait * attempt, host.stopped);
        } catch {
          return undefined;
        }
      }
    }
  }

  #leaseLost(): void {
    if (this.#host.stopped.aborted) return;
    this.#buffer = undefined;
    notify(this.#host.report, this.#host.setup.listener, "onLeaseChange", false);
    this.#host.drop(new LeaseLost("the exclusive lease went to another process"));
  }
}
