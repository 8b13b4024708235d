import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** The units a chief has (their areas' active units), for one chief and for many at once. */
describe("unit repository: a chief's units", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  it("gives every chief asked for, many at once, what it gives each alone", async () => {
    const people = await t.store.db.person.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const ids = [...people.map((p) => p.id), "no-such-person"];
    const many = await t.store.units.unitsForChiefs(ids);
    expect([...many.keys()]).toEqual(ids);
    for (const id of ids) expect(many.get(id), id).toEqual(await t.store.units.unitsForChief(id));
    // The example's chief has units; someone who is no chief has none.
    expect(many.get("alex")!.map((u) => u.id).sort()).toEqual(["aaskolen", "kastanjen", "klubben", "solsikken"]);
    expect(many.get("megan")).toEqual([]);
  });

  it("names a unit once for a chief named twice in its area, and leaves out inactive units and areas", async () => {
    const db = t.store.db;
    const role = await db.role.findFirstOrThrow({ where: { personId: "alex", role: "chef" } });
    await db.role.create({ data: { personId: "alex", role: "chef", areaId: role.areaId, unitId: null } }).catch(() => undefined);
    await db.unit.update({ where: { id: "klubben" }, data: { active: false } });
    const many = await t.store.units.unitsForChiefs(["alex"]);
    expect(many.get("alex")).toEqual(await t.store.units.unitsForChief("alex"));
    expect(many.get("alex")!.map((u) => u.id)).not.toContain("klubben");
    await db.area.update({ where: { id: role.areaId! }, data: { active: false } });
    expect((await t.store.units.unitsForChiefs(["alex"])).get("alex")).toEqual([]);
  });
});
