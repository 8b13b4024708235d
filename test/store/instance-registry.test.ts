import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** The bot processes on one database, counted by heartbeat to share Teams' rate limits. */
describe("instance registry", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());
  const at = (s: string) => new Date(`2027-01-11T${s}Z`);

  it("counts the instances seen lately, forgets a silent one, and lets a stopping one sign off", async () => {
    const a = t.store.instances;
    const b = t.another().instances; // another process on the same database
    expect(await a.beat("a", at("09:00:00"), at("08:59:45"))).toBe(1);
    expect(await b.beat("b", at("09:00:02"), at("08:59:47"))).toBe(2);
    expect(await a.beat("a", at("09:00:05"), at("08:59:50"))).toBe(2);
    // b is killed: no more beats. After 15 s it no longer counts.
    expect(await a.beat("a", at("09:00:20"), at("09:00:05"))).toBe(1);
    expect(await b.beat("b", at("09:00:21"), at("09:00:06"))).toBe(2); // b came back
    await b.leave("b");
    expect(await a.beat("a", at("09:00:25"), at("09:00:10"))).toBe(1);
    // A row silent for a day is removed.
    await t.store.db.botInstance.create({ data: { id: "long-gone", seenAt: at("08:00:00") } });
    expect(await a.beat("a", new Date(at("09:00:00").getTime() + 86_400_000), at("09:00:00"))).toBe(1);
    expect((await t.store.db.botInstance.findMany()).map((r) => r.id)).toEqual(["a"]);
  });

  it("does not count, and forgets, an instance its caller knows is gone, however fresh its last beat", async () => {
    const a = t.store.instances;
    await t.another().instances.beat("killed", at("09:00:00"), at("08:59:45"));
    await t.another().instances.beat("elsewhere", at("09:00:00"), at("08:59:45"));
    expect(await a.beat("a", at("09:00:01"), at("08:59:46"))).toBe(3);
    const asked: string[] = [];
    const gone = (id: string) => {
      asked.push(id);
      return id === "killed";
    };
    expect(await a.beat("a", at("09:00:02"), at("08:59:47"), gone)).toBe(2);
    expect(asked.sort()).toEqual(["elsewhere", "killed"]); // never about itself
    expect((await t.store.db.botInstance.findMany({ orderBy: { id: "asc" } })).map((r) => r.id)).toEqual(["a", "elsewhere"]);
  });
});
