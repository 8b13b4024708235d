import { describe, it, expect } from "vitest";
import { danishPublicHoliday, danishPublicHolidays, easterSunday } from "../../src/lib/danish-holidays.js";

describe("easterSunday", () => {
  it.each([
    [2019, "2019-04-21"],
    [2023, "2023-04-09"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i -> %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("rejects unsupported years", () => {
    expect(() => easterSunday(2027.5)).toThrow(RangeError);
    expect(() => easterSunday(1000)).toThrow(RangeError);
  });
});

describe("danishPublicHolidays", () => {
  it("lists all 2027 holidays in date order", () => {
    expect(danishPublicHolidays(2027)).toEqual([
      { date: "2027-01-01", name: "Nytårsdag" },
      { date: "2027-03-25", name: "Skærtorsdag" },
      { date: "2027-03-26", name: "Langfredag" },
      { date: "2027-03-28", name: "Påskedag" },
      { date: "2027-03-29", name: "2. påskedag" },
      { date: "2027-05-06", name: "Kristi himmelfartsdag" },
      { date: "2027-05-16", name: "Pinsedag" },
      { date: "2027-05-17", name: "2. pinsedag" },
      { date: "2027-12-25", name: "Juledag" },
      { date: "2027-12-26", name: "2. juledag" },
    ]);
  });

  it("includes Store bededag in 2023 (4th Friday after Easter)", () => {
    const list = danishPublicHolidays(2023);
    expect(list).toContainEqual({ date: "2023-05-05", name: "Store bededag" });
    expect(list).toHaveLength(11);
    expect(danishPublicHoliday("2023-05-05")).toBe("Store bededag");
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2040])("has no Store bededag in %i", (year) => {
    const list = danishPublicHolidays(year);
    expect(list.map((h) => h.name)).not.toContain("Store bededag");
    expect(list).toHaveLength(10);
  });

  it("Store bededag 2024 would have been 2024-04-26, which is now an ordinary day", () => {
    expect(danishPublicHoliday("2024-04-26")).toBeUndefined();
  });

  it.each([2020, 2023, 2024, 2026, 2027, 2035])("is sorted by date in %i", (year) => {
    const dates = danishPublicHolidays(year).map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
  });

  it("returns a fresh array that callers may mutate without affecting the cache", () => {
    const first = danishPublicHolidays(2026);
    first.pop();
    const head = first[0];
    if (head) head.name = "changed";
    const second = danishPublicHolidays(2026);
    expect(second).toHaveLength(10);
    expect(second[0]).toEqual({ date: "2026-01-01", name: "Nytårsdag" });
  });
});

describe("danishPublicHoliday", () => {
  it.each([
    ["2027-01-01", "Nytårsdag"],
    ["2027-03-25", "Skærtorsdag"],
    ["2027-03-26", "Langfredag"],
    ["2027-03-28", "Påskedag"],
    ["2027-03-29", "2. påskedag"],
    ["2027-05-06", "Kristi himmelfartsdag"],
    ["2027-05-16", "Pinsedag"],
    ["2027-05-17", "2. pinsedag"],
    ["2027-12-25", "Juledag"],
    ["2027-12-26", "2. juledag"],
    ["2026-04-02", "Skærtorsdag"],
    ["2026-05-14", "Kristi himmelfartsdag"],
    ["2026-05-25", "2. pinsedag"],
  ])("%s is %s", (date, name) => {
    expect(danishPublicHoliday(date)).toBe(name);
  });

  it.each(["2027-03-24", "2027-03-27", "2027-03-30", "2027-12-24", "2027-12-31", "2027-06-05", "2027-02-30", "nonsense"])(
    "%s is not a public holiday",
    (date) => {
      expect(danishPublicHoliday(date)).toBeUndefined();
    },
  );
});
