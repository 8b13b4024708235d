import { describe, it, expect } from "vitest";
import { seededRandom } from "../../scripts/bench/local-connector.js";
import {
  atTheWire,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_LATE_MS,
  TEAMS_TENANT_LIMITS,
  withHeadroom,
  shareOf,
  createPacer,
  type Pacer,
  type PacerOptions,
} from "../../src/lib/pacer.js";

const T0 = 1_700_000_000_000;

/** Fake clock whose sleep jumps the clock forward at once and logs the requested ms. */
function steppingClock(start = T0) {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: (): number => clock.t,
    sleep: async (ms: number): Promise<void> => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

/**
 * Fake clock with a timer queue, for several sleepers at once: `settle`
 * fires the earliest timer, moves the clock to it, and repeats until idle.
 */
function schedulerClock(start = T0) {
  let seq = 0;
  const timers: { at: number; seq: number; fire: () => void }[] = [];
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const clock = {
    t: start,
    now: (): number => clock.t,
    sleep: (ms: number): Promise<void> =>
      new Promise<void>((resolve) => {
        timers.push({ at: clock.t + ms, seq: seq++, fire: resolve });
      }),
    async settle(): Promise<void> {
      await flush();
      while (timers.length > 0) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) break;
        clock.t = Math.max(clock.t, next.at);
        next.fire();
        await flush();
      }
    },
  };
  return clock;
}

function pacerWith(clock: { now: () => number; sleep: (ms: number) => Promise<void> }, extra: PacerOptions = {}): Pacer {
  return createPacer({ now: clock.now, sleep: clock.sleep, ...extra });
}

/** Largest number of times in any half-open window [t, t + windowMs). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe("Teams limits", () => {
  it("match the documented per-conversation and per-tenant bot limits", () => {
    expect(TEAMS_CONVERSATION_LIMITS).toEqual([
      { limit: 7, windowMs: 1_000 },
      { limit: 8, windowMs: 2_000 },
      { limit: 60, windowMs: 30_000 },
      { limit: 1_800, windowMs: 3_600_000 },
    ]);
    expect(TEAMS_TENANT_LIMITS).toEqual([{ limit: 50, windowMs: 1_000 }]);
  });
});

/** One of Teams' per-conversation windows alone, to look at how the pacer keeps one window. */
const PER_SECOND = [{ limit: 7, windowMs: 1_000 }];
const UP_TO_30_S = [{ limit: 7, windowMs: 1_000 }, { limit: 60, windowMs: 30_000 }];
const UP_TO_HOUR = [...UP_TO_30_S, { limit: 1_800, windowMs: 3_600_000 }];

