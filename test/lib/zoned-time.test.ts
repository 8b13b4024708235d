import { describe, it, expect } from "vitest";
import {
  addDays,
  compareDates,
  isValidLocalDate,
  isValidLocalTime,
  localDateOf,
  localTimeOf,
  localWeekday,
  zonedToUtc,
} from "../../src/lib/zoned-time.js";

describe("zonedToUtc", () => {
  it.each([
    // [date, time, expected UTC ISO, description]
    ["2027-01-12", "08:00", "2027-01-12T07:00:00.000Z", "winter (CET, +01:00)"],
    ["2026-07-01", "08:00", "2026-07-01T06:00:00.000Z", "summer (CEST, +02:00)"],
    ["2026-03-29", "01:59", "2026-03-29T00:59:00.000Z", "just before spring-forward gap"],
    ["2026-03-29", "02:30", "2026-03-29T01:30:00.000Z", "in the gap -> 03:30 CEST"],
    ["2026-03-29", "02:00", "2026-03-29T01:00:00.000Z", "start of the gap -> 03:00 CEST"],
    ["2026-03-29", "03:00", "2026-03-29T01:00:00.000Z", "first valid CEST minute"],
    ["2026-03-29", "08:00", "2026-03-29T06:00:00.000Z", "DST day morning"],
    ["2026-10-25", "02:30", "2026-10-25T00:30:00.000Z", "autumn overlap -> first (CEST) occurrence"],
    ["2026-10-25", "01:30", "2026-10-24T23:30:00.000Z", "before the overlap (CEST)"],
    ["2026-10-25", "03:00", "2026-10-25T02:00:00.000Z", "after the overlap (CET)"],
    ["2026-10-25", "08:00", "2026-10-25T07:00:00.000Z", "autumn DST day morning"],
    ["2026-12-31", "23:59", "2026-12-31T22:59:00.000Z", "year end"],
    ["2027-01-01", "00:00", "2026-12-31T23:00:00.000Z", "midnight crosses UTC date"],
  ])("%s %s -> %s (%s)", (date, time, expected) => {
    expect(zonedToUtc(date, time).toISOString()).toBe(expected);
  });

  it("supports other time zones", () => {
    expect(zonedToUtc("2026-07-01", "08:00", "UTC").toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(zonedToUtc("2026-07-01", "08:00", "America/New_York").toISOString()).toBe("2026-07-01T12:00:00.000Z");
    expect(zonedToUtc("2026-03-08", "02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it("round-trips with localDateOf/localTimeOf for every quarter hour around DST days", () => {
    for (const date of ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26"]) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        const inGap = date === "2026-03-29" && time >= "02:00" && time < "03:00";
        if (inGap) continue;
        const instant = zonedToUtc(date, time);
        expect(localDateOf(instant)).toBe(date);
        expect(localTimeOf(instant)).toBe(time);
      }
    }
  });

  it("rejects invalid input", () => {
    expect(() => zonedToUtc("2027-02-30", "08:00")).toThrow(RangeError);
    expect(() => zonedToUtc("2027-01-12", "24:00")).toThrow(RangeError);
    expect(() => zonedToUtc("2027-01-12", "8:00")).toThrow(RangeError);
    expect(() => zonedToUtc("2027-01-12", "08:00", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("localDateOf / localTimeOf", () => {
  it.each([
    ["2027-01-12T08:30:00Z", "2027-01-12", "09:30"],
    ["2026-07-01T22:30:00Z", "2026-07-02", "00:30"],
    ["2026-12-31T23:00:00Z", "2027-01-01", "00:00"],
    ["2026-12-31T22:59:59Z", "2026-12-31", "23:59"],
    ["2026-10-25T00:30:00Z", "2026-10-25", "02:30"],
    ["2026-10-25T01:30:00Z", "2026-10-25", "02:30"],
    ["2026-03-29T01:00:00Z", "2026-03-29", "03:00"],
  ])("%s -> %s %s (Copenhagen)", (iso, date, time) => {
    const instant = new Date(iso);
    expect(localDateOf(instant)).toBe(date);
    expect(localTimeOf(instant)).toBe(time);
  });

  it("honours the tz parameter", () => {
    const instant = new Date("2027-01-12T03:30:00Z");
    expect(localDateOf(instant, "America/New_York")).toBe("2027-01-11");
    expect(localTimeOf(instant, "America/New_York")).toBe("22:30");
    expect(localTimeOf(instant, "UTC")).toBe("03:30");
  });

  it("rejects an invalid Date", () => {
    expect(() => localDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("localWeekday", () => {
  it.each([
    ["2027-01-11", 1],
    ["2027-01-12", 2],
    ["2027-03-24", 3],
    ["2027-03-25", 4],
    ["2027-03-26", 5],
    ["2027-03-27", 6],
    ["2027-03-28", 7],
    ["2024-02-29", 4],
    ["2000-01-01", 6],
  ])("%s is ISO weekday %i", (date, wd) => {
    expect(localWeekday(date)).toBe(wd);
  });
});

describe("addDays / compareDates", () => {
  it.each([
    ["2027-01-12", 0, "2027-01-12"],
    ["2027-01-12", 1, "2027-01-13"],
    ["2027-01-31", 1, "2027-02-01"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2027-03-01", -1, "2027-02-28"],
    ["2026-03-28", 2, "2026-03-30"],
    ["2026-10-24", 2, "2026-10-26"],
    ["2027-01-12", 365, "2028-01-12"],
    ["2027-01-12", -366, "2026-01-11"],
  ])("addDays(%s, %i) = %s", (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it("rejects non-integer n and invalid dates", () => {
    expect(() => addDays("2027-01-12", 1.5)).toThrow(RangeError);
    expect(() => addDays("2027-13-01", 1)).toThrow(RangeError);
  });

  it("compares dates", () => {
    expect(compareDates("2027-01-12", "2027-01-13")).toBeLessThan(0);
    expect(compareDates("2027-01-13", "2027-01-12")).toBeGreaterThan(0);
    expect(compareDates("2027-01-12", "2027-01-12")).toBe(0);
    expect(compareDates("2026-12-31", "2027-01-01")).toBeLessThan(0);
    expect(["2027-03-01", "2026-12-31", "2027-01-12"].sort(compareDates)).toEqual([
      "2026-12-31",
      "2027-01-12",
      "2027-03-01",
    ]);
  });
});

describe("isValidLocalDate / isValidLocalTime", () => {
  it.each([
    ["2027-01-12", true],
    ["2028-02-29", true],
    ["2000-02-29", true],
    ["2027-02-29", false],
    ["1900-02-29", false],
    ["2027-02-30", false],
    ["2027-04-31", false],
    ["2027-13-01", false],
    ["2027-00-10", false],
    ["2027-01-00", false],
    ["2027-1-12", false],
    ["27-01-12", false],
    ["2027-01-12T00:00", false],
    ["", false],
  ])("isValidLocalDate(%j) = %s", (s, ok) => {
    expect(isValidLocalDate(s)).toBe(ok);
  });

  it.each([
    ["00:00", true],
    ["08:00", true],
    ["15:30", true],
    ["23:59", true],
    ["24:00", false],
    ["12:60", false],
    ["8:00", false],
    ["08.00", false],
    ["08:00:00", false],
    ["", false],
  ])("isValidLocalTime(%j) = %s", (s, ok) => {
    expect(isValidLocalTime(s)).toBe(ok);
  });
});
