import { describe, it, expect } from "vitest";
import {
  addDays,
  compareDates,
  isValidLocalDate,
  isValidLocalTime,
  localDateOf,
  localTimeOf,
  localWeekday,
  offsetAt,
  zonedToUtc,
} from "../../src/lib/zoned-time.js";

/** What Intl itself says the wall clock shows: date, time and offset, to the second. */
function intlReading(instant: Date, tz: string): { date: string; time: string; offset: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const [y, mo, d, h, mi, se] = [get("year"), get("month"), get("day"), get("hour") % 24, get("minute"), get("second")];
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const offset = Date.UTC(y, mo - 1, d, h, mi, se) - Math.floor(instant.getTime() / 1000) * 1000;
  return { date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`, time: `${pad(h)}:${pad(mi)}`, offset };
}

describe("the offset kept per quarter hour", () => {
  // Instants on both sides of offset changes: Copenhagen's DST switches, a zone on the half hour
  // (Adelaide), one on the quarter (Kathmandu), and two switches inside a quarter hour, on odd
  // seconds: local mean time ending in Copenhagen (as Intl has it, Berlin's +00:53:28, in 1893) and
  // in Monrovia (−00:44:30, in 1972). Stepped by 7 min 13.5 s, so they fall all over each quarter.
  const around = [
    ["Europe/Copenhagen", "2026-03-29T01:00:00Z"],
    ["Europe/Copenhagen", "2026-10-25T01:00:00Z"],
    ["Australia/Adelaide", "2026-04-04T16:30:00Z"],
    ["Asia/Kathmandu", "1985-12-31T18:30:00Z"],
    ["Europe/Copenhagen", "1893-03-31T23:06:32Z"],
    ["Africa/Monrovia", "1972-01-07T00:44:30Z"],
  ] as const;
  it.each(around)("gives what Intl gives in %s around %s, asked in any order", (tz, at) => {
    const centre = Date.parse(at);
    const instants: number[] = [];
    for (let ms = centre - 3 * 3_600_000; ms <= centre + 3 * 3_600_000; ms += 433_500) instants.push(ms);
    // Forwards, then backwards: what was kept for one quarter never answers for another.
    for (const ms of [...instants, ...instants.reverse()]) {
      const d = new Date(ms);
      const want = intlReading(d, tz);
      expect({ date: localDateOf(d, tz), time: localTimeOf(d, tz), offset: offsetAt(ms, tz) }).toEqual(want);
    }
  });

  it("is exact at the very second of a switch, and refuses an instant that is not one", () => {
    const spring = Date.parse("2026-03-29T01:00:00Z");
    expect(localTimeOf(new Date(spring - 1), "Europe/Copenhagen")).toBe("01:59");
    expect(localTimeOf(new Date(spring), "Europe/Copenhagen")).toBe("03:00");
    expect(offsetAt(spring - 1000, "Europe/Copenhagen")).toBe(3_600_000);
    expect(offsetAt(spring, "Europe/Copenhagen")).toBe(7_200_000);
    // Inside a quarter hour: the second before local mean time ended, and the second it did.
    const lmtEnd = Date.parse("1893-03-31T23:06:32Z");
    expect(localTimeOf(new Date(lmtEnd - 1000), "Europe/Copenhagen")).toBe("23:59");
    expect(localTimeOf(new Date(lmtEnd), "Europe/Copenhagen")).toBe("00:06");
    expect(offsetAt(lmtEnd - 1000, "Europe/Copenhagen")).toBe(3_208_000);
    expect(offsetAt(lmtEnd, "Europe/Copenhagen")).toBe(3_600_000);
    expect(() => offsetAt(Number.NaN, "Europe/Copenhagen")).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

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
