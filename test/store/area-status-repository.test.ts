import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES_DIR } from "../../src/bot.js";
import { toTemplate } from "../../src/store/mappers.js";
import { readTemplates } from "../../src/store/template-loader.js";
import { testStore } from "../helpers/test-db.js";

/**
 * The chief's area status reads each unit, its counts and its next meeting with participants in
 * raw statements (decision 0033): what they give must be what the model API reads from the same
 * rows, on SQLite and PostgreSQL alike (booleans, integers, times with milliseconds, JSON).
 */
describe("area status repository: raw reads against the model API", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  const now = new Date("2027-03-10T09:00:00.000Z");
  // A meeting's frozen snapshot of a shipped template.
  const template = readTemplates(DEFAULT_TEMPLATES_DIR)["laeringssamtale-foerste"];

  async function meeting(id: string, unitId: string, startsAt: string, status = "planned", more: Record<string, unknown> = {}) {
    await t.store.db.meeting.create({ data: { id, kind: "laeringssamtale", unitId, chairId: "alex", startsAt: new Date(startsAt), durationMinutes: 90, status, ...more } });
  }

  it("gives each active unit as stored, with its next planned meeting to come and who has sent a reflection", async () => {
    const db = t.store.db;
    const area = (await db.unit.findUniqueOrThrow({ where: { id: "kastanjen" } })).areaId;
    await db.unit.update({ where: { id: "kastanjen" }, data: { intentionCeiling: 7, congestedSince: new Date("2027-02-01T10:11:12.345Z") } });
    await db.unit.update({ where: { id: "klubben" }, data: { active: false } });
    // Kastanjen: a cancelled meeting and a past one do not count; the next is the planned one to come.
    await meeting("cancelled", "kastanjen", "2027-03-11T08:00:00.000Z", "cancelled");
    await meeting("past", "kastanjen", "2027-03-09T08:00:00.000Z");
    await meeting("next", "kastanjen", "2027-03-12T08:30:00.250Z", "planned", { firstOfLoop: true, templateId: "laeringssamtale-foerste", template: JSON.stringify(template) });
    await meeting("later", "kastanjen", "2027-04-12T08:30:00.000Z");
    await db.meetingParticipant.createMany({ data: [
      { meetingId: "next", personId: "alex", role: "chair" },
      { meetingId: "next", personId: "megan", role: "leader" },
      { meetingId: "next", personId: "lars", role: "paedagogisk_leder" },
    ] });
    await db.reflection.createMany({ data: [
      { id: "r1", meetingId: "next", authorId: "megan", answers: "{}", status: "sent", sentAt: now },
      { id: "r2", meetingId: "next", authorId: "lars", answers: "{}", status: "draft" },
      { id: "r3", meetingId: "later", authorId: "alex", answers: "{}", status: "sent", sentAt: now },
    ] });

    const rows = await t.store.areaStatus.unitRows(area, "2027-03-10", "2027-03-14", new Date(now.getTime() - 30 * 86_400_000), now);
    const stored = await db.unit.findMany({ where: { areaId: area, active: true } });
    expect(rows.map((r) => r.unit.id).sort()).toEqual(stored.map((u) => u.id).sort());
    expect(rows.map((r) => r.unit.id)).not.toContain("klubben");
    for (const r of rows) expect(r.unit, r.unit.id).toEqual(await t.store.units.get(r.unit.id));
    expect(rows.find((r) => r.unit.id === "kastanjen")!.unit).toMatchObject({ intentionCeiling: 7, congestedSince: new Date("2027-02-01T10:11:12.345Z") });

    const next = rows.find((r) => r.unit.id === "kastanjen")!.nextMeeting!;
    const m = await db.meeting.findUniqueOrThrow({ where: { id: "next" } });
    expect({ ...next, participants: undefined }).toEqual({ id: "next", kind: m.kind, firstOfLoop: true, startsAt: m.startsAt, templateId: m.templateId, template: toTemplate(m.template), participants: undefined });
    expect(next.startsAt).toEqual(new Date("2027-03-12T08:30:00.250Z"));
    expect(next.participants.sort((a, b) => a.person.id.localeCompare(b.person.id))).toEqual([
      { role: "chair", person: { id: "alex" }, reflectionSent: false },
      { role: "paedagogisk_leder", person: { id: "lars" }, reflectionSent: false },
      { role: "leader", person: { id: "megan" }, reflectionSent: true },
    ]);
    // A unit with no meeting to come has none.
    expect(rows.filter((r) => r.unit.id !== "kastanjen").map((r) => r.nextMeeting)).toEqual(rows.filter((r) => r.unit.id !== "kastanjen").map(() => undefined));
  });

  it("counts læringssamtalers follow-ups per month, done among them, leaving out 1:1s, the cancelled and other areas", async () => {
    const db = t.store.db;
    const area = (await db.unit.findUniqueOrThrow({ where: { id: "kastanjen" } })).areaId;
    await db.area.create({ data: { id: "nord", name: "Område Nord" } });
    const otherUnit = await db.unit.create({ data: { id: "fjernt", name: "Fjernt", type: "dagtilbud", areaId: "nord" } });
    await meeting("ls", "kastanjen", "2027-01-05T08:00:00.000Z", "closed");
    await meeting("ls-other", otherUnit.id, "2027-01-05T08:00:00.000Z", "closed");
    await db.meeting.create({ data: { id: "oo", kind: "one_on_one", unitId: "kastanjen", chairId: "alex", startsAt: new Date("2027-01-06T08:00:00.000Z"), durationMinutes: 60, status: "closed" } });
    const followUp = (id: string, meetingId: string, unitId: string, meetingKind: string, dueDate: string, status: string) =>
      db.followUp.create({ data: { id, meetingId, unitId, meetingKind, text: "Aftale", ownerId: "megan", dueDate, status, ...(status === "done" ? { doneAt: now } : {}) } });
    await followUp("f1", "ls", "kastanjen", "laeringssamtale", "2027-01-20", "open");
    await followUp("f2", "ls", "kastanjen", "laeringssamtale", "2027-01-31", "done");
    await followUp("f3", "ls", "kastanjen", "laeringssamtale", "2027-02-01", "done");
    await followUp("f4", "ls", "kastanjen", "laeringssamtale", "2027-02-02", "cancelled");
    await followUp("f5", "oo", "kastanjen", "one_on_one", "2027-02-03", "open");
    await followUp("f6", "ls-other", otherUnit.id, "laeringssamtale", "2027-02-03", "open");
    await followUp("f7", "ls", "kastanjen", "laeringssamtale", "2027-04-01", "open");

    expect(await t.store.areaStatus.completionByMonth(area, "2026-10-01", "2027-03-31")).toEqual([
      { month: "2027-01", total: 2, done: 1 },
      { month: "2027-02", total: 1, done: 1 },
    ]);
    expect(await t.store.areaStatus.area(area)).toEqual(await db.area.findUnique({ where: { id: area }, select: { id: true, name: true } }));
    expect(await t.store.areaStatus.area("no-such-area")).toBeUndefined();
  });
});