describe("createPacer per conversation", () => {
  it("lets 7 takes in the same ms through, the 8th waits until the first leaves the 1 s window", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock);
    for (let i = 0; i < 7; i++) await pacer.take("conv-a");
    expect(clock.sleeps).toEqual([]);
    expect(clock.t).toBe(T0);
    expect(pacer.delayFor("conv-a")).toBe(1_000);

    clock.t += 400;
    expect(pacer.delayFor("conv-a")).toBe(600);

    await pacer.take("conv-a");
    expect(clock.sleeps).toEqual([600]);
    expect(clock.t).toBe(T0 + 1_000);
  });

  it("makes the 61st take within 30 s wait for the 30 s window", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock, { conversation: UP_TO_30_S });
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      await pacer.take("conv-a");
      times.push(clock.t - T0);
    }
    // 7 per second for 8 seconds, then the last 4 at 8 s.
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times.slice(56)).toEqual([8_000, 8_000, 8_000, 8_000]);
    expect(clock.sleeps).toEqual(Array<number>(8).fill(1_000));
    // The 1 s window has room, the 30 s window does not.
    expect(pacer.delayFor("conv-a")).toBe(22_000);

    await pacer.take("conv-a");
    expect(clock.sleeps.at(-1)).toBe(22_000);
    expect(clock.t).toBe(T0 + 30_000);
  });

  it("makes the 1801st take wait for the hourly cap", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock, { conversation: UP_TO_HOUR });
    const times: number[] = [];
    for (let i = 0; i < 1_800; i++) {
      await pacer.take("conv-a");
      times.push(clock.t - T0);
    }
    // 30 blocks of 60 sends, one block per 30 s.
    expect(times[60]).toBe(30_000);
    expect(times[1_799]).toBe(29 * 30_000 + 8_000);
    expect(maxInWindow(times, 30_000)).toBe(60);

    // The 30 s window would allow a send at 900 s; the hourly cap holds it until 3600 s.
    expect(pacer.delayFor("conv-a")).toBe(3_600_000 - 878_000);
    await pacer.take("conv-a");
    expect(clock.sleeps.at(-1)).toBe(2_722_000);
    expect(clock.t).toBe(T0 + 3_600_000);
  });

  it("forgets old sends: after an idle hour 7 takes pass at once again", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock);
    for (let i = 0; i < 7; i++) await pacer.take("conv-a");
    clock.t += 3_600_000;
    const before = clock.sleeps.length;
    for (let i = 0; i < 7; i++) await pacer.take("conv-a");
    expect(clock.sleeps.length).toBe(before);
    expect(pacer.delayFor("conv-a")).toBe(1_000);
  });

  it("queues concurrent takes on one conversation so no 1 s window has more than 7", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock, { conversation: PER_SECOND });
    const times: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        pacer.take("conv-a").then(() => {
          times.push(clock.t - T0);
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(maxInWindow(times, 1_000)).toBe(7);
    expect(times).toEqual([
      ...Array<number>(7).fill(0),
      ...Array<number>(7).fill(1_000),
      ...Array<number>(7).fill(2_000),
      ...Array<number>(4).fill(3_000),
    ]);
  });

  it("does not let two concurrent takes share the last free slot", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock);
    for (let i = 0; i < 6; i++) await pacer.take("conv-a");
    clock.t += 10;
    const times: number[] = [];
    await Promise.all([
      pacer.take("conv-a").then(() => times.push(clock.t - T0)),
      pacer.take("conv-a").then(() => times.push(clock.t - T0)),
    ]);
    expect(times).toEqual([10, 1_000]);
    expect(clock.sleeps).toEqual([990]);
  });

  it("does not slow one conversation down because another is saturated", async () => {
    const clock = schedulerClock();
    const pacer = pacerWith(clock, { conversation: PER_SECOND });
    const timesA: number[] = [];
    const timesB: number[] = [];
    const all = [
      ...Array.from({ length: 10 }, () => pacer.take("conv-a").then(() => timesA.push(clock.t - T0))),
      ...Array.from({ length: 7 }, () => pacer.take("conv-b").then(() => timesB.push(clock.t - T0))),
    ];
    await clock.settle();
    await Promise.all(all);
    expect(timesB).toEqual(Array<number>(7).fill(0));
    expect(timesA).toEqual([...Array<number>(7).fill(0), 1_000, 1_000, 1_000]);
    expect(pacer.delayFor("conv-c")).toBe(0);
  });

  it("keeps the queue going after a take fails", async () => {
    const clock = steppingClock();
    let failNext = true;
    const pacer = createPacer({
      now: clock.now,
      sleep: async (ms) => {
        if (failNext) {
          failNext = false;
          throw new Error("aborted");
        }
        await clock.sleep(ms);
      },
    });
    for (let i = 0; i < 7; i++) await pacer.take("conv-a");
    const failed = pacer.take("conv-a");
    const next = pacer.take("conv-a");
    await expect(failed).rejects.toThrow("aborted");
    await next;
    expect(clock.sleeps).toEqual([1_000]);
    expect(clock.t).toBe(T0 + 1_000);
  });
});

