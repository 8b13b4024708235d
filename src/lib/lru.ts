/**
 * A map that keeps the last `size` keys used: reading a key makes it the most recently used, and
 * setting one past the size lets the least recently used go (a Map keeps its insertion order, so
 * that is the first).
 */
export class Lru<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be a positive integer");
  }

  get(key: K): V | undefined {
    const found = this.values.get(key);
    if (found !== undefined) {
      this.values.delete(key);
      this.values.set(key, found);
    }
    return found;
  }

  set(key: K, value: V): void {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.size) this.values.delete(this.values.keys().next().value!);
  }

  /** Lets `key` go, if it still holds `value` (when given). */
  delete(key: K, value?: V): void {
    if (value === undefined || this.values.get(key) === value) this.values.delete(key);
  }

  clear(): void {
    this.values.clear();
  }

  get count(): number {
    return this.values.size;
  }
}
