import { describe, it, expect } from "vitest";
import {
  formatDateLong,
  formatDateShort,
  formatDateTime,
  formatInstantDateShort,
  formatTime,
} from "../../src/lib/format-da.js";

describe("formatDateLong", () => {
  it.each([
    ["2027-01-12", "tirsdag den 12. januar 2027"],
    ["2027-01-11", "mandag den 11. januar 2027"],
    ["2027-02-03", "onsdag den 3. februar 2027"],
    ["2027-03-25", "torsdag den 25. marts 2027"],
    ["2027-04-02", "fredag den 2. april 2027"],
    ["2027-05-01", "lørdag den 1. maj 2027"],
    ["2027-06-06", "søndag den 6. juni 2027"],
    ["2027-07-01", "torsdag den 1. juli 2027"],
    ["2027-08-31", "tirsdag den 31. august 2027"],
    ["2027-09-30", "torsdag den 30. september 2027"],
    ["2027-10-15", "fredag den 15. oktober 2027"],
    ["2027-11-11", "torsdag den 11. november 2027"],
    ["2027-12-24", "fredag den 24. december 2027"],
  ])("%s -> %s", (date, expected) => {
    expect(formatDateLong(date)).toBe(expected);
  });

  it("matches Intl da-DK dateStyle full", () => {
    const intl = new Intl.DateTimeFormat("da-DK", { dateStyle: "full", timeZone: "UTC" });
    for (const date of ["2027-01-12", "2026-03-29", "2026-10-25", "2028-02-29"]) {
      expect(formatDateLong(date)).toBe(intl.format(new Date(`${date}T12:00:00Z`)));
    }
  });

  it("rejects invalid dates", () => {
    expect(() => formatDateLong("2027-02-30")).toThrow(RangeError);
  });
});

describe("formatDateShort", () => {
  it.each([
    ["2027-01-12", "12.01.2027"],
    ["2027-12-01", "01.12.2027"],
    ["2028-02-29", "29.02.2028"],
  ])("%s -> %s", (date, expected) => {
    expect(formatDateShort(date)).toBe(expected);
  });
});

describe("formatTime / formatDateTime / formatInstantDateShort", () => {
  it("formats in Europe/Copenhagen regardless of the machine time zone", () => {
    const winter = new Date("2027-01-12T08:30:00Z");
    expect(formatTime(winter)).toBe("09.30");
    expect(formatDateTime(winter)).toBe("tirsdag den 12. januar 2027 kl. 09.30");
    expect(formatInstantDateShort(winter)).toBe("12.01.2027");
  });

  it("handles summer time", () => {
    const summer = new Date("2026-07-01T06:05:00Z");
    expect(formatTime(summer)).toBe("08.05");
    expect(formatDateTime(summer)).toBe("onsdag den 1. juli 2026 kl. 08.05");
  });

  it("uses the local date when it differs from the UTC date", () => {
    const lateUtc = new Date("2026-12-31T23:15:00Z");
    expect(formatTime(lateUtc)).toBe("00.15");
    expect(formatInstantDateShort(lateUtc)).toBe("01.01.2027");
    expect(formatDateTime(lateUtc)).toBe("fredag den 1. januar 2027 kl. 00.15");
  });

  it("honours the tz parameter", () => {
    const instant = new Date("2027-01-12T03:30:00Z");
    expect(formatTime(instant, "America/New_York")).toBe("22.30");
    expect(formatInstantDateShort(instant, "America/New_York")).toBe("11.01.2027");
    expect(formatDateTime(instant, "UTC")).toBe("tirsdag den 12. januar 2027 kl. 03.30");
  });

  it("uses the same time style as Intl da-DK", () => {
    const instant = new Date("2027-01-12T08:30:00Z");
    const intl = new Intl.DateTimeFormat("da-DK", {
      timeZone: "Europe/Copenhagen",
      hour: "2-digit",
      minute: "2-digit",
    });
    expect(formatTime(instant)).toBe(intl.format(instant));
  });
});
