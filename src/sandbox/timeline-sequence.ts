/**
 * Ids for lists and notifications as Mastodon gives them: a database sequence (1, 2, 3, ...), not
 * snowflakes. The high-water mark is remembered per table so a deleted newest id is not handed out
 * again while the sandbox runs; after a restart it starts above the largest id stored.
 */
import type { Table } from "./table.js";

const highest = new WeakMap<object, bigint>();

export function nextSequentialId<T extends { id: string }>(table: Table<T>): string {
  let top = highest.get(table) ?? 0n;
  const newest = table.newestFirst().next();
  if (!newest.done && /^\d+$/.test(newest.value.id)) {
    const stored = BigInt(newest.value.id);
    if (stored > top) top = stored;
  }
  top += 1n;
  highest.set(table, top);
  return top.toString();
}
