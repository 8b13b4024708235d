import { describe, expect, it } from "vitest";
import { digestRow, followUpAssignedRow, followUpReminderRows, meetingPackRows, reflectionReminderRows, snoozedKey, baseKey } from "../../src/domain/notification-keys.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";

const calendar = createWorkingCalendar({ closedDays: ["12-24", "12-31"] });
const p = (id: string): Person => ({ id, aadObjectId: id, name: id, active: true });
const meeting = (startsAt: string): Meeting => ({
  id: "m",
  kind: "one_on_one",
  firstOfLoop: false,
  templateId: "1-1-ledelsesopfoelgning",
  unit: { id: "u", name: "U", type: "dagtilbud", selvejende: false, areaId: "a", active: true },
  chairId: "chef",
  startsAt: new Date(startsAt),
  durationMinutes: 60,
  status: "planned",
  referatVersion: 0,
  carriedFrozen: false,
  version: 1,
  participants: [
    { person: p("chef"), role: "chair" },
    { person: p("leder"), role: "leader" },
  ],
});
const local = (d: Date) => d.toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" });

describe("meeting pack timing (3 working days before, at the start of the working day)", () => {
  it.each([
    ["an ordinary Monday meeting: the Wednesday before", "2027-01-18T10:00:00+01:00", "2027-01-11T09:00:00+01:00", "2027-01-13 08:00:00"],
    ["a Thursday meeting: the Monday of that week", "2027-01-21T10:00:00+01:00", "2027-01-11T09:00:00+01:00", "2027-01-18 08:00:00"],
    ["over Easter 2027 (Skærtorsdag, Langfredag, 2. påskedag)", "2027-03-31T10:00:00+02:00", "2027-03-01T09:00:00+01:00", "2027-03-23 08:00:00"],
    ["over Christmas closing days", "2026-12-29T10:00:00+01:00", "2026-12-01T09:00:00+01:00", "2026-12-22 08:00:00"],
    ["across the change to summer time (29 March 2026)", "2026-04-01T09:00:00+02:00", "2026-03-02T09:00:00+01:00", "2026-03-27 08:00:00"],
    ["scheduled inside the lead time: now, when inside working hours", "2027-01-13T10:00:00+01:00", "2027-01-12T09:30:00+01:00", "2027-01-12 09:30:00"],
    ["scheduled inside the lead time in the evening: next morning", "2027-01-14T10:00:00+01:00", "2027-01-12T20:00:00+01:00", "2027-01-13 08:00:00"],
  ])("%s", (_label, startsAt, now, expected) => {
    const rows = meetingPackRows(meeting(startsAt), ["chef", "leder"], 3, calendar, new Date(now));
    expect(rows.map((r) => `${r.personId}:${r.kind}`)).toEqual(["chef:meeting_agenda", "chef:meeting_reflection", "leder:meeting_agenda", "leder:meeting_reflection"]);
    // The guide goes only to those it is for.
    expect(meetingPackRows(meeting(startsAt), ["leder"], 3, calendar, new Date(now)).map((r) => `${r.personId}:${r.kind}`)).toEqual(["chef:meeting_agenda", "leder:meeting_agenda", "leder:meeting_reflection"]);
    for (const r of rows) {
      expect(local(r.dueAt)).toBe(expected);
      expect(r.notAfter?.toISOString()).toBe(new Date(startsAt).toISOString());
    }
  });

  it("sends at once when the next working window opens only after the meeting began", () => {
    const now = new Date("2027-01-15T18:00:00+01:00"); // Friday evening, meeting Monday 08:00
    const rows = meetingPackRows(meeting("2027-01-18T08:00:00+01:00"), ["chef", "leder"], 3, calendar, now);
    expect(rows[0]!.dueAt).toEqual(now);
    expect(rows[0]!.immediate).toBe(true); // it may go outside working hours
  });

  it("keys each pack by meeting, person and time, so a moved meeting gets new rows", () => {
    const a = meetingPackRows(meeting("2027-01-18T10:00:00+01:00"), ["chef", "leder"], 3, calendar, new Date("2027-01-11T09:00:00+01:00"));
    const b = meetingPackRows(meeting("2027-01-19T10:00:00+01:00"), ["chef", "leder"], 3, calendar, new Date("2027-01-11T09:00:00+01:00"));
    expect(new Set([...a, ...b].map((r) => r.key)).size).toBe(8);
  });
});

