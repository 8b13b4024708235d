import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createRetentionService, loopEndOf } from "../../src/domain/retention-service.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Loop, Person } from "../../src/domain/types.js";
import { strings } from "../../src/lib/strings.da.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

const ERASED = strings.retention.erasedText;

/** Retention on a real SQLite store: what goes, what stays, and the log line. */
describe("retention of reflections and minutes", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  let lines: Record<string, unknown>[];
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const retention = (months = 12) =>
    createRetentionService({
      retention: t.store.retention,
      clock,
      log: pino({ level: "info" }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) })),
      settings: { timezone: "Europe/Copenhagen", retentionMonthsAfterLoop: months },
    });

  beforeEach(async () => {
    t = await testStore();
    lines = [];
    clock = new ManualClock(new Date("2027-03-08T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
  });
  afterEach(() => t.close());

  /** A closed 1:1 in the 2027–28 loop (ends 2029-03-01: it starts 1 March 2027, decision 0021): a reflection, two decisions, one done with a comment, one open. */
  async function closedMeeting() {
    const alex = await person("alex");
    const megan = await person("megan");
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-03-15", time: "10:00" });
    await d.meetings.addTopic(megan, meeting.id, "Emne med personoplysninger");
    await d.reflections.send(megan, meeting.id, { data_drift: "Fortrolig refleksion", sparring: "Fortrolig sparring" }, undefined);
    clock.set("2027-03-15T11:00:00+01:00");
    await d.forms.save(alex, meeting.id, meeting.version, [
      { decision: "Hemmelig beslutning A", followUpText: "Ring til forældrene", ownerId: "megan", dueDate: "2027-03-31" },
      { decision: "Hemmelig beslutning B", followUpText: "Skriv til bestyrelsen", ownerId: "alex", dueDate: "2027-04-07" },
    ], true);
    const [call, write] = await t.store.followUps.listByMeeting(meeting.id);
    await d.followUps.comment(megan, call!.id, call!.version, "Kommentar om et barn");
    const c2 = (await t.store.followUps.get(call!.id))!.followUp;
    await d.followUps.markDone(megan, c2.id, c2.version);
    return { meeting, call: call!, write: write! };
  }

  it("replaces a remark's text to the referat with the minutes' texts; who remarked on which version, and the approvals, stay (decision 0027)", async () => {
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({ REFERAT_APPROVAL_ONE_TO_ONE: "true" })));
    const { meeting } = await closedMeeting();
    await d.referatApprovals.remark("megan", meeting.id, 1, "Bemærkning om et barn");
    await d.referatApprovals.approve("megan", meeting.id, 1);
    clock.set("2030-03-01T03:00:00+01:00");
    expect(await retention(12).run()).toMatchObject({ meetings: 1, referatRemarks: 1 });
    const remarks = await t.store.db.referatRemark.findMany({ where: { meetingId: meeting.id } });
    expect(remarks.map((r) => [r.personId, r.version, r.text])).toEqual([["megan", 1, ERASED]]);
    expect(remarks.map((r) => r.textHash)).toEqual(remarks.map((r) => r.id)); // the text's hash goes with it
    expect(await t.store.db.referatApproval.count({ where: { meetingId: meeting.id } })).toBe(1);
    // A referat whose texts are erased is no longer asked for approval; who approved it stays.
    // (Here an open follow-up keeps one decision's text, so the minutes are not marked erased yet: minutesErasedAt.)
    const status = await d.referatApprovals.status(meeting.id);
    expect(status).toMatchObject({ required: false, pending: [], approvals: [{ personId: "megan" }] });
    const refused = await d.referatApprovals.remark("megan", meeting.id, 1, "Endnu en").then(() => undefined, (e: unknown) => e);
    expect(refused).toMatchObject({ code: "not-authorised", text: strings.referatApproval.notAsked });
  });

  it("keeps everything until the retention time after the loop's end has passed", async () => {
    const { meeting } = await closedMeeting();
    clock.set("2030-02-28T12:00:00+01:00");
    expect(await retention(12).run()).toMatchObject({ meetings: 0, reflections: 0, decisions: 0 });
    expect(await t.store.db.reflection.count({ where: { meetingId: meeting.id } })).toBe(1);
    expect(lines.filter((l) => l.msg === "retention")).toEqual([expect.objectContaining({ level: 30, meetings: 0, monthsAfterLoop: 12 })]);
  });

  it("then deletes the reflections and replaces the minutes' texts; an open follow-up keeps its text until it is done", async () => {
    const { meeting, call, write } = await closedMeeting();
    clock.set("2030-03-01T03:00:00+01:00");
    const first = await retention(12).run();
    expect(first).toEqual({ meetings: 1, reflections: 1, boardStatements: 0, boardReports: 0, referatRemarks: 0, decisions: 1, agendaItems: 1, followUps: 1, followUpEvents: 1, formRevisions: 0, followUpsKeptOpen: 1 });
    const db = t.store.db;
    expect(await db.reflection.count({ where: { meetingId: meeting.id } })).toBe(0);
    expect((await db.followUp.findUniqueOrThrow({ where: { id: call.id } })).text).toBe(ERASED);
    expect((await db.followUp.findUniqueOrThrow({ where: { id: write.id } })).text).toBe("Skriv til bestyrelsen");
    expect((await db.decision.findMany({ where: { meetingId: meeting.id }, orderBy: { position: "asc" } })).map((x) => x.text)).toEqual([ERASED, "Hemmelig beslutning B"]);
    expect((await db.agendaItem.findMany({ where: { meetingId: meeting.id, kind: "topic" } })).map((a) => a.title)).toEqual([ERASED]);
    const comment = await db.followUpEvent.findFirstOrThrow({ where: { followUpId: call.id, kind: "commented" } });
    expect(JSON.parse(comment.data)).toEqual({});
    // Statuses, dates and owners stay: the chief's counts do not change.
    expect(await db.followUp.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: "done", ownerId: "megan", dueDate: "2027-03-31" });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).minutesErasedAt).toBeNull();
    expect(lines.find((l) => l.msg === "retention")).toMatchObject({ level: 30, meetings: 1, reflections: 1, followUps: 1, followUpsKeptOpen: 1 });

    // A second run the same night changes nothing.
    expect(await retention(12).run()).toMatchObject({ meetings: 0, reflections: 0, decisions: 0, followUps: 0, followUpsKeptOpen: 1 });

    // When the last follow-up is done, the next run finishes the meeting: its text and the form's revisions go.
    const w = (await t.store.followUps.get(write.id))!.followUp;
    await d.followUps.markDone(await person("alex"), w.id, w.version);
    expect(await retention(12).run()).toMatchObject({ meetings: 1, decisions: 1, followUps: 1, formRevisions: 1, followUpsKeptOpen: 0 });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).minutesErasedAt).toEqual(clock.now());
    expect(JSON.stringify(await db.formRevision.findMany({ where: { meetingId: meeting.id } }))).not.toContain("bestyrelsen");
    const audit = (await t.store.audit.list({ subjectId: meeting.id })).filter((e) => e.action === "meeting.minutes_erased");
    expect(audit.map((e) => [e.actorId, e.detail.finished])).toEqual([["system:retention", false], ["system:retention", true]]);

    // Written to after that (a late comment): the next night's run erases the new text too.
    clock.set("2030-03-03T10:00:00+01:00");
    const late = (await t.store.followUps.get(write.id))!.followUp;
    await d.followUps.comment(await person("alex"), late.id, late.version, "Sen kommentar om barnet");
    clock.set("2030-03-04T02:30:00+01:00");
    expect(await retention(12).run()).toMatchObject({ meetings: 1, followUpEvents: 1 });

    // Nothing anyone wrote is left anywhere for this meeting.
    const dump = JSON.stringify([
      await db.decision.findMany({ where: { meetingId: meeting.id } }),
      await db.followUp.findMany({ where: { meetingId: meeting.id } }),
      await db.followUpEvent.findMany({ where: { followUp: { meetingId: meeting.id } } }),
      await db.agendaItem.findMany({ where: { meetingId: meeting.id } }),
      await db.formRevision.findMany({ where: { meetingId: meeting.id } }),
    ]);
    for (const text of ["Fortrolig", "forældrene", "bestyrelsen", "barn", "personoplysninger", "Hemmelig"]) expect(dump).not.toContain(text);
  });

  it("takes the time from configuration: with 0 months the minutes go the day the loop ends, a meeting of a running loop stays", async () => {
    const { meeting } = await closedMeeting();
    const alex = await person("alex");
    clock.set("2028-12-01T09:00:00+01:00");
    const { meeting: later } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2029-04-09", time: "10:00" });
    await d.reflections.send(await person("megan"), later.id, { data_drift: "Ny refleksion", sparring: "x" }, undefined);
    clock.set("2029-03-01T02:30:00+01:00");
    expect(await retention(0).run()).toMatchObject({ meetings: 1, reflections: 1 });
    expect(await t.store.db.reflection.count({ where: { meetingId: meeting.id } })).toBe(0);
    expect(await t.store.db.reflection.count({ where: { meetingId: later.id } })).toBe(1);
    // No loop after this one: the meeting counts by its own date, but is never erased before it has taken place.
    clock.set("2029-04-09T02:30:00+02:00");
    expect(await retention(0).run()).toMatchObject({ meetings: 0 });
    expect(await t.store.db.reflection.count({ where: { meetingId: later.id } })).toBe(1);
    clock.set("2029-04-09T12:00:00+02:00");
    expect(await retention(0).run()).toMatchObject({ meetings: 1, reflections: 1 });
  });

  it("finds a meeting's loop by its own loop, else the loop running on its date, else its own date", () => {
    const loops: Loop[] = [
      { id: "a", name: "A", startDate: "2027-01-01", endDate: "2029-01-01", unitTypes: ["dagtilbud"], themes: [] },
      { id: "b", name: "B", startDate: "2027-01-01", endDate: "2029-06-01", unitTypes: ["skole"], themes: [] },
    ];
    const at = new Date("2027-05-03T08:00:00Z");
    expect(loopEndOf({ meetingId: "m", unitType: "skole", loopId: "a", startsAt: at }, loops, "Europe/Copenhagen")).toBe("2029-01-01");
    expect(loopEndOf({ meetingId: "m", unitType: "skole", startsAt: at }, loops, "Europe/Copenhagen")).toBe("2029-06-01");
    expect(loopEndOf({ meetingId: "m", unitType: "fu", startsAt: at }, loops, "Europe/Copenhagen")).toBe("2027-05-03");
  });
});