describe("createPacer per tenant", () => {
  it("caps a tenant at 50 per second across 50+ conversations", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock);
    for (let i = 0; i < 50; i++) await pacer.take(`conv-${i}`, "tenant-1");
    expect(clock.sleeps).toEqual([]);

    // A fresh conversation is held by the tenant window only.
    expect(pacer.delayFor("conv-50")).toBe(0);
    expect(pacer.delayFor("conv-50", "tenant-1")).toBe(1_000);
    clock.t += 250;
    await pacer.take("conv-50", "tenant-1");
    expect(clock.sleeps).toEqual([750]);
    expect(clock.t).toBe(T0 + 1_000);
  });

  it("does not count other tenants or takes without a tenant", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock);
    for (let i = 0; i < 50; i++) await pacer.take(`conv-${i}`, "tenant-1");
    await pacer.take("conv-x", "tenant-2");
    await pacer.take("conv-y");
    expect(clock.sleeps).toEqual([]);
    expect(clock.t).toBe(T0);
  });

  it("holds concurrent takes on 60 conversations to 50 per second", async () => {
    const clock = schedulerClock();
    const pacer = pacerWith(clock);
    const times: number[] = [];
    const all = Array.from({ length: 120 }, (_, i) =>
      pacer.take(`conv-${i % 60}`, "tenant-1").then(() => times.push(clock.t - T0)),
    );
    await clock.settle();
    await Promise.all(all);
    expect(times).toHaveLength(120);
    expect(maxInWindow(times, 1_000)).toBe(50);
    expect(times.filter((t) => t === 0)).toHaveLength(50);
    expect(times.filter((t) => t === 1_000)).toHaveLength(50);
    expect(times.filter((t) => t === 2_000)).toHaveLength(20);
  });
});

describe("the limits the bot paces by (withHeadroom)", () => {
  it("add 15 ms to every window and spread the sends of the windows up to 1 s over them", () => {
    expect(withHeadroom(TEAMS_TENANT_LIMITS)).toEqual([
      { limit: 50, windowMs: 1_015 },
      { limit: 1, windowMs: 20.3 },
    ]);
    expect(withHeadroom(TEAMS_CONVERSATION_LIMITS)).toEqual([
      { limit: 7, windowMs: 1_015 },
      { limit: 1, windowMs: 1_015 / 7 },
      { limit: 8, windowMs: 2_015 },
      { limit: 60, windowMs: 30_015 },
      { limit: 1_800, windowMs: 3_600_015 },
    ]);
  });

  /** The bot's pacer (src/bot.ts) on a fake clock whose timers fire `lateBy()` ms late. */
  function botPacer(lateBy: () => number = () => 0) {
    const clock = schedulerClock();
    const late = { ...clock, sleep: (ms: number) => clock.sleep(ms + lateBy()) };
    const pacer = createPacer({ conversation: withHeadroom(TEAMS_CONVERSATION_LIMITS), tenant: withHeadroom(TEAMS_TENANT_LIMITS), lateMs: TEAMS_LATE_MS, now: late.now, sleep: late.sleep });
    return { clock, pacer };
  }

  /** 8 senders (as the outbox's) taking turns for `sends` posts to `conversations` conversations in turn. */
  async function senders(sends: number, conversations: number, pacer: Pacer, sent: () => void): Promise<void> {
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < sends; i = next++) {
        await pacer.take(`conv-${i % conversations}`, "tenant-1");
        sent();
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
  }

  it("keep every per-conversation limit under a long burst to one conversation (7/1 s, 8/2 s, 60/30 s, 1,800/h)", async () => {
    const random = seededRandom(1);
    const { clock, pacer } = botPacer(() => Math.floor(random() * 3));
    const times: number[] = [];
    const all = Array.from({ length: 1_900 }, () => pacer.take("conv-a", "tenant-1").then(() => times.push(clock.t - T0)));
    await clock.settle();
    await Promise.all(all);
    expect(times).toHaveLength(1_900);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2_000)).toBe(8);
    expect(maxInWindow(times, 30_000)).toBe(60);
    expect(maxInWindow(times, 3_600_000)).toBe(1_800);
    // The 1,801st waited for the first to leave the hour.
    expect(times[1_800]).toBeGreaterThanOrEqual(3_600_000);
  });

  it("keep Teams' 50 per 1 s for a tenant under a long burst to many conversations, at ≥ 0.98 of it", async () => {
    const random = seededRandom(2);
    // Timers fire up to 12 ms late: the turns stay on their 20.3 ms grid.
    const { clock, pacer } = botPacer(() => Math.floor(random() * 13));
    const times: number[] = [];
    const all = senders(3_000, 300, pacer, () => times.push(clock.t - T0));
    await clock.settle();
    await all;
    expect(times).toHaveLength(3_000);
    expect(maxInWindow(times, 1_000)).toBe(50);
    const perSecond = (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1_000);
    expect(perSecond).toBeGreaterThanOrEqual(0.98 * 50);
    expect(perSecond).toBeLessThan(50);
    // Each conversation's own limits hold too (10 sends each).
    const byConversation = new Map<number, number[]>();
    times.forEach((t, i) => byConversation.set(i % 300, [...(byConversation.get(i % 300) ?? []), t]));
    for (const own of byConversation.values()) expect(maxInWindow(own, 1_000)).toBeLessThanOrEqual(7);
  });

  it("keep a turn for a sender who comes a few ms after it opened: the grid holds when no sender waits for it", async () => {
    const { clock, pacer } = botPacer();
    const random = seededRandom(5);
    // 9 senders, each back 150 to 190 ms after its turn (the post's 100 ms, notes, the card): room
    // for 53 a second, but each comes at a moment of its own, often after its turn opened. Counted
    // from when it came instead, each such turn would move the grid on (48.7 a second here).
    const times: number[] = [];
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < 2_000; i = next++) {
        await pacer.take(`conv-${i % 400}`, "tenant-1");
        times.push(clock.t - T0);
        await clock.sleep(150 + random() * 40);
      }
    };
    const all = Promise.all(Array.from({ length: 9 }, sender));
    await clock.settle();
    await all;
    expect(times).toHaveLength(2_000);
    // When the sends really went, not the turns they count at: still 50 in any 1 s at most.
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(50);
    const perSecond = (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1_000);
    expect(perSecond).toBeGreaterThanOrEqual(0.98 * 50);
  });

  it("leave room for posts that reach Teams up to 12 ms later than their turn, each by a different delay", async () => {
    const { clock, pacer } = botPacer();
    const random = seededRandom(3);
    const arrivals: number[] = [];
    const all = senders(2_000, 200, pacer, () => arrivals.push(clock.t - T0 + random() * 12));
    await clock.settle();
    await all;
    expect(arrivals).toHaveLength(2_000);
    expect(maxInWindow(arrivals, 1_000)).toBeLessThanOrEqual(50);
  });
});

