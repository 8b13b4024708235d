import { describe, expect, it } from "vitest";
import { closedPeriodLookup, DEFAULT_CLOSED_PERIODS, isoWeekOf } from "../../src/lib/closed-periods.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";

describe("closed periods", () => {
  it.each([
    ["2026-01-01", 2026, 1],
    ["2027-01-01", 2026, 53],
    ["2027-01-04", 2027, 1],
    ["2027-07-12", 2027, 28],
    ["2028-12-31", 2028, 52],
    ["2029-12-31", 2030, 1],
  ])("%s is in ISO week %i-W%i", (date, year, week) => {
    expect(isoWeekOf(date)).toEqual({ year, week });
  });

  it("the defaults: summer closure weeks 28–31, 24 December to 1 January, vinterferie week 7, with their days in that year", () => {
    const at = closedPeriodLookup(DEFAULT_CLOSED_PERIODS);
    expect(at("2027-07-12")).toEqual({ from: "2027-07-12", to: "2027-08-08", rule: "W28..W31" });
    expect(at("2027-08-08")).toMatchObject({ from: "2027-07-12", to: "2027-08-08" });
    expect(at("2027-07-11")).toBeUndefined();
    expect(at("2027-08-09")).toBeUndefined();
    expect(at("2026-12-28")).toEqual({ from: "2026-12-24", to: "2027-01-01", rule: "12-24..01-01" });
    expect(at("2027-01-01")).toEqual({ from: "2026-12-24", to: "2027-01-01", rule: "12-24..01-01" });
    expect(at("2027-01-04")).toBeUndefined();
    expect(at("2027-02-15")).toEqual({ from: "2027-02-15", to: "2027-02-21", rule: "W7" });
    expect(at("2028-02-14")).toMatchObject({ from: "2028-02-14", to: "2028-02-20" });
  });

  it("yearly and one-off ranges", () => {
    const at = closedPeriodLookup(["07-06..08-02", "2027-10-11..2027-10-15"]);
    expect(at("2028-07-06")).toEqual({ from: "2028-07-06", to: "2028-08-02", rule: "07-06..08-02" });
    expect(at("2028-08-03")).toBeUndefined();
    expect(at("2027-10-13")).toMatchObject({ from: "2027-10-11", to: "2027-10-15" });
    expect(at("2028-10-13")).toBeUndefined();
    expect(() => closedPeriodLookup("W9..W3")).toThrow(RangeError);
  });

  it("the working calendar: a day in a closed period is still a working day (reminders go), but not plannable", () => {
    const calendar = createWorkingCalendar({ closedPeriods: ["W28..W31"] });
    expect(calendar.isWorkingDay("2027-07-14")).toBe(true);
    expect(calendar.isPlannable("2027-07-14")).toBe(false);
    expect(calendar.closedPeriod("2027-07-14")).toMatchObject({ from: "2027-07-12", to: "2027-08-08" });
    expect(calendar.isPlannable("2027-08-09")).toBe(true);
    expect(calendar.isPlannable("2027-08-07")).toBe(false);
    expect(createWorkingCalendar().isPlannable("2027-07-14")).toBe(true);
  });
});
