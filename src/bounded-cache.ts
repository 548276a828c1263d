/**
 * A Map with a bound, dropping the oldest entries first. For values computed from immutable
 * inputs (a prepared statement per SQL text, the HTML of a Markdown text): a dropped entry
 * only costs computing it again. The bound is a number of entries, or a total weight when
 * entries differ in size.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (key: K, value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V): V {
    const weight = this.weigh(key, value);
    if (weight > this.maxWeight) return value;
    this.delete(key);
    while (this.totalWeight + weight > this.maxWeight) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    return value;
  }

  /** The cached value, or `compute(key)` remembered. */
  getOrSet(key: K, compute: (key: K) => V): V {
    const cached = this.entries.get(key);
    return cached !== undefined ? cached.value : this.set(key, compute(key));
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }
}
