/**
 * The one store interface behind shared rate-limit budgets, stream checkpoints and exclusive leases.
 * Three implementations: memoryStore() (the default, one process), fileStore(path) (one machine,
 * survives restarts) and redisStore() from "mastodon-ts/redis" (any number of processes and machines).
 *
 * Every method is one atomic step in the store: never a read followed by a separate write, so two
 * processes sharing a store cannot interleave inside it.
 */
import { MastodonError } from "../core/errors.js";

/** The rate-limit state of one budget, as every client sharing the store sees it. */
export interface BudgetRecord {
  /** Requests per window, as the server last reported. */
  limit: number;
  /** Requests left in the window (less those granted and not yet answered). */
  remaining: number;
  /** When the window resets, in seconds since the epoch on the server's clock. */
  reset: number;
  /** 1 when `reset` comes from the server's current window; 0 after it turned over. */
  known: number;
  /** The last pace slot granted (server clock, seconds); 0 for none. */
  slot: number;
  /** While the window is unknown, one request asks for it; others wait until this time. */
  probe: number;
  /** Requests granted and not yet answered (reset with each window). */
  inflight: number;
  /** 1 when the server answered without rate-limit headers: no probing, no budget to share. */
  silent: number;
}

/** A request for one unit of a budget. Times are seconds on the server's clock (as estimated). */
export interface BudgetTake {
  /** The time of the request: seconds since the epoch on the server's clock, as estimated. */
  now: number;
  /** Spread the budget over the window ("pace"), rather than grant at once. */
  pace: boolean;
  /** With `pace`: how much faster than evenly spread slots are granted (ratelimit_pacefactor, e.g. 1.1). */
  pacefactor: number;
  /** How long a probe of an unknown window may stay unanswered before another is sent. */
  probeSeconds: number;
}

/** Granted (`slot`: when the request may go) or refused for now (`wait` seconds, and why). */
export type BudgetGrant =
  | {
      /** The request may go. */
      granted: true;
      /** When it may go (server clock, seconds): `now`, or a later pace slot with `pace`. */
      slot: number;
      /** The budget after the grant. */
      state: BudgetRecord;
    }
  | {
      /** The request must wait and ask again. */
      granted: false;
      /** Seconds to wait before asking again. */
      wait: number;
      /** True when the window's budget is spent (wait until it resets); false while another request probes an unknown window. */
      exhausted: boolean;
      /** The budget as it stands. */
      state: BudgetRecord;
    };

/** What an answer told about a budget. */
export interface BudgetReport {
  /** When the answer arrived: seconds since the epoch on the server's clock, as estimated. */
  now: number;
  /** How many granted requests this report settles (1 for an answer, 0 for a 429 noted twice). */
  settled: number;
  /** The server's X-RateLimit-Remaining / -Limit / -Reset (server clock), when it sent them. */
  remaining?: number | undefined;
  /** X-RateLimit-Limit: requests per window. */
  limit?: number | undefined;
  /** X-RateLimit-Reset: when the window ends, in seconds since the epoch (server clock). */
  reset?: number | undefined;
  /** The answer carried no rate-limit headers at all (a server that does not report them). */
  silent?: boolean | undefined;
  /** A 429: nothing is left until `reset` (or until `now + retryAfter` without a reset). */
  exhausted?: boolean | undefined;
  /** With `exhausted`: the 429's Retry-After, in seconds, used when it gave no reset. */
  retryAfter?: number | undefined;
}

/** The answer to a lease request. */
export interface LeaseAnswer {
  /** True when `owner` holds the lease now (taken or renewed). */
  held: boolean;
  /** Milliseconds until the lease expires (the holder's, when not held). */
  remainingMs: number;
}

/**
 * Where state shared between clients is kept: rate-limit budgets (`ratelimit_store`), stream and
 * polling checkpoints, and leases that let one process of many hold a stream. memoryStore(),
 * fileStore(path) and redisStore() (from "mastodon-ts/redis") implement it; every method is one
 * atomic step. A store that cannot be reached or holds foreign data rejects with
 * MastodonStoreError or MastodonStoreDataError.
 */
export interface MastodonStore {
  /** "memory", "file" or "redis", for messages. */
  readonly kind: string;
  /** The newest id saved under `key`, if any. */
  getCheckpoint(key: string): Promise<string | undefined>;
  /** Saves `id` under `key` unless a newer id is there already; returns the id the store keeps. */
  advanceCheckpoint(key: string, id: string): Promise<string>;
  /** Takes the lease `key` for `owner` when it is free or already `owner`'s, for `ms` milliseconds. */
  lease(key: string, owner: string, ms: number): Promise<LeaseAnswer>;
  /** Gives the lease up if `owner` holds it. */
  releaseLease(key: string, owner: string): Promise<void>;
  /** Takes one unit of the budget `key`, or says how long to wait. */
  takeBudget(key: string, take: BudgetTake): Promise<BudgetGrant>;
  /** Records what an answer said about the budget `key`. */
  reportBudget(key: string, report: BudgetReport): Promise<void>;
  /** Releases what the store holds (a connection it opened). */
  close?(): Promise<void>;
}

/** The store could not be used: unreachable, refused, or its data is not what mastodon-ts wrote. */
export class MastodonStoreError extends MastodonError {
  static override readonly errorName: string = "MastodonStoreError";
}

/** The store holds data mastodon-ts did not write (corrupt, edited, another program's): retrying will not help. */
export class MastodonStoreDataError extends MastodonStoreError {
  static override readonly errorName: string = "MastodonStoreDataError";
}

/** True for anything that looks like a MastodonStore (checked where one is passed in). */
export function isStore(value: unknown): value is MastodonStore {
  if (typeof value !== "object" || value === null) return false;
  const store = value as Record<string, unknown>;
  return ["getCheckpoint", "advanceCheckpoint", "lease", "releaseLease", "takeBudget", "reportBudget"].every(
    (name) => typeof store[name] === "function",
  );
}
