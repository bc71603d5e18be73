/** memoryStore(): the default store, in this process only (today's behaviour, now behind the interface). */
import {
  advanceCheckpoint,
  emptyData,
  releaseLease,
  reportToBudget,
  takeFromBudget,
  takeLease,
} from "./data.js";
import type { MastodonStore } from "./types.js";

/**
 * A store in this process's memory: what each client uses when given no store. Clients handed the
 * same memoryStore() share its budgets, checkpoints and leases; nothing survives the process.
 */
export function memoryStore(): MastodonStore {
  const data = emptyData();
  return {
    kind: "memory",
    getCheckpoint: async (key) => data.checkpoints[key],
    advanceCheckpoint: async (key, id) => advanceCheckpoint(data, key, id),
    lease: async (key, owner, ms) => takeLease(data, key, owner, ms, Date.now()),
    releaseLease: async (key, owner) => releaseLease(data, key, owner),
    takeBudget: async (key, take) => takeFromBudget(data, key, take),
    reportBudget: async (key, report) => reportToBudget(data, key, report),
  };
}