describe("follow-up reminders: «fristen nærmer sig» 2 working days before, «overskredet» the working day after", () => {
  const plannedAt = new Date("2027-01-11T09:00:00+01:00");
  it.each([
    ["a Wednesday", "2027-01-20", "2027-01-18 08:00:00", "2027-01-21 08:00:00"],
    ["a Friday: overdue on Monday", "2027-01-22", "2027-01-20 08:00:00", "2027-01-25 08:00:00"],
    ["a Saturday: counted from Monday", "2027-01-23", "2027-01-21 08:00:00", "2027-01-25 08:00:00"],
    ["Skærtorsdag 2027: before Easter, overdue the Tuesday after", "2027-03-25", "2027-03-23 08:00:00", "2027-03-30 08:00:00"],
    ["Store Bededag 2027 (an ordinary day since 2024)", "2027-04-23", "2027-04-21 08:00:00", "2027-04-26 08:00:00"],
    ["the Friday before the change to summer time", "2027-03-05", "2027-03-03 08:00:00", "2027-03-08 08:00:00"],
    ["the Friday before the change to winter time", "2027-10-29", "2027-10-27 08:00:00", "2027-11-01 08:00:00"],
    ["23 December: overdue after the closing days", "2026-12-23", "2026-12-21 08:00:00", "2026-12-28 08:00:00"],
  ])("due on %s", (_label, due, soon, overdue) => {
    const rows = followUpReminderRows({ id: "f", ownerId: "leder", dueDate: due }, 2, calendar, due < "2027-01-11" ? new Date("2026-12-01T09:00:00+01:00") : plannedAt);
    expect(rows.map((r) => [r.kind, local(r.dueAt), r.key])).toEqual([
      ["followup_due_soon", soon, `followup_due_soon:f:leder:${due}`],
      ["followup_overdue", overdue, `followup_overdue:f:leder:${due}`],
    ]);
  });

  it("plans no «nærmer sig» whose moment has passed, and none at all with 0 days", () => {
    const rows = followUpReminderRows({ id: "f", ownerId: "leder", dueDate: "2027-01-12" }, 2, calendar, plannedAt);
    expect(rows.map((r) => r.kind)).toEqual(["followup_overdue"]);
    expect(followUpReminderRows({ id: "f", ownerId: "leder", dueDate: "2027-02-12" }, 0, calendar, plannedAt).map((r) => r.kind)).toEqual(["followup_overdue"]);
  });

  it("plans «overskredet» for later the same day, or the next morning, but not once its day has passed", () => {
    const f = { id: "f", ownerId: "leder", dueDate: "2027-01-12" }; // notice day: Wednesday the 13th
    const [noon] = followUpReminderRows(f, 2, calendar, new Date("2027-01-13T12:00:00+01:00"));
    expect(local(noon!.dueAt)).toBe("2027-01-13 12:00:00");
    const [night] = followUpReminderRows(f, 2, calendar, new Date("2027-01-13T22:00:00+01:00"));
    expect(local(night!.dueAt)).toBe("2027-01-14 08:00:00");
    // Later (a follow-up recorded after its frist, or an upgrade): the weekly overview has it, no late card.
    expect(followUpReminderRows(f, 2, calendar, new Date("2027-01-20T09:00:00+01:00"))).toEqual([]);
  });

  it("never lets «nærmer sig» (or a snooze of it) come after «overskredet»", () => {
    const [soon] = followUpReminderRows({ id: "f", ownerId: "leder", dueDate: "2027-01-20" }, 2, calendar, new Date("2027-01-11T09:00:00+01:00"));
    expect(local(soon!.notAfter!)).toBe("2027-01-21 08:00:00");
  });

  it("tells the person who assigned at once and anyone else in working hours", () => {
    const evening = new Date("2027-01-12T20:00:00+01:00");
    expect(followUpAssignedRow({ id: "f", ownerId: "chef" }, "chef", calendar, evening)).toMatchObject({ dueAt: evening, immediate: true });
    const other = followUpAssignedRow({ id: "f", ownerId: "leder" }, "chef", calendar, evening);
    expect(local(other.dueAt)).toBe("2027-01-13 08:00:00");
    expect(other.immediate).toBeUndefined();
  });

  it("keeps a snoozed copy's original key recognisable", () => {
    const key = "followup_overdue:f:leder:2027-01-12";
    const once = snoozedKey(key, new Date("2027-01-14T07:00:00Z"));
    const twice = snoozedKey(once, new Date("2027-01-19T07:00:00Z"));
    expect(twice).toBe(`${key}|snooze@2027-01-19T07:00:00.000Z`);
    expect(baseKey(twice)).toBe(key);
  });
});

describe("the reflection reminder: the working day before, to those asked for a reflection", () => {
  it("goes Friday 08:00 for a Monday meeting, and Tuesday after Easter for the Wednesday after", () => {
    const monday = reflectionReminderRows(meeting("2027-01-18T10:00:00+01:00"), ["leder"], calendar, new Date("2027-01-11T09:00:00+01:00"));
    expect(monday.map((r) => [r.personId, local(r.dueAt)])).toEqual([["leder", "2027-01-15 08:00:00"]]);
    const easter = reflectionReminderRows(meeting("2027-03-31T10:00:00+02:00"), ["leder"], calendar, new Date("2027-03-01T09:00:00+01:00"));
    expect(local(easter[0]!.dueAt)).toBe("2027-03-30 08:00:00");
    expect(easter[0]!.notAfter).toEqual(new Date("2027-03-31T10:00:00+02:00"));
  });

  it("plans none when that morning has passed", () => {
    expect(reflectionReminderRows(meeting("2027-01-18T10:00:00+01:00"), ["leder"], calendar, new Date("2027-01-15T09:00:00+01:00"))).toEqual([]);
  });
});

describe("weekly overviews", () => {
  const now = new Date("2027-01-10T06:00:00+01:00");
  it("come at the person's hour, and at the start of the working day if that hour is outside it", () => {
    expect(local(digestRow("overdue_digest", "leder", "2027-01-11", "10:00", calendar, now).dueAt)).toBe("2027-01-11 10:00:00");
    expect(local(digestRow("overdue_digest", "leder", "2027-01-11", "18:00", calendar, now).dueAt)).toBe("2027-01-11 08:00:00");
    expect(local(digestRow("chief_digest", "chef", "2027-01-11", undefined, calendar, now).dueAt)).toBe("2027-01-11 08:00:00");
    expect(digestRow("chief_digest", "chef", "2027-01-11", undefined, calendar, now).key).toBe("chief_digest:chef:2027-01-11");
  });
});
