import { describe, it, expect } from "vitest";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { zonedToUtc } from "../../src/lib/zoned-time.js";

const cal = createWorkingCalendar({});

/** Copenhagen wall time -> instant. */
const cph = (date: string, time: string): Date => zonedToUtc(date, time);

describe("createWorkingCalendar defaults", () => {
  it("uses Mon-Fri 08:00-15:30 in Europe/Copenhagen", () => {
    expect(cal.tz).toBe("Europe/Copenhagen");
    expect(cal.workdays).toEqual([1, 2, 3, 4, 5]);
    expect(cal.dayStart).toBe("08:00");
    expect(cal.dayEnd).toBe("15:30");
  });

  it("can be created without an options object", () => {
    expect(createWorkingCalendar().isWorkingDay("2027-01-12")).toBe(true);
  });
});

describe("isWorkingDay / closedReason", () => {
  it.each([
    ["2027-01-11", true, undefined], // Monday
    ["2027-01-15", true, undefined], // Friday
    ["2027-01-16", false, "Weekend"], // Saturday
    ["2027-01-17", false, "Weekend"], // Sunday
    ["2027-01-01", false, "Nytårsdag"],
    ["2027-03-24", true, undefined],
    ["2027-03-25", false, "Skærtorsdag"],
    ["2027-03-26", false, "Langfredag"],
    ["2027-03-28", false, "Påskedag"], // Sunday, holiday name wins
    ["2027-03-29", false, "2. påskedag"],
    ["2027-03-30", true, undefined],
    ["2027-05-06", false, "Kristi himmelfartsdag"],
    ["2027-05-17", false, "2. pinsedag"],
    ["2023-05-05", false, "Store bededag"],
    ["2024-04-26", true, undefined], // would have been Store bededag
    ["2027-12-24", true, undefined], // not a public holiday by default
  ])("%s: working=%s reason=%s", (date, working, reason) => {
    expect(cal.isWorkingDay(date)).toBe(working);
    expect(cal.closedReason(date)).toBe(reason);
  });

  it("rejects invalid dates", () => {
    expect(() => cal.isWorkingDay("2027-02-30")).toThrow(RangeError);
  });
});

describe("closed days", () => {
  const withClosed = createWorkingCalendar({ closedDays: ["12-24", "12-31", "2027-05-07", "06-05"] });

  it.each([
    ["2026-12-24", false, "Lukkedag"], // Thursday, recurring
    ["2027-12-24", false, "Lukkedag"], // Friday, recurring
    ["2027-12-31", false, "Lukkedag"],
    ["2027-05-07", false, "Lukkedag"], // one-off (Friday after Kristi himmelfart)
    ["2028-05-07", false, "Weekend"], // one-off does not recur (Sunday anyway)
    ["2026-05-07", true, undefined], // one-off does not recur
    ["2026-06-05", false, "Lukkedag"], // Grundlovsdag, Friday
    ["2027-06-05", false, "Weekend"], // Saturday: weekend wins over closed day
    ["2027-12-23", true, undefined],
  ])("%s: working=%s reason=%s", (date, working, reason) => {
    expect(withClosed.isWorkingDay(date)).toBe(working);
    expect(withClosed.closedReason(date)).toBe(reason);
  });

  it("skips closed days in addWorkingDays", () => {
    // Wed 2027-05-05 + 1: Thu 6 Kristi himmelfart, Fri 7 one-off closed, weekend -> Mon 10.
    expect(withClosed.addWorkingDays("2027-05-05", 1)).toBe("2027-05-10");
    expect(cal.addWorkingDays("2027-05-05", 1)).toBe("2027-05-07");
    // Thu 2027-12-23 + 1: Fri 24 closed, weekend -> Mon 27.
    expect(withClosed.addWorkingDays("2027-12-23", 1)).toBe("2027-12-27");
  });

  it("accepts 02-29 as a recurring day", () => {
    const leap = createWorkingCalendar({ closedDays: ["02-29"] });
    expect(leap.closedReason("2028-02-29")).toBe("Lukkedag");
  });

  it.each([["13-01"], ["02-30"], ["2027-02-30"], ["24-12"], ["christmas"]])("rejects invalid closed day %j", (bad) => {
    expect(() => createWorkingCalendar({ closedDays: [bad] })).toThrow(RangeError);
  });
});

