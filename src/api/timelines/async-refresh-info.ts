/**
 * getAsyncRefreshInfo, apart from the other async-refresh methods: it answers at once, so the class
 * holds it from the start (../sync-methods.ts), while polling and waiting load with their area.
 */
import type { AsyncRefresh } from "../../entities/index.js";
import { asyncRefreshHintOf } from "./async-refresh-header.js";

/** The async refresh a result announced, as `[refresh, retrySeconds]`; undefined without one. */
export function getAsyncRefreshInfo(result: unknown): [AsyncRefresh, number] | undefined {
  const hint = asyncRefreshHintOf(result);
  if (!hint) return undefined;
  const refresh: AsyncRefresh = { id: hint.id, status: "running", result_count: hint.result_count ?? null };
  return [refresh, hint.retry];
}
