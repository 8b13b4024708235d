import { describe, expect, it } from "vitest";
import { isReopened, mayReopen, reopenDeadline, reopensBeforeStart } from "../../src/domain/closing.js";
import { referatRows, referatVersionOfKey, snoozedKey } from "../../src/domain/notification-keys.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";

/** The rules of closing and reopening (docs/decisions/0013-closing-and-reopening.md), without a database. */

const tz = "Europe/Copenhagen";
const p = (id: string): Person => ({ id, aadObjectId: id, name: id, active: true });
const meeting = (patch: Partial<Meeting> = {}): Meeting => ({
  id: "m",
  kind: "one_on_one",
  firstOfLoop: false,
  templateId: "1-1-ledelsesopfoelgning",
  unit: { id: "u", name: "U", type: "dagtilbud", selvejende: false, areaId: "a", active: true },
  chairId: "chef",
  startsAt: new Date("2027-03-22T10:00:00+01:00"),
  durationMinutes: 60,
  status: "closed",
  closedAt: new Date("2027-03-22T11:30:00+01:00"),
  referatVersion: 1,
  carriedFrozen: true,
  version: 3,
  participants: [
    { person: p("chef"), role: "chair" },
    { person: p("leder"), role: "leader" },
  ],
  ...patch,
});
const local = (d: Date | undefined) => d?.toLocaleString("sv-SE", { timeZone: tz });

describe("how long a closed meeting may be reopened", () => {
  it.each([
    ["14 days after its latest closing, at the same time of day", meeting({ closedAt: new Date("2027-01-13T11:30:00+01:00") }), 14, "2027-01-27 11:30:00"],
    // Summer time begins on 28 March 2027: the deadline keeps the local time, not 14 × 24 hours.
    ["across the change to summer time", meeting(), 14, "2027-04-05 11:30:00"],
    ["a day", meeting({ closedAt: new Date("2027-10-30T15:00:00+02:00") }), 1, "2027-10-31 15:00:00"],
    ["not at all when MEETING_REOPEN_DAYS is 0", meeting(), 0, undefined],
    ["not at all when it is not closed (planned, reopened or cancelled)", meeting({ status: "planned" }), 14, undefined],
    ["not at all when it is cancelled", meeting({ status: "cancelled" }), 14, undefined],
  ])("%s", (_label, m, days, expected) => {
    expect(local(reopenDeadline(m, days, tz))).toBe(expected);
  });

  it("may be reopened until the deadline, not at it", () => {
    const m = meeting();
    expect(mayReopen(m, 14, tz, new Date("2027-03-22T11:31:00+01:00"))).toBe(true);
    expect(mayReopen(m, 14, tz, new Date("2027-04-05T11:29:59+02:00"))).toBe(true);
    expect(mayReopen(m, 14, tz, new Date("2027-04-05T11:30:00+02:00"))).toBe(false);
    expect(mayReopen(m, 0, tz, new Date("2027-03-22T11:31:00+01:00"))).toBe(false);
  });

  it("counts from the latest closing: closed again after a correction, the window starts again", () => {
    const again = meeting({ closedAt: new Date("2027-04-01T09:00:00+02:00"), referatVersion: 2 });
    expect(local(reopenDeadline(again, 14, tz))).toBe("2027-04-15 09:00:00");
  });
});

describe("where a meeting stands", () => {
  it("is reopened when it is planned with a referat behind it", () => {
    expect(isReopened(meeting({ status: "planned", referatVersion: 1 }))).toBe(true);
    expect(isReopened(meeting({ status: "planned", referatVersion: 0 }))).toBe(false);
    expect(isReopened(meeting({ status: "closed", referatVersion: 2 }))).toBe(false);
    expect(isReopened(meeting({ status: "cancelled", referatVersion: 1 }))).toBe(false);
  });

  it("reopened before it began, it is planned again as if never closed; after, what it followed up on stays", () => {
    const m = meeting();
    expect(reopensBeforeStart(m, new Date("2027-03-22T09:59:00+01:00"))).toBe(true);
    expect(reopensBeforeStart(m, new Date("2027-03-22T10:00:00+01:00"))).toBe(false);
  });
});

describe("a referat is sent once per version", () => {
  const calendar = createWorkingCalendar({ closedDays: [] });
  const now = new Date("2027-03-22T11:30:00+01:00");

  it("the first has the key it always had; a corrected one a key of its own", () => {
    expect(referatRows(meeting(), "chef", calendar, now).map((r) => r.key)).toEqual(["referat:m:chef", "referat:m:leder"]);
    expect(referatRows(meeting(), "chef", calendar, now, 2).map((r) => r.key)).toEqual(["referat:m:chef:v2", "referat:m:leder:v2"]);
    expect(referatRows(meeting(), "chef", calendar, now, 3).map((r) => r.key)).toEqual(["referat:m:chef:v3", "referat:m:leder:v3"]);
  });

  it("goes at once to the chair who closed it, to the others in working hours", () => {
    const evening = new Date("2027-03-22T17:00:00+01:00");
    const rows = referatRows(meeting(), "chef", calendar, evening, 2);
    expect(rows.map((r) => [r.personId, r.immediate ?? false, local(r.dueAt)])).toEqual([
      ["chef", true, "2027-03-22 17:00:00"],
      ["leder", false, "2027-03-23 08:00:00"],
    ]);
  });

  it("a row knows which version it sends (a snoozed copy too)", () => {
    expect(referatVersionOfKey("referat:m:leder")).toBe(1);
    expect(referatVersionOfKey("referat:m:leder:v2")).toBe(2);
    expect(referatVersionOfKey("referat:m:leder:v12")).toBe(12);
    expect(referatVersionOfKey(snoozedKey("referat:m:leder:v3", new Date("2027-03-23T07:00:00Z")))).toBe(3);
  });
});
