import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { pino } from "pino";
import { createRetentionService } from "../../src/domain/retention-service.js";
import { loopYearOf } from "../../src/domain/board-report-service.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import { boardStatementReminderRows, boardStatementRows } from "../../src/domain/notification-keys.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { strings } from "../../src/lib/strings.da.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * The board as seed 002 says (issue 21 points 7 and 8; docs/decisions/0023-the-board.md), on a
 * real store with the example organisation: Solsikken (Alex chief, Megan leader, Bo on the board),
 * Kastanjen (selvejende; Birthe chairs for the board, Lars leads). Monday 23 November 2026; the
 * 0–6 loop runs 2027–2028.
 */
const calendar = createWorkingCalendar();
const local = (d: Date) => d.toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" });
const later = (startsAt: string): Meeting => ({
  id: "m",
  kind: "laeringssamtale",
  firstOfLoop: false,
  templateId: "laeringssamtale-opfoelgende",
  unit: { id: "u", name: "U", type: "dagtilbud", selvejende: false, areaId: "a", active: true },
  chairId: "chef",
  startsAt: new Date(startsAt),
  durationMinutes: 120,
  status: "planned",
  referatVersion: 0,
  carriedFrozen: false,
  version: 1,
  participants: [],
});

describe("the board's udtalelse: when it is asked for, and the reminder", () => {
  it.each([
    ["30 days before a Tuesday meeting: that Sunday's working day before, Friday", "2027-09-14T10:00:00+02:00", 30, "2027-08-13 08:00:00"],
    ["30 days before a Wednesday: a Monday", "2027-10-13T10:00:00+02:00", 30, "2027-09-13 08:00:00"],
    ["configured 14 days", "2027-10-13T10:00:00+02:00", 14, "2027-09-29 08:00:00"],
  ])("%s", (_label, startsAt, days, expected) => {
    const rows = boardStatementRows(later(startsAt), ["bo"], days, calendar, new Date("2027-03-01T09:00:00+01:00"));
    expect(rows).toHaveLength(1);
    expect(local(rows[0]!.dueAt)).toBe(expected);
    expect(rows[0]!.notAfter).toEqual(new Date(startsAt));
  });

  it("planned at short notice: asked at once in working hours, and no reminder once its moment has passed", () => {
    const m = later("2027-10-13T10:00:00+02:00");
    const now = new Date("2027-10-07T09:30:00+02:00");
    expect(local(boardStatementRows(m, ["bo"], 30, calendar, now)[0]!.dueAt)).toBe("2027-10-07 09:30:00");
    expect(boardStatementReminderRows(m, ["bo"], 30, calendar, now)).toEqual([]);
  });

  it("reminds a working week before the meeting, with a key of its own per meeting time", () => {
    const m = later("2027-10-13T10:00:00+02:00");
    const [row] = boardStatementReminderRows(m, ["bo"], 30, calendar, new Date("2027-03-01T09:00:00+01:00"));
    expect(row).toMatchObject({ kind: "board_statement_reminder", personId: "bo", subjectId: "m", key: `board_statement_reminder:m:bo:${m.startsAt.toISOString()}` });
    expect(local(row!.dueAt)).toBe("2027-10-06 08:00:00");
  });
});

