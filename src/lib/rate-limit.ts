/**
 * A per-key sliding-window limit that refuses (rather than waits): at most `limit` hits per
 * `windowMs` for one key. Keys are forgotten when their window is empty, so memory follows the
 * people active in the last window only.
 */
export interface RateLimit {
  /** Records a hit for `key` at `now` if it is within the limit; false (nothing recorded) if not. */
  allow(key: string, now: number): boolean;
}

/**
 * One key's hits, oldest first: those before `head` have left the window. A hit leaves by moving
 * `head`, so a hit costs the same however many a window holds; the left ones are cut off once they
 * are half the list.
 */
interface Hits {
  times: number[];
  head: number;
  /** The latest hit (the list's last, unless the clock stepped back). */
  latest: number;
}

export function createRateLimit(limit: number, windowMs: number): RateLimit {
  if (!Number.isInteger(limit) || limit < 1 || !(windowMs > 0)) throw new RangeError("limit must be a positive integer and windowMs positive");
  const hits = new Map<string, Hits>();
  let lastSweep = 0;
  return {
    allow(key, now) {
      if (now - lastSweep > windowMs) {
        for (const [k, h] of hits) if (now - h.latest >= windowMs) hits.delete(k);
        lastSweep = now;
      }
      let h = hits.get(key);
      if (h) {
        // A hit from a clock that stepped back stays until those before it left: never fewer counted.
        while (h.head < h.times.length && now - (h.times[h.head] as number) >= windowMs) h.head++;
        if (h.head > 0 && h.head * 2 >= h.times.length) {
          h.times = h.times.slice(h.head);
          h.head = 0;
        }
        if (h.times.length - h.head >= limit) return false;
      } else {
        h = { times: [], head: 0, latest: now };
        hits.set(key, h);
      }
      h.times.push(now);
      h.latest = Math.max(h.latest, now);
      return true;
    },
  };
}
