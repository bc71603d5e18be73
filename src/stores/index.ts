/** The stores: memoryStore (default), fileStore; redisStore lives in the "mastodon-ts/redis" subpath. */
export { fileStore } from "./file.js";
export { memoryStore } from "./memory.js";
export {
  type BudgetGrant,
  type BudgetRecord,
  type BudgetReport,
  type BudgetTake,
  isStore,
  type LeaseAnswer,
  type MastodonStore,
  MastodonStoreError,
} from "./types.js";