describe("the check where requests leave (leaving)", () => {
  const wired = (clock: ReturnType<typeof steppingClock>) =>
    createPacer({ conversation: [], tenant: [], wire: { conversation: atTheWire(TEAMS_CONVERSATION_LIMITS), tenant: atTheWire(TEAMS_TENANT_LIMITS) }, now: clock.now, sleep: clock.sleep });

  it("holds the request that would be the tenant's 51st to leave within 1 s, whenever its turn came", async () => {
    const clock = steppingClock();
    const pacer = wired(clock);
    for (let i = 0; i <= 50; i++) await pacer.take(`conv-${i}`, "tenant-1");
    // The first 50 leave 10 ms after their turns on a 20 ms grid; the 51st is quicker to leave.
    for (let i = 0; i < 50; i++) {
      clock.t = T0 + 10 + 20 * i;
      await pacer.leaving(`conv-${i}`);
    }
    expect(clock.sleeps).toEqual([]);
    clock.t = T0 + 1_000;
    await pacer.leaving("conv-50");
    expect(clock.sleeps).toEqual([20]);
    expect(clock.t).toBe(T0 + 10 + 1_010);
  });

  it("holds an 8th request to one conversation within 1 s, and a 9th within 2 s", async () => {
    const clock = steppingClock();
    const pacer = wired(clock);
    await pacer.take("conv-a", "tenant-1");
    const left: number[] = [];
    for (let i = 0; i < 9; i++) {
      await pacer.leaving("conv-a");
      left.push(clock.t - T0);
    }
    expect(left).toEqual([0, 0, 0, 0, 0, 0, 0, 1_010, 2_010]);
  });

  /**
   * The bot's pacer end to end: 8 senders take turns (headroom, grid), build the request (0 to 25
   * ms), pass the check where requests leave, note the post (a database round trip: 0 to 40 ms),
   * then the request leaves and reaches Teams 0 to 8 ms later. Returns when each post arrived.
   */
  async function deliveredThroughTheWire(seed: number, countWhenLeft: boolean): Promise<{ arrivals: number[]; byConversation: Map<number, number[]> }> {
    const clock = schedulerClock();
    const random = seededRandom(seed);
    const pacer = createPacer({
      conversation: withHeadroom(TEAMS_CONVERSATION_LIMITS),
      tenant: withHeadroom(TEAMS_TENANT_LIMITS),
      lateMs: TEAMS_LATE_MS,
      wire: { conversation: atTheWire(TEAMS_CONVERSATION_LIMITS), tenant: atTheWire(TEAMS_TENANT_LIMITS) },
      now: clock.now,
      sleep: clock.sleep,
    });
    const arrivals: number[] = [];
    const byConversation = new Map<number, number[]>();
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < 2_000; i = next++) {
        const conversation = i % 100;
        await pacer.take(`conv-${conversation}`, "tenant-1");
        await clock.sleep(random() * 25);
        const left = await pacer.leaving(`conv-${conversation}`);
        await clock.sleep(random() * 40);
        if (countWhenLeft) left();
        const at = clock.t - T0 + random() * 8;
        arrivals.push(at);
        byConversation.set(conversation, [...(byConversation.get(conversation) ?? []), at]);
      }
    };
    const all = Promise.all(Array.from({ length: 8 }, sender));
    await clock.settle();
    await all;
    return { arrivals, byConversation };
  }

  it("counts a request when it left, after the note: posts whose notes took 0 to 40 ms arrive within Teams' limits, at ≥ 0.97 of 50/s", async () => {
    const { arrivals, byConversation } = await deliveredThroughTheWire(4, true);
    expect(arrivals).toHaveLength(2_000);
    expect(maxInWindow(arrivals, 1_000)).toBeLessThanOrEqual(50);
    const perSecond = (arrivals.length - 1) / ((Math.max(...arrivals) - Math.min(...arrivals)) / 1_000);
    expect(perSecond).toBeGreaterThanOrEqual(0.97 * 50);
    for (const own of byConversation.values()) {
      expect(maxInWindow(own, 1_000)).toBeLessThanOrEqual(7);
      expect(maxInWindow(own, 2_000)).toBeLessThanOrEqual(8);
    }
  });

  it("counted when checked instead (the note's time inside the headroom), the same posts break Teams' 50 per 1 s", async () => {
    const { arrivals } = await deliveredThroughTheWire(4, false);
    expect(maxInWindow(arrivals, 1_000)).toBeGreaterThan(50);
  });

  it("lets requests go at once when it has no limits of its own", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock);
    for (let i = 0; i < 100; i++) await pacer.leaving("conv-a");
    expect(clock.sleeps).toEqual([]);
  });
});

