import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/** The audit log, written by the real repositories on a real SQLite file. */
describe("audit log", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2027-01-11T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
  });
  afterEach(() => t.close());

  it("records who changed which meeting, decision and follow-up, and when, without any text or name", async () => {
    const alex = await person("alex");
    const megan = await person("megan");
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    await d.meetings.addTopic(megan, meeting.id, "Hemmeligt emne om personalet");
    await d.reflections.send(megan, meeting.id, { data_drift: "Fortrolig refleksion", sparring: "Fortrolig sparring" }, undefined);
    clock.set("2027-01-18T11:00:00+01:00");
    await d.forms.save(alex, meeting.id, meeting.version, [
      { decision: "Fortrolig beslutning", followUpText: "Ring til forældrene", ownerId: "megan", dueDate: "2027-02-01" },
      { decision: "Anden beslutning", followUpText: "Skriv til bestyrelsen", ownerId: "alex", dueDate: "2027-02-10" },
    ], true);
    const [call, write] = await t.store.followUps.listByMeeting(meeting.id);
    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    await d.followUps.markDone(megan, call!.id, call!.version);
    await d.followUps.postpone(alex, write!.id, write!.version, "2027-02-20");
    const w2 = (await t.store.followUps.get(write!.id))!.followUp;
    await d.followUps.reassign(alex, w2.id, w2.version, "megan");
    const w3 = (await t.store.followUps.get(write!.id))!.followUp;
    await d.followUps.comment(megan, w3.id, w3.version, "Kommentar med et navn: Megan Bowen");
    const other = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-03-01", time: "10:00" })).meeting;
    await d.meetings.cancel(alex, other.id);

    const entries = await t.store.audit.list({ subjectId: meeting.id });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["meeting.scheduled", "alex"],
      ["agenda.topic_added", "megan"],
      ["reflection.sent", "megan"],
      ["decision.created", "alex"],
      ["decision.created", "alex"],
      ["followup.created", "alex"],
      ["followup.created", "alex"],
      ["meeting.closed", "alex"],
      ["followup.done", "megan"],
      ["followup.postponed", "alex"],
      ["followup.reassigned", "alex"],
      ["followup.commented", "megan"],
    ]);
    const byAction = new Map(entries.map((e) => [e.action, e]));
    expect(byAction.get("followup.postponed")).toMatchObject({ subjectId: write!.id, detail: { dueDate: "2027-02-20", formerDueDate: "2027-02-10" } });
    expect(byAction.get("followup.reassigned")).toMatchObject({ personId: "megan", formerPersonId: "alex" });
    expect(byAction.get("followup.done")!.at.toISOString()).toBe("2027-01-18T10:01:00.000Z");
    expect((await t.store.audit.list({ subjectId: other.id })).map((e) => e.action)).toEqual(["meeting.scheduled", "meeting.cancelled"]);
    const { wheel } = await d.yearWheels.view(alex, "solsikken");
    expect((await t.store.audit.list({ subjectId: wheel.id })).map((e) => [e.action, e.actorId])).toEqual([["year_wheel.proposed", "alex"]]);

    // Ids, dates and field names only: nothing anyone wrote, no name.
    const everything = JSON.stringify(await t.store.audit.list({}));
    for (const secret of ["Hemmeligt", "Fortrolig", "forældrene", "bestyrelsen", "Kommentar", "Megan Bowen", "Alex"]) expect(everything).not.toContain(secret);
  });

  it("a change that does not happen leaves no entry, and an edit names the fields it changed", async () => {
    const alex = await person("alex");
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    await d.forms.save(alex, meeting.id, meeting.version, [{ decision: "A", followUpText: "Første tekst", ownerId: "megan", dueDate: "2027-02-01" }], false);
    const before = (await t.store.audit.list({ subjectId: meeting.id })).length;
    // A stale save (the old version) is refused: nothing is written, nothing is logged.
    await expect(d.forms.save(alex, meeting.id, meeting.version, [{ decision: "B", followUpText: "x", ownerId: "megan", dueDate: "2027-02-01" }], false)).rejects.toThrow();
    expect((await t.store.audit.list({ subjectId: meeting.id })).length).toBe(before);

    const m = (await t.store.meetings.get(meeting.id))!;
    const rows = await t.store.forms.rows(meeting.id);
    await d.forms.save(alex, meeting.id, m.version, [{ decisionId: rows[0]!.decisionId, decision: "A", followUpId: rows[0]!.followUpId, followUpText: "Anden tekst", ownerId: "alex", dueDate: "2027-02-03" }], false);
    const edited = (await t.store.audit.list({ subjectId: meeting.id })).find((e) => e.action === "followup.edited")!;
    expect(edited).toMatchObject({ actorId: "alex", personId: "alex", formerPersonId: "megan", detail: { fields: ["dueDate", "ownerId", "text"], dueDate: "2027-02-03" } });
  });

  it("is append-only: the database refuses to delete or rewrite an entry, except anonymising a person's id", async () => {
    const alex = await person("alex");
    await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    const [entry] = await t.store.audit.list({ personId: "alex" });
    const db = t.store.db;
    // SQLite's RAISE(ABORT) from the trigger; Prisma reports it as a constraint failure.
    const REFUSED = /append-only|constraint/i;
    await expect(db.auditEntry.delete({ where: { seq: entry!.seq } })).rejects.toThrow(REFUSED);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow(REFUSED);
    await expect(db.auditEntry.update({ where: { seq: entry!.seq }, data: { action: "meeting.cancelled" } })).rejects.toThrow(REFUSED);
    await expect(db.auditEntry.update({ where: { seq: entry!.seq }, data: { at: new Date(0) } })).rejects.toThrow(REFUSED);
    await expect(db.auditEntry.update({ where: { seq: entry!.seq }, data: { actorId: "megan" } })).rejects.toThrow(REFUSED);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "detail" = '{}'`)).rejects.toThrow(REFUSED);
    expect(await t.store.audit.list({})).toEqual([entry]);
    await db.auditEntry.update({ where: { seq: entry!.seq }, data: { actorId: "anonym-1234" } });
    expect((await t.store.audit.list({}))[0]).toMatchObject({ actorId: "anonym-1234", action: "meeting.scheduled", subjectId: entry!.subjectId });
  });
});