describe("custom options validation", () => {
  it.each([
    [{ workdays: [] }],
    [{ workdays: [0, 1] }],
    [{ workdays: [8] }],
    [{ dayStart: "8:00" }],
    [{ dayEnd: "25:00" }],
    [{ dayStart: "16:00", dayEnd: "15:30" }],
    [{ dayStart: "08:00", dayEnd: "08:00" }],
    [{ tz: "Not/AZone" }],
  ])("rejects %j", (opts) => {
    expect(() => createWorkingCalendar(opts)).toThrow(RangeError);
  });

  it("supports custom workdays", () => {
    const fourDay = createWorkingCalendar({ workdays: [1, 2, 3, 4] });
    expect(fourDay.isWorkingDay("2027-01-15")).toBe(false); // Friday
    expect(fourDay.closedReason("2027-01-15")).toBe("Weekend");
    expect(fourDay.addWorkingDays("2027-01-14", 1)).toBe("2027-01-18");
  });
});

describe("addWorkingDays", () => {
  it.each([
    ["2027-01-12", 0, "2027-01-12"],
    ["2027-01-16", 0, "2027-01-16"], // n=0 returns the date even if closed
    ["2027-01-12", 1, "2027-01-13"],
    ["2027-01-15", 1, "2027-01-18"], // Fri -> Mon
    ["2027-01-16", 1, "2027-01-18"], // Sat -> Mon
    ["2027-01-11", -1, "2027-01-08"], // Mon -> Fri
    ["2027-01-18", -3, "2027-01-13"], // 3 working days before a Monday meeting = previous Wednesday
    ["2027-01-17", -1, "2027-01-15"], // Sun -> Fri
    ["2027-01-11", 5, "2027-01-18"],
    // Across Easter 2027: 25, 26, 29 are holidays and 27/28 weekend, so the
    // working day before Tuesday 30 March is Wednesday 24 March.
    ["2027-03-30", -1, "2027-03-24"],
    ["2027-03-30", -2, "2027-03-23"],
    ["2027-03-30", -3, "2027-03-22"],
    ["2027-04-01", -3, "2027-03-24"], // Thu -> Wed 31, Tue 30, (Easter skipped) Wed 24
    ["2027-03-24", 1, "2027-03-30"],
    ["2027-03-24", 3, "2027-04-01"],
    ["2027-05-05", 1, "2027-05-07"], // over Kristi himmelfartsdag
    ["2027-05-14", 1, "2027-05-18"], // over 2. pinsedag
    ["2026-12-23", 1, "2026-12-24"], // 24 Dec is a working day by default
    ["2026-12-24", 1, "2026-12-28"], // over Juledag/2. juledag + weekend
    ["2026-12-31", 1, "2027-01-04"], // over Nytårsdag + weekend
    ["2027-01-04", -1, "2026-12-31"],
  ])("addWorkingDays(%s, %i) = %s", (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it("rejects non-integer n", () => {
    expect(() => cal.addWorkingDays("2027-01-12", 0.5)).toThrow(RangeError);
  });
});

describe("nextWorkingDay", () => {
  it.each([
    ["2027-01-12", "2027-01-12"],
    ["2027-01-16", "2027-01-18"],
    ["2027-03-25", "2027-03-30"],
    ["2026-12-25", "2026-12-28"],
    ["2027-01-01", "2027-01-04"],
  ])("nextWorkingDay(%s) = %s", (date, expected) => {
    expect(cal.nextWorkingDay(date)).toBe(expected);
  });
});

describe("workingDayStart", () => {
  it("is dayStart in Copenhagen as UTC", () => {
    expect(cal.workingDayStart("2027-01-12").toISOString()).toBe("2027-01-12T07:00:00.000Z");
    expect(cal.workingDayStart("2026-07-01").toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(cal.workingDayEnd("2027-01-12").toISOString()).toBe("2027-01-12T14:30:00.000Z");
  });

  it("respects tz and dayStart options", () => {
    const ny = createWorkingCalendar({ tz: "America/New_York", dayStart: "09:00", dayEnd: "17:00" });
    expect(ny.workingDayStart("2027-01-12").toISOString()).toBe("2027-01-12T14:00:00.000Z");
  });
});

describe("isWithinWorkingHours", () => {
  it.each([
    ["2027-01-12", "08:00", true], // start inclusive
    ["2027-01-12", "07:59", false],
    ["2027-01-12", "12:00", true],
    ["2027-01-12", "15:29", true],
    ["2027-01-12", "15:30", false], // end exclusive
    ["2027-01-16", "10:00", false], // Saturday
    ["2027-03-25", "10:00", false], // Skærtorsdag
    ["2026-07-01", "08:00", true], // summer
  ])("%s %s -> %s", (date, time, expected) => {
    expect(cal.isWithinWorkingHours(cph(date, time))).toBe(expected);
  });

  it("handles seconds at the window edges", () => {
    expect(cal.isWithinWorkingHours(new Date("2027-01-12T06:59:59.999Z"))).toBe(false);
    expect(cal.isWithinWorkingHours(new Date("2027-01-12T14:29:59.999Z"))).toBe(true);
  });
});

describe("nextWindowStart", () => {
  it.each([
    // [description, local date, local time, expected ISO]
    ["Friday 16:00 -> Monday 08:00", "2027-01-15", "16:00", "2027-01-18T07:00:00.000Z"],
    ["Friday 15:30 (end, exclusive) -> Monday 08:00", "2027-01-15", "15:30", "2027-01-18T07:00:00.000Z"],
    ["Saturday -> Monday 08:00", "2027-01-16", "11:00", "2027-01-18T07:00:00.000Z"],
    ["Sunday 23:59 -> Monday 08:00", "2027-01-17", "23:59", "2027-01-18T07:00:00.000Z"],
    ["Thursday 07:00 -> same day 08:00", "2027-01-14", "07:00", "2027-01-14T07:00:00.000Z"],
    ["Thursday 00:00 -> same day 08:00", "2027-01-14", "00:00", "2027-01-14T07:00:00.000Z"],
    ["Wednesday before Easter 15:45 -> Tuesday after Easter 08:00", "2027-03-24", "15:45", "2027-03-30T06:00:00.000Z"],
    ["Skærtorsdag 07:00 -> Tuesday after Easter 08:00", "2027-03-25", "07:00", "2027-03-30T06:00:00.000Z"],
    ["DST weekend: Friday 2026-03-27 17:00 -> Monday 08:00 CEST", "2026-03-27", "17:00", "2026-03-30T06:00:00.000Z"],
    ["autumn DST weekend: Friday 2026-10-23 17:00 -> Monday 08:00 CET", "2026-10-23", "17:00", "2026-10-26T07:00:00.000Z"],
    ["New Year's Eve evening -> 4 Jan 2027", "2026-12-31", "18:00", "2027-01-04T07:00:00.000Z"],
  ])("%s", (_desc, date, time, expected) => {
    expect(cal.nextWindowStart(cph(date, time)).toISOString()).toBe(expected);
  });

  it("returns the same instant when inside the window", () => {
    const inside = cph("2027-01-12", "10:17");
    const result = cal.nextWindowStart(inside);
    expect(result.getTime()).toBe(inside.getTime());
    const atStart = cph("2027-01-12", "08:00");
    expect(cal.nextWindowStart(atStart).getTime()).toBe(atStart.getTime());
  });

  it("returns a working-hours instant for any input (property check over a year)", () => {
    let t = new Date("2026-01-01T00:00:00Z").getTime();
    const end = new Date("2027-01-01T00:00:00Z").getTime();
    for (; t < end; t += 7 * 3_600_000 + 13 * 60_000) {
      const next = cal.nextWindowStart(new Date(t));
      expect(next.getTime()).toBeGreaterThanOrEqual(t);
      expect(cal.isWithinWorkingHours(next)).toBe(true);
      expect(next.getTime() - t).toBeLessThan(8 * 86_400_000);
    }
  });

  it("uses the calendar's own closed days", () => {
    const withClosed = createWorkingCalendar({ closedDays: ["12-24"] });
    expect(withClosed.nextWindowStart(cph("2026-12-23", "16:00")).toISOString()).toBe("2026-12-28T07:00:00.000Z");
    expect(cal.nextWindowStart(cph("2026-12-23", "16:00")).toISOString()).toBe("2026-12-24T07:00:00.000Z");
  });
});