describe("createPacer options", () => {
  it("uses custom windows", async () => {
    const clock = steppingClock();
    const pacer = pacerWith(clock, { conversation: [{ limit: 2, windowMs: 500 }], tenant: [] });
    await pacer.take("c", "t");
    await pacer.take("c", "t");
    await pacer.take("c", "t");
    expect(clock.sleeps).toEqual([500]);
  });

  it("rejects limits that could never pass", () => {
    expect(() => createPacer({ conversation: [{ limit: 0, windowMs: 1_000 }] })).toThrow(RangeError);
    expect(() => createPacer({ tenant: [{ limit: 5, windowMs: 0 }] })).toThrow(RangeError);
    expect(() => createPacer({ tenant: [{ limit: 1.5, windowMs: 1_000 }] })).toThrow(RangeError);
  });
});

describe("a retry's turn (takeAgain)", () => {
  it("counts against the tenant the conversation's send was taken for, and waits like a first send", async () => {
    const clock = steppingClock();
    const pacer = createPacer({ conversation: [], tenant: [{ limit: 2, windowMs: 1_000 }], now: clock.now, sleep: clock.sleep });
    await pacer.take("a", "t1");
    await pacer.take("b", "t1");
    expect(clock.sleeps).toEqual([]);
    await pacer.takeAgain("a"); // the third send of tenant t1 in the window: waits for it
    expect(clock.sleeps.reduce((n, ms) => n + ms, 0)).toBe(1_000);
    // Another tenant's conversation is not held up by t1.
    await pacer.take("c", "t2");
    expect(clock.sleeps.reduce((n, ms) => n + ms, 0)).toBe(1_000);
  });
});

