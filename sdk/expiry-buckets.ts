/**
 * Keys grouped by the second in which they expire, swept from a cursor: the
 * memory store finds its expired entries without scanning the live ones.
 * @internal
 * @module
 */

const second = (ms: number) => Math.floor(ms / 1000);

export class ExpiryBuckets {
  private readonly buckets = new Map<number, Set<string>>();
  /** Every bucket before this second has been swept. */
  private cursor = -Infinity;

  add(key: string, expiresAt: number): void {
    const s = second(expiresAt);
    // A clock that went back can file a key behind the cursor: sweep from there again.
    if (s < this.cursor) this.cursor = s;
    let bucket = this.buckets.get(s);
    if (!bucket) this.buckets.set(s, (bucket = new Set()));
    bucket.add(key);
  }

  remove(key: string, expiresAt: number): void {
    const s = second(expiresAt);
    const bucket = this.buckets.get(s);
    if (bucket?.delete(key) && bucket.size === 0) this.buckets.delete(s);
  }

  /**
   * Hands every key of the seconds before `now`'s (all expired) to `drop`.
   * The work is the smaller of the seconds elapsed since the last sweep and
   * the number of buckets: O(1) amortized per second of clock time, plus
   * one step per key dropped.
   */
  sweep(now: number, drop: (key: string) => void): void {
    const current = second(now);
    if (current <= this.cursor) return;
    const take = (s: number, bucket: Set<string>) => {
      this.buckets.delete(s);
      for (const key of bucket) drop(key);
    };
    if (current - this.cursor <= this.buckets.size) {
      for (let s = this.cursor; s < current; s++) {
        const bucket = this.buckets.get(s);
        if (bucket) take(s, bucket);
      }
    } else {
      for (const [s, bucket] of this.buckets) if (s < current) take(s, bucket);
    }
    this.cursor = current;
  }
}
