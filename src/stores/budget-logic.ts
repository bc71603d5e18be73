/**
 * The rate-limit budget's steps on a plain record, for the stores that hold their data in this
 * process (memory, file). The Redis store runs the same steps as Lua scripts (../redis/scripts.ts);
 * test/stores-budget.test.ts runs both on the same sequences.
 */
import type { BudgetGrant, BudgetRecord, BudgetReport, BudgetTake } from "./types.js";

/** The budget before the server has said anything: Mastodon's default, unknown window. */
export function freshBudget(): BudgetRecord {
  return { limit: 300, remaining: 300, reset: 0, known: 0, slot: 0, probe: 0, inflight: 0, silent: 0 };
}

/** How long a waiter sleeps before asking again when the window is unknown. */
export const UNKNOWN_WINDOW_POLL_SECONDS = 0.05;

/** Requests counted in flight with no grant for this long are taken as lost (their process died). */
export const STALE_INFLIGHT_SECONDS = 30;

export function takeBudget(record: BudgetRecord, take: BudgetTake): BudgetGrant {
  const { now } = take;
  if (record.known === 1 && now >= record.reset) {
    // The window has turned over: the whole budget again, less the requests still in flight (sent
    // late in the old window, they may count in the new one), and its new end is not known yet.
    // Requests in flight with no grant for a long while are those of a process that died mid-request.
    if (now - record.slot > STALE_INFLIGHT_SECONDS) record.inflight = 0;
    record.known = 0;
    // A limit below 1 (a store written by hand, or by a hostile party) would refill with nothing for good.
    record.remaining = Math.max(0, Math.max(1, record.limit) - record.inflight);
    record.slot = 0;
    record.probe = 0;
  }
  // While the window is unknown one request at a time asks for it: its answer tells the budget,
  // and a fleet's burst must not spend more than there is.
  if (record.known === 0 && record.silent === 0 && record.probe > now) {
    return {
      granted: false,
      wait: Math.min(record.probe - now, UNKNOWN_WINDOW_POLL_SECONDS),
      exhausted: false,
      state: record,
    };
  }
  if (record.remaining <= 0) {
    const wait = record.known === 1 ? record.reset - now : UNKNOWN_WINDOW_POLL_SECONDS;
    return { granted: false, wait, exhausted: true, state: record };
  }
  let slot = now;
  if (take.pace && record.known === 1 && record.reset > now) {
    const base = record.slot > 0 ? Math.min(record.slot, record.reset) : now;
    slot = Math.max(now, base + (record.reset - base) / record.remaining / take.pacefactor);
  }
  record.remaining -= 1;
  record.inflight += 1;
  record.slot = slot;
  if (record.known === 0 && record.silent === 0) record.probe = now + take.probeSeconds;
  return { granted: true, slot, state: record };
}

export function reportBudget(record: BudgetRecord, report: BudgetReport): void {
  record.inflight = Math.max(0, record.inflight - report.settled);
  if (report.remaining === undefined || report.reset === undefined) {
    record.probe = 0;
    if (report.silent === true) record.silent = 1;
    // A 429 that names no reset leaves the budget as it was: zero with no window to wait out
    // would refuse every process sharing the store, for good.
    if (report.exhausted === true && report.retryAfter !== undefined) {
      record.remaining = 0;
      record.reset = report.now + report.retryAfter;
      record.known = 1;
    }
    return;
  }
  // An answer from a window already left behind (answers arrive out of order) is stale, and so is
  // one whose window has ended: it tells nothing about the current one.
  if ((record.known === 1 && report.reset < record.reset - 0.5) || report.reset <= report.now) {
    record.probe = 0;
    return;
  }
  const sameWindow = record.known === 1 && Math.abs(report.reset - record.reset) < 0.5;
  if (report.limit !== undefined) record.limit = report.limit;
  // The server's count less what was granted and not yet answered (the server has not counted it).
  // Within a window the lower estimate wins: an older answer arriving late must not raise it.
  const told = Math.max(0, report.remaining - record.inflight);
  record.remaining = sameWindow ? Math.min(record.remaining, told) : told;
  record.reset = sameWindow ? Math.max(record.reset, report.reset) : report.reset;
  record.known = 1;
  record.probe = 0;
  record.silent = 0;
  if (report.exhausted === true) record.remaining = 0;
}

/** Orders opaque ids as backfill does: longer is newer, equal lengths compare character by character. */
export function newerId(a: string, b: string): boolean {
  return a.length > b.length || (a.length === b.length && a > b);
}
