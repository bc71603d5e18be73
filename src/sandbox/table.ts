/**
 * One kind of record, kept in id order with optional secondary indexes. Ids are snowflakes issued in
 * increasing order, so appending keeps `order` sorted and a timeline is a walk from the end; a record
 * loaded or inserted out of order is placed by binary search. Removed ids stay in `order` until the
 * next compaction, and every walk skips them.
 */
import { compareIds } from "./ids.js";

export type IndexKey<T> = (row: T) => string | null | undefined;

export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, T>();
  private order: string[] = [];
  private removed = 0;
  private readonly indexes = new Map<string, { key: IndexKey<T>; map: Map<string, Set<string>> }>();

  /** `indexes` name a key per record that never changes after insertion (an owner id, a status id). */
  constructor(indexes: Record<string, IndexKey<T>> = {}) {
    for (const [name, key] of Object.entries(indexes)) this.indexes.set(name, { key, map: new Map() });
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  insert(row: T): T {
    if (this.rows.has(row.id)) throw new Error(`duplicate id ${row.id}`);
    this.rows.set(row.id, row);
    const last = this.order[this.order.length - 1];
    if (last === undefined || compareIds(last, row.id) < 0) this.order.push(row.id);
    else {
      const at = this.lowerBound(row.id);
      // The id may still be in `order` from a removal that was not compacted yet.
      if (this.order[at] !== row.id) this.order.splice(at, 0, row.id);
      else this.removed--;
    }
    for (const { key, map } of this.indexes.values()) {
      const k = key(row);
      if (k === null || k === undefined) continue;
      const set = map.get(k);
      if (set) set.add(row.id);
      else map.set(k, new Set([row.id]));
    }
    return row;
  }

  delete(id: string): T | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.rows.delete(id);
    for (const { key, map } of this.indexes.values()) {
      const k = key(row);
      if (k === null || k === undefined) continue;
      const set = map.get(k);
      set?.delete(id);
      if (set?.size === 0) map.delete(k);
    }
    this.removed++;
    if (this.removed > 64 && this.removed > this.order.length / 4) this.compact();
    return row;
  }

  /** Removes every record for which `test` is true. */
  deleteWhere(test: (row: T) => boolean): T[] {
    const gone = [...this.rows.values()].filter(test);
    for (const row of gone) this.delete(row.id);
    return gone;
  }

  /** The first record for which `test` is true, oldest first. */
  find(test: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (test(row)) return row;
    return undefined;
  }

  filter(test: (row: T) => boolean): T[] {
    return [...this.rows.values()].filter(test);
  }

  /** Every record, oldest first. */
  all(): T[] {
    return this.order.flatMap((id) => this.rows.get(id) ?? []);
  }

  /** Records whose index key is `value`, oldest first. */
  lookup(index: string, value: string): T[] {
    const entry = this.indexes.get(index);
    if (!entry) throw new Error(`no index ${index}`);
    const ids = [...(entry.map.get(value) ?? [])].sort(compareIds);
    return ids.flatMap((id) => this.rows.get(id) ?? []);
  }

  /**
   * Whether a record with index key `value` passes `test`. Unlike `lookup(...).some(...)` it neither
   * copies nor sorts the index: renderers ask this for every status they show.
   */
  some(index: string, value: string, test: (row: T) => boolean): boolean {
    const entry = this.indexes.get(index);
    if (!entry) throw new Error(`no index ${index}`);
    for (const id of entry.map.get(value) ?? []) {
      const row = this.rows.get(id);
      if (row && test(row)) return true;
    }
    return false;
  }

  /** How many records have index key `value`. */
  count(index: string, value: string): number {
    return this.indexes.get(index)?.map.get(value)?.size ?? 0;
  }

  /** Newest first, starting below `belowId` when given. */
  *newestFirst(belowId?: string): Generator<T> {
    let i = belowId === undefined ? this.order.length - 1 : this.lowerBound(belowId) - 1;
    for (; i >= 0; i--) {
      const row = this.rows.get(this.order[i]!);
      if (row) yield row;
    }
  }

  /** Oldest first, starting above `aboveId` when given. */
  *oldestFirst(aboveId?: string): Generator<T> {
    let i = aboveId === undefined ? 0 : this.upperBound(aboveId);
    for (; i < this.order.length; i++) {
      const row = this.rows.get(this.order[i]!);
      if (row) yield row;
    }
  }

  clear(): void {
    this.rows.clear();
    this.order = [];
    this.removed = 0;
    for (const { map } of this.indexes.values()) map.clear();
  }

  load(rows: readonly T[]): void {
    this.clear();
    for (const row of [...rows].sort((a, b) => compareIds(a.id, b.id))) this.insert(row);
  }

  private compact(): void {
    this.order = this.order.filter((id) => this.rows.has(id));
    this.removed = 0;
  }

  /** The first position whose id is >= `id`. */
  private lowerBound(id: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(this.order[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position whose id is > `id`. */
  private upperBound(id: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(this.order[mid]!, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
