/**
 * The whole content of an in-process store (memory, file) as one JSON-safe object, and the store's
 * steps on it. The file store reads it, applies one step and writes it back under a lock.
 */
import { freshBudget, newerId, reportBudget, takeBudget } from "./budget-logic.js";
import {
  type BudgetGrant,
  type BudgetRecord,
  type BudgetReport,
  type BudgetTake,
  type LeaseAnswer,
  MastodonStoreDataError,
} from "./types.js";

export interface StoreData {
  version: 1;
  checkpoints: Record<string, string>;
  /** Lease holders and when their lease ends (ms since the epoch). */
  leases: Record<string, { owner: string; until: number }>;
  budgets: Record<string, BudgetRecord>;
}

export function emptyData(): StoreData {
  return { version: 1, checkpoints: {}, leases: {}, budgets: {} };
}

const BUDGET_FIELDS = [
  "limit",
  "remaining",
  "reset",
  "known",
  "slot",
  "probe",
  "inflight",
  "silent",
] as const;

/** Checks data read back from a file; `where` names it in the error. */
export function checkData(value: unknown, where: string): StoreData {
  const fail = (what: string): never => {
    throw new MastodonStoreDataError(
      `${where} does not hold mastodon-ts store data (${what}). Move it away or point the store at another file; ` +
        "mastodon-ts will not guess what it meant.",
    );
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("not a JSON object");
  const data = value as Record<string, unknown>;
  if (data.version !== 1) return fail(`unknown version ${JSON.stringify(data.version)}`);
  for (const part of ["checkpoints", "leases", "budgets"] as const) {
    const section = data[part];
    if (typeof section !== "object" || section === null || Array.isArray(section))
      return fail(`no "${part}" object`);
  }
  for (const [key, id] of Object.entries(data.checkpoints as object)) {
    if (typeof id !== "string" || id === "") fail(`checkpoint "${key}" is not an id`);
  }
  for (const [key, lease] of Object.entries(data.leases as object)) {
    const l = lease as { owner?: unknown; until?: unknown } | null;
    if (typeof l?.owner !== "string" || typeof l.until !== "number") fail(`lease "${key}" is malformed`);
  }
  for (const [key, budget] of Object.entries(data.budgets as object)) {
    const b = budget as Record<string, unknown> | null;
    if (BUDGET_FIELDS.some((field) => typeof b?.[field] !== "number" || !Number.isFinite(b[field]))) {
      fail(`budget "${key}" is malformed`);
    }
  }
  return value as StoreData;
}

export function advanceCheckpoint(data: StoreData, key: string, id: string): string {
  const saved = data.checkpoints[key];
  if (saved === undefined || newerId(id, saved)) data.checkpoints[key] = id;
  return data.checkpoints[key] as string;
}

export function takeLease(data: StoreData, key: string, owner: string, ms: number, now: number): LeaseAnswer {
  const lease = data.leases[key];
  if (lease !== undefined && lease.owner !== owner && lease.until > now) {
    return { held: false, remainingMs: lease.until - now };
  }
  data.leases[key] = { owner, until: now + ms };
  return { held: true, remainingMs: ms };
}

export function releaseLease(data: StoreData, key: string, owner: string): void {
  if (data.leases[key]?.owner === owner) delete data.leases[key];
}

export function takeFromBudget(data: StoreData, key: string, take: BudgetTake): BudgetGrant {
  data.budgets[key] ??= freshBudget();
  const grant = takeBudget(data.budgets[key], take);
  return { ...grant, state: { ...grant.state } };
}

export function reportToBudget(data: StoreData, key: string, report: BudgetReport): void {
  data.budgets[key] ??= freshBudget();
  reportBudget(data.budgets[key], report);
}
