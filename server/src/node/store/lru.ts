// A bounded map for the office index reader's per-key answers and documents: least recently used
// entries go first, once there are more than `maxEntries` or their weights (an estimate of their
// bytes) add up to more than `maxWeight`. A JavaScript Map keeps insertion order, so re-inserting
// an entry on each read keeps the oldest first.

export interface LruBounds {
  maxEntries: number;
  maxWeight: number;
}

export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly bounds: LruBounds, private readonly weigh: (value: V, key: K) => number = () => 1) {}

  get size(): number {
    return this.map.size;
  }

  /** The summed weights of the entries held. */
  get weight(): number {
    return this.total;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value under `key`, now the most recently used. */
  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.weight;
      this.map.delete(key);
    }
    const weight = Math.max(0, this.weigh(value, key));
    this.map.set(key, { value, weight });
    this.total += weight;
    // never evict the entry just set: an answer larger than the bound is still returned once
    while (this.map.size > 1 && (this.map.size > this.bounds.maxEntries || this.total > this.bounds.maxWeight)) {
      const [k, e] = this.map.entries().next().value!;
      this.map.delete(k);
      this.total -= e.weight;
    }
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
