/**
 * A per-key sliding-window limit that refuses (rather than waits): at most `limit` hits per
 * `windowMs` for one key. Keys are forgotten when their window is empty, so memory follows the
 * people active in the last window only.
 */
export interface RateLimit {
  /** Records a hit for `key` at `now` if it is within the limit; false (nothing recorded) if not. */
  allow(key: string, now: number): boolean;
}

export function createRateLimit(limit: number, windowMs: number): RateLimit {
  if (!Number.isInteger(limit) || limit < 1 || !(windowMs > 0)) throw new RangeError("limit must be a positive integer and windowMs positive");
  const hits = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    allow(key, now) {
      if (now - lastSweep > windowMs) {
        for (const [k, times] of hits) if (times.every((t) => now - t >= windowMs)) hits.delete(k);
        lastSweep = now;
      }
      const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return false;
      }
      recent.push(now);
      hits.set(key, recent);
      return true;
    },
  };
}
