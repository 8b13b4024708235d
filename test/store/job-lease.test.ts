import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** The lease a once-only job runs under when several bot instances share one database. */
describe("job leases", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());
  const at = (s: string) => new Date(`2027-01-11T${s}Z`);

  it("is held by one instance until it runs out, renewed or given up", async () => {
    const a = t.store.jobLeases;
    const b = t.another().jobLeases; // another process on the same database
    expect(await a.acquire("retention", "a", at("09:00:00"), at("09:02:00"))).toBe(true);
    expect(await b.acquire("retention", "b", at("09:01:00"), at("09:03:00"))).toBe(false);
    expect(await b.acquire("plan-digests", "b", at("09:01:00"), at("09:03:00"))).toBe(true); // another job is another lease
    expect(await a.acquire("retention", "a", at("09:01:00"), at("09:03:00"))).toBe(true); // its own lease again
    expect(await a.renew("retention", "a", at("09:04:00"))).toBe(true);
    expect(await b.acquire("retention", "b", at("09:03:30"), at("09:05:00"))).toBe(false);
    // a dies: its lease runs out, and b takes the job over.
    expect(await b.acquire("retention", "b", at("09:04:01"), at("09:06:00"))).toBe(true);
    expect(await a.renew("retention", "a", at("09:07:00"))).toBe(false); // a (had it come back) knows it lost it
    await a.release("retention", "a", at("09:04:02")); // not a's to give up: nothing changes
    expect(await a.acquire("retention", "a", at("09:05:00"), at("09:07:00"))).toBe(false);
    await b.release("retention", "b", at("09:05:10"));
    expect(await a.acquire("retention", "a", at("09:05:05"), at("09:07:00"))).toBe(false); // the same tick, just after
    expect(await a.acquire("retention", "a", at("09:05:11"), at("09:07:00"))).toBe(true);
    expect(await t.store.db.jobLease.findMany({ orderBy: { name: "asc" } })).toEqual([
      { name: "plan-digests", holder: "b", leaseUntil: at("09:03:00") },
      { name: "retention", holder: "a", leaseUntil: at("09:07:00") },
    ]);
  });

  it("goes to exactly one of many instances asking at the same moment", async () => {
    const stores = [t.store, t.another(), t.another()];
    const tries = Array.from({ length: 30 }, (_, i) => stores[i % 3]!.jobLeases.acquire("channel-digest", `instance-${i}`, at("09:00:00"), at("09:02:00")));
    const won = (await Promise.all(tries)).flatMap((ok, i) => (ok ? [i] : []));
    expect(won).toHaveLength(1);
    expect((await t.store.db.jobLease.findUniqueOrThrow({ where: { name: "channel-digest" } })).holder).toBe(`instance-${won[0]}`);
  });
});
