import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** The follow-up repository's lists, on a real SQLite file with the example organisation. */
describe("follow-up repository", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
    await t.store.db.meeting.create({ data: { id: "m", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2027-01-05T09:00:00Z"), durationMinutes: 60 } });
  });
  afterEach(() => t.close());

  const open = (n: number, ownerId = "megan") =>
    t.store.db.followUp.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: `${ownerId}-${i}`, meetingId: "m", unitId: "solsikken", meetingKind: "one_on_one", text: `Punkt ${i}`, ownerId, dueDate: `2027-02-${String(10 + (i % 18)).padStart(2, "0")}` })) });

  it.each([
    [0, 0],
    [3, 3],
    [4, 4],
    [5, 4],
    [9, 4],
  ])("with %i open, a page of 4 shows %i and counts them all", async (n, shown) => {
    await open(n);
    await open(2, "jonas"); // someone else's
    await t.store.db.followUp.create({ data: { id: "closed", meetingId: "m", unitId: "solsikken", meetingKind: "one_on_one", text: "Udført", ownerId: "megan", dueDate: "2027-02-01", status: "done" } });
    const { items, total } = await t.store.followUps.listOpenByOwner("megan", 4);
    expect(items).toHaveLength(shown);
    expect(total).toBe(n);
    expect(items.every((v) => v.owner.id === "megan" && v.followUp.status === "open")).toBe(true);
  });

  it("uses the people it is given and reads the others", async () => {
    await open(1);
    const megan = (await t.store.people.byId("megan"))!;
    const known = { ...megan, name: "Megan (as read this turn)" };
    expect((await t.store.followUps.get("megan-0", [known]))!.owner.name).toBe("Megan (as read this turn)");
    expect((await t.store.followUps.get("megan-0"))!.owner.name).toBe(megan.name);
    expect((await t.store.followUps.get("megan-0", [(await t.store.people.byId("alex"))!]))!.owner.name).toBe(megan.name);
  });
});