describe("several bot instances under one set of limits", () => {
  it("each keeps to its share: limits divided, windows too small to divide made longer", () => {
    expect(shareOf(TEAMS_TENANT_LIMITS, 1)).toEqual(TEAMS_TENANT_LIMITS);
    expect(shareOf(withHeadroom(TEAMS_TENANT_LIMITS), 2)).toEqual([
      { limit: 25, windowMs: 1_015 },
      { limit: 1, windowMs: 40.6 }, // the 20.3 ms spacing becomes 40.6 ms
    ]);
    expect(shareOf([{ limit: 7, windowMs: 1_000 }], 3)).toEqual([{ limit: 2, windowMs: 1_000 }]);
    expect(shareOf([{ limit: 2, windowMs: 100 }], 3)).toEqual([{ limit: 2, windowMs: 300 }]);
  });

  it("a pacer told it shares the limits with another instance sends half as many in a second", async () => {
    const clock = steppingClock();
    let instances = 1;
    const pacer = createPacer({ conversation: [], tenant: [{ limit: 50, windowMs: 1_000 }], now: clock.now, sleep: clock.sleep, share: () => instances });
    const sentWithin = async (ms: number) => {
      const start = clock.t;
      let n = 0;
      while (clock.t - start < ms) {
        await pacer.take(`c${n}`, "tenant");
        if (clock.t - start < ms) n++;
      }
      return n;
    };
    expect(await sentWithin(1_000)).toBe(50);
    clock.t += 5_000;
    instances = 2;
    expect(await sentWithin(1_000)).toBe(25);
  });

  it("keeps to the smaller share for a window after the other instance went, whose sends Teams still counts", async () => {
    const clock = steppingClock();
    let instances = 2;
    const pacer = createPacer({ conversation: withHeadroom(TEAMS_CONVERSATION_LIMITS), tenant: withHeadroom(TEAMS_TENANT_LIMITS), lateMs: TEAMS_LATE_MS, now: clock.now, sleep: clock.sleep, share: () => instances });
    const sent: number[] = [];
    const send = async (i: number) => {
      await pacer.take(`c${i % 500}`, "tenant");
      sent.push(clock.t - T0);
    };
    let i = 0;
    while (clock.t - T0 < 3_000) await send(i++);
    // The other instance (25 in every 1.015 s, as this one) is gone now; the next take learns it.
    instances = 1;
    const gone = clock.t - T0;
    while (clock.t - T0 < gone + 6_000) await send(i++);
    const within = (from: number, to: number) => sent.filter((t) => t >= from && t < to).length;
    // For the tenant's 1 s window (1.015 s with the headroom) the other's sends still count: still its share.
    expect(maxInWindow(sent.filter((t) => t < gone + 1_015), 1_000)).toBeLessThanOrEqual(25);
    // Then the whole rate, a window later and not more.
    expect(within(gone + 1_100, gone + 2_100)).toBeGreaterThanOrEqual(49);
    expect(within(gone + 3_000, gone + 4_000)).toBeGreaterThanOrEqual(49);
    expect(maxInWindow(sent, 1_000)).toBeLessThanOrEqual(50);
  });

  it("keeps each window's smaller share for that window's own length: a conversation's 30 s for 30 s", async () => {
    const clock = steppingClock();
    let instances = 2;
    const pacer = createPacer({ conversation: withHeadroom(TEAMS_CONVERSATION_LIMITS), tenant: withHeadroom(TEAMS_TENANT_LIMITS), now: clock.now, sleep: clock.sleep, share: () => instances });
    const sent: number[] = [];
    const send = async () => {
      await pacer.take("x", "tenant");
      sent.push(clock.t - T0);
    };
    // Its share of one conversation's 60 in 30 s is 30 (4 in 2 s, so reached after 15 s).
    while (clock.t - T0 < 20_000) await send();
    expect(sent.filter((t) => t < 30_000).length).toBe(30);
    instances = 1;
    const gone = clock.t - T0;
    while (clock.t - T0 < gone + 90_000) await send();
    const within = (from: number, to: number) => sent.filter((t) => t >= from && t < to).length;
    // The 30 s window keeps the smaller share for 30 s, then the whole 60.
    expect(maxInWindow(sent.filter((t) => t < gone + 30_015), 30_000)).toBeLessThanOrEqual(30);
    expect(within(gone + 30_015, gone + 60_030)).toBe(60);
    expect(maxInWindow(sent, 30_000)).toBeLessThanOrEqual(60);
  });
});
