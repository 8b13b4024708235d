import { describe, expect, it } from "vitest";
import { followUpAssignedRow, followUpDueRow, meetingPackRows } from "../../src/domain/notification-keys.js";
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
    const rows = meetingPackRows(meeting(startsAt), 3, calendar, new Date(now));
    expect(rows.map((r) => `${r.personId}:${r.kind}`)).toEqual(["chef:meeting_agenda", "chef:meeting_reflection", "leder:meeting_agenda", "leder:meeting_reflection"]);
    for (const r of rows) {
      expect(local(r.dueAt)).toBe(expected);
      expect(r.notAfter?.toISOString()).toBe(new Date(startsAt).toISOString());
    }
  });

  it("sends at once when the next working window opens only after the meeting began", () => {
    const now = new Date("2027-01-15T18:00:00+01:00"); // Friday evening, meeting Monday 08:00
    const rows = meetingPackRows(meeting("2027-01-18T08:00:00+01:00"), 3, calendar, now);
    expect(rows[0]!.dueAt).toEqual(now);
  });

  it("keys each pack by meeting, person and time, so a moved meeting gets new rows", () => {
    const a = meetingPackRows(meeting("2027-01-18T10:00:00+01:00"), 3, calendar, new Date("2027-01-11T09:00:00+01:00"));
    const b = meetingPackRows(meeting("2027-01-19T10:00:00+01:00"), 3, calendar, new Date("2027-01-11T09:00:00+01:00"));
    expect(new Set([...a, ...b].map((r) => r.key)).size).toBe(8);
  });
});

describe("follow-up reminders", () => {
  it.each([
    ["a weekday: that morning", "2027-01-20", "2027-01-20 08:00:00"],
    ["a Saturday: Monday morning", "2027-01-23", "2027-01-25 08:00:00"],
    ["Langfredag 2027: the Tuesday after Easter", "2027-03-26", "2027-03-30 08:00:00"],
    ["Store Bededag is a working day since 2024", "2027-04-23", "2027-04-23 08:00:00"],
  ])("due on %s", (_label, due, expected) => {
    const row = followUpDueRow({ id: "f", ownerId: "leder", dueDate: due }, calendar, new Date("2027-01-11T09:00:00+01:00"));
    expect(local(row.dueAt)).toBe(expected);
    expect(row.key).toBe(`followup_due:f:leder:${due}`);
  });

  it("tells the person who assigned at once and anyone else in working hours", () => {
    const evening = new Date("2027-01-12T20:00:00+01:00");
    expect(followUpAssignedRow({ id: "f", ownerId: "chef" }, "chef", calendar, evening).dueAt).toEqual(evening);
    expect(local(followUpAssignedRow({ id: "f", ownerId: "leder" }, "chef", calendar, evening).dueAt)).toBe("2027-01-13 08:00:00");
  });
});
