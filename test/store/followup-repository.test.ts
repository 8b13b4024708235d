import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";
import { followUpViewInclude, toFollowUpViews } from "../../src/store/mappers.js";

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

  /** The view as Prisma's model API loads it (a query per relation): what the one-statement join must equal. */
  const byModel = async (id: string) => {
    const r = (await t.store.db.followUp.findUnique({ where: { id }, include: followUpViewInclude }))!;
    return (await toFollowUpViews([r], (ids) => t.store.people.loadPeople(ids)))[0];
  };

  it("reads a follow-up, its meeting, decision and comments in one join, as the model API does", async () => {
    await t.store.db.decision.create({ data: { id: "d", meetingId: "m", position: 1, text: "Vi prøver «stille time» – 3 uger" } });
    await t.store.db.followUp.create({
      data: { id: "full", meetingId: "m", unitId: "solsikken", meetingKind: "one_on_one", decisionId: "d", text: "Evaluér", ownerId: "megan", dueDate: "2027-03-01", evaluateOn: "2027-04-01", evaluateAtNextMeeting: true, status: "done", version: 4, doneAt: new Date("2027-03-02T10:15:30.123Z") },
    });
    await open(1);
    const comment = (id: string, actorId: string, at: string, text: string) =>
      t.store.db.followUpEvent.create({ data: { id, followUpId: "full", kind: "commented", actorId, at: new Date(at), data: JSON.stringify({ text }) } });
    await comment("c2", "alex", "2027-02-02T08:00:00Z", "Anden");
    await comment("c1", "megan", "2027-02-01T08:00:00Z", "Første – 'citat' \"og\" æøå");
    await t.store.db.followUpEvent.create({ data: { id: "e", followUpId: "full", kind: "done", actorId: "megan", at: new Date("2027-03-02T10:15:30Z"), data: "{}" } });

    const full = await t.store.followUps.get("full");
    expect(full).toEqual(await byModel("full"));
    expect(full!.followUp).toMatchObject({ status: "done", version: 4, evaluateAtNextMeeting: true, evaluateOn: "2027-04-01", decisionId: "d" });
    expect(full!.followUp.doneAt).toEqual(new Date("2027-03-02T10:15:30.123Z"));
    expect(full!.meeting).toEqual({ id: "m", kind: "one_on_one", startsAt: new Date("2027-01-05T09:00:00Z"), chairId: "alex", unitId: "solsikken" });
    expect(full!.decisionText).toBe("Vi prøver «stille time» – 3 uger");
    expect(full!.comments.map((c) => [c.author.id, c.text])).toEqual([["megan", "Første – 'citat' \"og\" æøå"], ["alex", "Anden"]]);

    // No decision, no comments, never done: one row with the left joins empty.
    const plain = await t.store.followUps.get("megan-0");
    expect(plain).toEqual(await byModel("megan-0"));
    expect(plain).toMatchObject({ decisionText: undefined, comments: [] });
    expect(plain!.followUp.doneAt).toBeUndefined();
    expect(plain!.followUp.evaluateAtNextMeeting).toBe(false);
    expect(await t.store.followUps.get("no-such")).toBeUndefined();
  });

  it("finds the meetings whose agenda or referat may show a follow-up, in one statement", async () => {
    await open(1);
    const meeting = (id: string, unitId: string, status: string) =>
      t.store.db.meeting.create({ data: { id, kind: "laeringssamtale", unitId, chairId: "alex", startsAt: new Date("2027-02-05T09:00:00Z"), durationMinutes: 60, status } });
    await meeting("planned", "solsikken", "planned");
    await meeting("closed", "solsikken", "closed");
    await meeting("elsewhere", "aaskolen", "planned");
    await meeting("frozen", "solsikken", "closed");
    await t.store.db.agendaItem.create({ data: { id: "a1", meetingId: "frozen", position: 1, kind: "carried", title: "Punkt 0", followUpId: "megan-0" } });
    await t.store.db.agendaItem.create({ data: { id: "a2", meetingId: "planned", position: 1, kind: "carried", title: "Punkt 0", followUpId: "megan-0" } });
    await t.store.db.agendaItem.create({ data: { id: "a3", meetingId: "closed", position: 1, kind: "topic", title: "Punkt 0", followUpId: "megan-0" } });
    const ids = await t.store.meetings.mayShowFollowUp({ id: "megan-0", meetingId: "m", unitId: "solsikken" });
    expect(ids[0]).toBe("m");
    expect([...ids].sort()).toEqual(["frozen", "m", "planned"]);
  });

  it("reads a unit's chiefs in one statement, as its roster has them (active people, the unit's and its area's)", async () => {
    const units = await t.store.db.unit.findMany({ select: { id: true } });
    await t.store.db.person.create({ data: { id: "gone", aadObjectId: "gone-aad", name: "Fratrådt Chef", active: false } });
    const unit = (await t.store.units.get("solsikken"))!;
    await t.store.db.role.create({ data: { personId: "gone", role: "chef", areaId: unit.areaId } });
    await t.store.db.role.create({ data: { personId: "megan", role: "chef", unitId: "solsikken" } });
    for (const { id } of [...units, { id: "no-such-unit" }]) expect(await t.store.units.chiefIds(id), id).toEqual((await t.store.units.roster(id))?.chiefIds ?? []);
    expect(await t.store.units.chiefIds("solsikken")).toContain("megan");
    expect(await t.store.units.chiefIds("solsikken")).not.toContain("gone");
    expect((await t.store.units.chiefIds("solsikken")).length).toBeGreaterThan(1);
  });

  it("lists a unit's meetings, of one kind and loop or all, in one statement, as the model API does", async () => {
    const meeting = (id: string, unitId: string, kind: string, loopId: string | null) =>
      t.store.db.meeting.create({ data: { id, kind, unitId, loopId, chairId: "alex", startsAt: new Date("2027-02-05T09:00:00Z"), durationMinutes: 60 } });
    const loop = (await t.store.db.loop.findFirstOrThrow()).id;
    await meeting("s1", "solsikken", "laeringssamtale", loop);
    await meeting("s2", "solsikken", "laeringssamtale", null);
    await meeting("o1", "aaskolen", "laeringssamtale", null);
    const byModel = async (unitId: string, kind?: "laeringssamtale" | "one_on_one") =>
      (await t.store.db.meeting.findMany({ where: { unitId, ...(kind ? { kind } : {}) }, select: { id: true } })).map((m) => m.id).sort();
    for (const unitId of ["solsikken", "aaskolen", "no-such"])
      for (const kind of [undefined, "laeringssamtale", "one_on_one"] as const) expect([...(await t.store.meetings.idsOfUnit(unitId, { kind }))].sort(), `${unitId} ${kind}`).toEqual(await byModel(unitId, kind));
    expect([...(await t.store.meetings.idsOfUnit("solsikken", { kind: "laeringssamtale" }))].sort()).toEqual(["s1", "s2"]);
    expect(await t.store.meetings.idsOfUnit("solsikken", { kind: "laeringssamtale", loopId: loop })).toEqual(["s1"]);
    expect(await t.store.meetings.idsOfUnit("solsikken", { loopId: loop })).toEqual(["s1"]);
    expect(await t.store.meetings.idsOfUnit("solsikken", { kind: "one_on_one", loopId: loop })).toEqual([]);
  });
  it("writes a change in one version-checked statement, as the model API would: each column, nulls, a boolean, a time with milliseconds", async () => {
    await open(2);
    const event = (kind: "done" | "reopened" | "postponed", at: string) => ({ kind, actorId: "megan", at: new Date(at), data: {} });
    const doneAt = new Date("2027-02-03T09:08:07.654Z");
    expect(await t.store.followUps.update("megan-0", 1, { status: "done", doneAt }, event("done", "2027-02-03T09:08:07.654Z"))).toBe(true);
    expect(await t.store.followUps.update("megan-0", 1, { status: "open" }, event("reopened", "2027-02-04T09:00:00Z"))).toBe(false); // stale
    expect(await t.store.followUps.update("nobody", 1, { status: "open" }, event("reopened", "2027-02-04T09:00:00Z"))).toBe(false); // gone
    let row = (await t.store.db.followUp.findUniqueOrThrow({ where: { id: "megan-0" } }))!;
    expect(row).toMatchObject({ status: "done", version: 2, doneAt, ownerId: "megan" });
    // Reopened: doneAt cleared; then moved, a new owner, an evaluation date and «på næste møde».
    expect(await t.store.followUps.update("megan-0", 2, { status: "open" }, event("reopened", "2027-02-04T09:00:00Z"))).toBe(true);
    expect(await t.store.followUps.update("megan-0", 3, { dueDate: "2027-05-01", ownerId: "jonas", evaluateOn: "2027-06-01", evaluateAtNextMeeting: true }, event("postponed", "2027-02-05T09:00:00Z"))).toBe(true);
    row = (await t.store.db.followUp.findUniqueOrThrow({ where: { id: "megan-0" } }))!;
    expect(row).toMatchObject({ status: "open", version: 4, doneAt: null, dueDate: "2027-05-01", ownerId: "jonas", evaluateOn: "2027-06-01", evaluateAtNextMeeting: true });
    expect(await t.store.followUps.update("megan-0", 4, { evaluateOn: null, evaluateAtNextMeeting: false }, event("postponed", "2027-02-06T09:00:00Z"))).toBe(true);
    row = (await t.store.db.followUp.findUniqueOrThrow({ where: { id: "megan-0" } }))!;
    expect(row).toMatchObject({ version: 5, evaluateOn: null, evaluateAtNextMeeting: false, ownerId: "jonas" });
    // The other follow-up is untouched; the history has one entry per change made.
    expect(await t.store.db.followUp.findUniqueOrThrow({ where: { id: "megan-1" } })).toMatchObject({ status: "open", version: 1, doneAt: null });
    expect((await t.store.followUps.history("megan-0")).map((e) => e.kind)).toEqual(["done", "reopened", "postponed", "postponed"]);
  });
});