describe("the board", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const samtaler = async (unitId: string) => (await t.store.db.meeting.findMany({ where: { unitId, kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
  const rows = (meetingId: string, kind: string) => t.store.db.notification.findMany({ where: { subjectId: meetingId, kind, status: { not: "cancelled" } } });

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    const alex = await person("alex");
    for (const unit of ["solsikken", "kastanjen"]) {
      const wheel = await d.yearWheels.view(alex, unit);
      await d.yearWheels.confirm(alex, unit, wheel.wheel.version);
    }
  });
  afterEach(() => t.close());

  describe("udtalelse or deltagelse (point 7)", () => {
    it("a later læringssamtale asks the board for a statement 30 days ahead by default, with a reminder; the agenda says so", async () => {
      const [, second] = await samtaler("solsikken");
      const ask = await rows(second!, "board_statement");
      expect(ask.map((r) => r.personId)).toEqual(["bo"]);
      const meeting = (await t.store.meetings.get(second!))!;
      const days = Math.round((meeting.startsAt.getTime() - ask[0]!.dueAt.getTime()) / 86_400_000);
      expect(days).toBeGreaterThanOrEqual(30);
      expect(days).toBeLessThanOrEqual(33); // the working day on or before
      expect(await rows(second!, "board_statement_reminder")).toHaveLength(1);
      const view = await d.meetings.agenda(await person("alex"), second!);
      expect(view.board).toEqual({ mode: "statement", changeable: true });
      // The data item names the board's perspective either way, not a statement under «Deltagelse».
      expect(view.standing.map((i) => i.title)).toContain("Data: ny datapakke og de øvrige data (A–E), herunder bestyrelsens perspektiv (udtalelse eller deltagelse)");
    });

    it("a request planned with the old timing (10 working days ahead, no reminder) moves to 30 days ahead at start, once", async () => {
      const [, second] = await samtaler("solsikken");
      const [ask] = await rows(second!, "board_statement");
      const meeting = (await t.store.meetings.get(second!))!;
      const old = new Date(meeting.startsAt.getTime() - 14 * 86_400_000);
      await t.store.db.notification.update({ where: { id: ask!.id }, data: { dueAt: old } });
      await t.store.db.notification.deleteMany({ where: { subjectId: second!, kind: "board_statement_reminder" } });
      await d.meetings.refreshTemplates();
      const [moved] = await rows(second!, "board_statement");
      expect(moved).toMatchObject({ key: ask!.key, dueAt: ask!.dueAt, status: "pending" });
      expect(await rows(second!, "board_statement_reminder")).toHaveLength(1);
      await d.meetings.refreshTemplates();
      expect((await rows(second!, "board_statement")).map((r) => [r.key, r.dueAt])).toEqual([[ask!.key, ask!.dueAt]]);
      expect(await rows(second!, "board_statement_reminder")).toHaveLength(1);
    });

    it("«Deltagelse» makes the board a participant with the pack, and takes the ask and the reminder back; «Udtalelse» again undoes it", async () => {
      const [, second] = await samtaler("solsikken");
      const alex = await person("alex");
      const res = await d.meetings.chooseBoardMode(alex, second!, "participation");
      expect(res.view.board).toEqual({ mode: "participation", changeable: true });
      expect(res.view.meeting.participants.find((p) => p.person.id === "bo")?.role).toBe("bestyrelsesrepraesentant");
      expect(await rows(second!, "board_statement")).toEqual([]);
      expect(await rows(second!, "board_statement_reminder")).toEqual([]);
      expect((await rows(second!, "meeting_agenda")).map((r) => r.personId)).toContain("bo");
      // Twice is once.
      expect((await d.meetings.chooseBoardMode(alex, second!, "participation")).effects.changed).toEqual([]);
      await d.meetings.chooseBoardMode(alex, second!, "statement");
      const back = (await t.store.meetings.get(second!))!;
      expect(back.participants.map((p) => p.person.id)).not.toContain("bo");
      expect((await rows(second!, "meeting_agenda")).map((r) => r.personId)).not.toContain("bo");
      expect((await rows(second!, "meeting_agenda")).map((r) => r.personId)).toContain("megan");
      expect((await rows(second!, "board_statement")).map((r) => r.personId)).toEqual(["bo"]);
      expect(await rows(second!, "board_statement_reminder")).toHaveLength(1);
    });

    it("only the chair chooses, only on a later læringssamtale of a unit with a board that is not selvejende", async () => {
      const [first, second] = await samtaler("solsikken");
      expect((await refusal(d.meetings.chooseBoardMode(await person("megan"), second!, "participation")))?.text).toBe(strings.theBoard.chairOnly);
      expect((await refusal(d.meetings.chooseBoardMode(await person("alex"), first!, "participation")))?.text).toBe(strings.theBoard.noChoice);
      const [, kastanjen2] = await samtaler("kastanjen");
      expect((await refusal(d.meetings.chooseBoardMode(await person("birthe"), kastanjen2!, "statement")))?.text).toBe(strings.theBoard.noChoice);
      expect((await d.meetings.agenda(await person("birthe"), kastanjen2!)).board).toBeUndefined();
    });

    it("cannot change once the ask has gone out, nor after the meeting began (in Danish)", async () => {
      const [, second] = await samtaler("solsikken");
      const [ask] = await rows(second!, "board_statement");
      await t.store.db.notification.update({ where: { id: ask!.id }, data: { status: "sent" } });
      const alex = await person("alex");
      expect((await d.meetings.agenda(alex, second!)).board).toEqual({ mode: "statement", changeable: false });
      expect((await refusal(d.meetings.chooseBoardMode(alex, second!, "participation")))?.text).toBe(strings.theBoard.choiceLocked);
      const meeting = (await t.store.meetings.get(second!))!;
      clock.set(new Date(meeting.startsAt.getTime() + 60_000).toISOString());
      expect((await refusal(d.meetings.chooseBoardMode(alex, second!, "participation")))?.text).toBe(strings.agenda.lockedStarted);
    });

    it("cannot go back to «Udtalelse» once a representative has written a reflection under «Deltagelse» (it would be left behind)", async () => {
      const [, second] = await samtaler("solsikken");
      const alex = await person("alex");
      await d.meetings.chooseBoardMode(alex, second!, "participation");
      const bo = await person("bo");
      await d.reflections.send(bo, second!, { d_foraeldre: "Forældrene spørger til sprog." }, undefined);
      expect((await d.meetings.agenda(alex, second!)).board).toEqual({ mode: "participation", changeable: false });
      expect((await refusal(d.meetings.chooseBoardMode(alex, second!, "statement")))?.text).toBe(strings.theBoard.choiceLocked);
      expect((await t.store.meetings.get(second!))!.participants.map((p) => p.person.id)).toContain("bo");
    });
  });

  describe("a selvejende dagtilbud's afrapportering (point 8)", () => {
    const reportRows = () => t.store.db.notification.findMany({ where: { kind: "board_report" } });
    const closeAt = async (meetingId: string) => {
      const m = (await t.store.meetings.get(meetingId))!;
      clock.set(new Date(m.startsAt.getTime() + 3 * 3_600_000).toISOString());
      await d.forms.save(await person("birthe"), meetingId, m.version, [], true);
    };

    it("is planned once per year of the loop, to the board's chair, after the year's last læringssamtale", async () => {
      const kastanjen = await samtaler("kastanjen");
      expect(kastanjen).toHaveLength(4);
      await closeAt(kastanjen[0]!);
      expect(await reportRows()).toEqual([]); // spring: the year is not over
      await closeAt(kastanjen[1]!);
      const [row] = await reportRows();
      expect(row).toMatchObject({ personId: "birthe", subjectId: kastanjen[1], key: "board_report:kastanjen:0-6-2027:2027:birthe" });
      // Closed again after a reopening: still once for 2027; 2028 has its own.
      const m = (await t.store.meetings.get(kastanjen[1]!))!;
      const reopened = await d.meetings.reopen(await person("birthe"), m.id, m.referatVersion);
      await d.forms.save(await person("birthe"), m.id, reopened.meeting.version, [], true);
      expect(await reportRows()).toHaveLength(1);
      await closeAt(kastanjen[2]!);
      await closeAt(kastanjen[3]!);
      expect((await reportRows()).map((r) => r.key).sort()).toEqual(["board_report:kastanjen:0-6-2027:2027:birthe", "board_report:kastanjen:0-6-2027:2028:birthe"]);
      // Solsikken is not selvejende: its board gives statements, it sends no afrapportering.
      const [sol1, sol2] = await samtaler("solsikken");
      for (const id of [sol1!, sol2!]) {
        const s = (await t.store.meetings.get(id))!;
        clock.set(new Date(s.startsAt.getTime() + 3 * 3_600_000).toISOString());
        await d.forms.save(await person("alex"), id, s.version, [], true);
      }
      expect(await reportRows()).toHaveLength(2);
    });

    it("a year of the loop is whole years from the loop's start (1 March 2027): a læringssamtale in February 2028 ends the first year", async () => {
      const [, autumn, third] = await samtaler("kastanjen");
      await t.store.db.meeting.update({ where: { id: third! }, data: { startsAt: new Date("2028-02-15T10:00:00+01:00") } });
      expect(loopYearOf(new Date("2028-02-29T23:30:00+01:00"), { startDate: "2027-03-01" }, "Europe/Copenhagen")).toBe(2027);
      expect(loopYearOf(new Date("2028-03-01T00:30:00+01:00"), { startDate: "2027-03-01" }, "Europe/Copenhagen")).toBe(2028);
      await closeAt(autumn!);
      expect(await reportRows()).toEqual([]); // February 2028 is still the loop's first year
      await closeAt(third!);
      expect((await reportRows()).map((r) => [r.key, r.subjectId])).toEqual([["board_report:kastanjen:0-6-2027:2027:birthe", third]]);
    });

    it("the chair sends it once; the chief gets it; its follow-ups are like any others and count where læringssamtale agreements count", async () => {
      const [, autumn] = await samtaler("kastanjen");
      await closeAt(autumn!);
      const birthe = await person("birthe");
      const before = (await d.congestion.load("kastanjen", "alex"))!;
      const empty = await refusal(d.boardReports.send(birthe, autumn!, " ", []));
      expect(empty?.fieldErrors).toEqual({ followedUp: strings.theBoard.reportRequired });
      const wrongOwner = await refusal(d.boardReports.send(birthe, autumn!, "Tilsyn fulgt op", [{ text: "Forældremøde", ownerId: "megan", dueDate: "2028-02-01" }]));
      expect(wrongOwner?.fieldErrors).toEqual({ owner_0: strings.form.ownerNotParticipant });
      expect((await refusal(d.boardReports.send(await person("lars"), autumn!, "x", [])))?.text).toBe(strings.theBoard.reportChairOnly);
      expect((await refusal(d.boardReports.view(await person("megan"), autumn!)))?.text).toBe(strings.theBoard.reportNotYours);

      const rows = [{ text: "Forældremøde om sprog", ownerId: "lars", dueDate: "2028-02-01" }, { text: "", ownerId: "", dueDate: "" }];
      const sent = await d.boardReports.send(birthe, autumn!, "Bestyrelsen har fulgt op på basistilsynet og sprogindsatsen.", rows);
      expect(sent.view.report?.followedUp).toBe("Bestyrelsen har fulgt op på basistilsynet og sprogindsatsen.");
      expect(sent.view.followUps.map((f) => [f.text, f.ownerId, f.dueDate, f.status])).toEqual([["Forældremøde om sprog", "lars", "2028-02-01", "open"]]);
      const again = await d.boardReports.send(birthe, autumn!, "Bestyrelsen har fulgt op på basistilsynet og sprogindsatsen.", rows);
      expect(again.effects.changed).toEqual([]);
      expect(await t.store.db.boardReport.count()).toBe(1);
      expect(await t.store.db.followUp.count({ where: { text: "Forældremøde om sprog" } })).toBe(1);
      expect((await refusal(d.boardReports.send(birthe, autumn!, "Noget andet", [])))?.text).toBe(strings.theBoard.reportAlreadySent);
      // The chief gets what was sent; the owner hears of the follow-up; it weighs on the unit like a læringssamtale's agreement.
      expect((await t.store.db.notification.findMany({ where: { kind: "board_report_received" } })).map((r) => r.personId)).toEqual(["alex"]);
      expect((await t.store.db.notification.findMany({ where: { kind: "followup_assigned" } })).map((r) => r.personId)).toContain("lars");
      expect((await d.congestion.load("kastanjen", "alex"))!.agreements).toBe(before.agreements + 1);
      const chiefs = await d.boardReports.view(await person("alex"), autumn!);
      expect(chiefs).toMatchObject({ editable: false, report: { followedUp: "Bestyrelsen har fulgt op på basistilsynet og sprogindsatsen." } });
      // «mine opgaver» of its owner, like any other follow-up.
      expect((await t.store.followUps.listOpenByOwner("lars", 10)).items.map((v) => v.followUp.text)).toContain("Forældremøde om sprog");
    });

    it("is stored with its decision and follow-ups or not at all; a resend plans what a failure after storing left out", async () => {
      const [, autumn] = await samtaler("kastanjen");
      await closeAt(autumn!);
      const birthe = await person("birthe");
      const text = "Bestyrelsen har fulgt op på sprogindsatsen.";
      const rows = [{ text: "Forældremøde om sprog", ownerId: "lars", dueDate: "2028-02-01" }];
      // The form keeps moving on while it is written: refused as stale, and nothing is kept.
      const moving = createDomainServices({ ...t.store, meetings: { ...t.store.meetings, get: async (id: string) => {
        const m = await t.store.meetings.get(id);
        return m && { ...m, version: m.version - 1 };
      } } }, clock, domainSettings(loadConfig({})));
      expect((await refusal(moving.boardReports.send(birthe, autumn!, text, rows)))?.code).toBe("stale-card");
      expect(await t.store.db.boardReport.count()).toBe(0);
      expect(await t.store.db.followUp.count({ where: { text: "Forældremøde om sprog" } })).toBe(0);
      // Planning fails after the report is stored: the resend plans the owner's and the chief's rows.
      let failures = 1;
      const failing = createDomainServices({ ...t.store, notifications: { ...t.store.notifications, plan: async (...args: Parameters<typeof t.store.notifications.plan>) => {
        if (failures-- > 0) throw new Error("the database went away");
        return t.store.notifications.plan(...args);
      } } }, clock, domainSettings(loadConfig({})));
      await expect(failing.boardReports.send(birthe, autumn!, text, rows)).rejects.toThrow("the database went away");
      expect(await t.store.db.followUp.count({ where: { text: "Forældremøde om sprog" } })).toBe(1);
      expect(await t.store.db.notification.count({ where: { kind: "board_report_received" } })).toBe(0);
      const again = await failing.boardReports.send(birthe, autumn!, text, rows);
      expect(again.effects.planned).toBeGreaterThan(0);
      expect((await t.store.db.notification.findMany({ where: { kind: "board_report_received" } })).map((r) => r.personId)).toEqual(["alex"]);
      expect((await t.store.db.notification.findMany({ where: { kind: "followup_assigned" } })).map((r) => r.personId)).toContain("lars");
      // A third send plans nothing more.
      expect((await d.boardReports.send(birthe, autumn!, text, rows)).effects.planned).toBe(0);
    });

    it("goes with the minutes' texts when the retention period has passed", async () => {
      const [, autumn] = await samtaler("kastanjen");
      await closeAt(autumn!);
      await d.boardReports.send(await person("birthe"), autumn!, "Bestyrelsen har fulgt op på legepladsen.", []);
      clock.set("2030-06-03T09:00:00+02:00"); // the 2027–28 loop ended more than a year ago
      const retention = createRetentionService({ retention: t.store.retention, clock, log: pino({ level: "silent" }), settings: { timezone: "Europe/Copenhagen", retentionMonthsAfterLoop: 12 } });
      expect((await retention.run()).boardReports).toBe(1);
      expect((await t.store.db.boardReport.findFirstOrThrow()).followedUp).toBe(strings.retention.erasedText);
      expect((await retention.run()).boardReports).toBe(0);
    });
  });
});
