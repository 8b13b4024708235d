/**
 * Edge cases for the reminder engine's working-time rules that the base
 * suite (working-calendar.test.ts) does not cover: the 2027 Easter block
 * combined with the spring DST change, Store bededag before/after 2024,
 * DST weekends (offsets, repeated/skipped hours), millisecond window edges,
 * Christmas/New Year with closed days, and a custom window across DST.
 *
 * All instants are written as exact UTC ISO strings. Copenhagen is UTC+01:00
 * (CET) in winter and UTC+02:00 (CEST) in summer. Transitions used here:
 * - 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z)
 * - 2027-03-28 02:00 CET -> 03:00 CEST (01:00Z), also Easter Sunday
 * - 2027-10-31 03:00 CEST -> 02:00 CET (01:00Z)
 * - 2028-03-26 02:00 CET -> 03:00 CEST (01:00Z), an ordinary weekend
 */
import { describe, it, expect } from "vitest";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { localDateOf, localTimeOf } from "../../src/lib/zoned-time.js";

const cal = createWorkingCalendar();

const at = (iso: string): Date => new Date(iso);
const next = (c: { nextWindowStart(i: Date): Date }, iso: string): string => c.nextWindowStart(at(iso)).toISOString();

describe("2027 Easter block (with the spring DST change on Easter Sunday)", () => {
  it.each([
    ["2027-03-24", "2027-03-24"], // Wednesday before Easter is a working day
    ["2027-03-26", "2027-03-30"], // Langfredag
    ["2027-03-27", "2027-03-30"], // Saturday
    ["2027-03-28", "2027-03-30"], // Påskedag / DST day
    ["2027-03-29", "2027-03-30"], // 2. påskedag
    ["2027-05-06", "2027-05-07"], // Kristi himmelfartsdag -> Friday
    ["2027-05-15", "2027-05-18"], // Saturday before Pinse
    ["2027-05-16", "2027-05-18"], // Pinsedag
    ["2027-05-17", "2027-05-18"], // 2. pinsedag
  ])("nextWorkingDay(%s) = %s", (date, expected) => {
    expect(cal.nextWorkingDay(date)).toBe(expected);
  });

  it.each([
    // Starting on a closed day: the first working day after it is +1.
    ["2027-03-25", 1, "2027-03-30"],
    ["2027-03-26", 1, "2027-03-30"],
    ["2027-03-29", 1, "2027-03-30"],
    ["2027-03-25", -1, "2027-03-24"],
    ["2027-03-29", -1, "2027-03-24"],
    ["2027-03-23", 2, "2027-03-30"],
    ["2027-03-31", -2, "2027-03-24"],
    ["2027-05-07", -1, "2027-05-05"], // back over Kristi himmelfartsdag
    ["2027-05-18", -1, "2027-05-14"], // back over 2. pinsedag + Pinse weekend
    ["2027-05-14", 2, "2027-05-19"],
    ["2027-03-22", 10, "2027-04-08"], // 10 working days span 3 Easter holidays + 2 weekends
  ])("addWorkingDays(%s, %i) = %s", (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    // [description, instant, expected]
    ["reminder due Wed 24 Mar 16:00 CET -> Tue 30 Mar 08:00 CEST", "2027-03-24T15:00:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["Wed 24 Mar 15:30:00.000 CET (window end) -> Tue 30 Mar", "2027-03-24T14:30:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["Skærtorsdag 12:00 CET", "2027-03-25T11:00:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["Langfredag 08:00 CET", "2027-03-26T07:00:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["Easter Sunday 01:59:59.999 CET (just before the gap)", "2027-03-28T00:59:59.999Z", "2027-03-30T06:00:00.000Z"],
    ["Easter Sunday 03:00 CEST (just after the gap)", "2027-03-28T01:00:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["2. påskedag 10:00 CEST", "2027-03-29T08:00:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["2. påskedag 23:59 CEST", "2027-03-29T21:59:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["Tue 30 Mar 00:30 CEST (still Monday in UTC)", "2027-03-29T22:30:00.000Z", "2027-03-30T06:00:00.000Z"],
    ["Tue 30 Mar 07:59:59.999 CEST", "2027-03-30T05:59:59.999Z", "2027-03-30T06:00:00.000Z"],
    ["Wed 5 May 16:00 CEST -> Fri 7 May (over Kristi himmelfartsdag)", "2027-05-05T14:00:00.000Z", "2027-05-07T06:00:00.000Z"],
    ["Kristi himmelfartsdag 09:00 CEST", "2027-05-06T07:00:00.000Z", "2027-05-07T06:00:00.000Z"],
    ["Fri 14 May 15:30 CEST -> Tue 18 May (over Pinse)", "2027-05-14T13:30:00.000Z", "2027-05-18T06:00:00.000Z"],
    ["2. pinsedag 08:00 CEST", "2027-05-17T06:00:00.000Z", "2027-05-18T06:00:00.000Z"],
  ])("nextWindowStart: %s", (_desc, instant, expected) => {
    expect(next(cal, instant)).toBe(expected);
  });

  it("maps every instant from Wed 24 Mar 15:30 until Tue 30 Mar 08:00 to Tue 30 Mar 08:00 CEST", () => {
    const from = at("2027-03-24T14:30:00.000Z").getTime();
    const to = at("2027-03-30T06:00:00.000Z").getTime();
    let count = 0;
    for (let t = from; t < to; t += 7 * 60_000) {
      expect(cal.isWithinWorkingHours(new Date(t))).toBe(false);
      expect(cal.nextWindowStart(new Date(t)).toISOString()).toBe("2027-03-30T06:00:00.000Z");
      count++;
    }
    expect(count).toBeGreaterThan(1000);
    expect(cal.isWithinWorkingHours(at("2027-03-30T06:00:00.000Z"))).toBe(true);
  });

  it("working window of the days around Easter uses the offset of each day", () => {
    expect(cal.workingDayStart("2027-03-24").toISOString()).toBe("2027-03-24T07:00:00.000Z");
    expect(cal.workingDayEnd("2027-03-24").toISOString()).toBe("2027-03-24T14:30:00.000Z");
    expect(cal.workingDayStart("2027-03-30").toISOString()).toBe("2027-03-30T06:00:00.000Z");
    expect(cal.workingDayEnd("2027-03-30").toISOString()).toBe("2027-03-30T13:30:00.000Z");
  });
});

describe("Store bededag (4th Friday after Easter) abolished from 2024", () => {
  it("2027-04-23 is an ordinary working day", () => {
    expect(cal.isWorkingDay("2027-04-23")).toBe(true);
    expect(cal.closedReason("2027-04-23")).toBeUndefined();
    expect(cal.nextWorkingDay("2027-04-23")).toBe("2027-04-23");
    expect(cal.addWorkingDays("2027-04-22", 1)).toBe("2027-04-23");
    expect(cal.addWorkingDays("2027-04-26", -1)).toBe("2027-04-23");
    // Thursday 22 April 16:00 CEST -> Friday 23 April 08:00 CEST.
    expect(next(cal, "2027-04-22T14:00:00.000Z")).toBe("2027-04-23T06:00:00.000Z");
    expect(cal.isWithinWorkingHours(at("2027-04-23T08:00:00.000Z"))).toBe(true);
  });

  it("2024-04-26 (first year without it) is within working hours", () => {
    expect(next(cal, "2024-04-25T14:00:00.000Z")).toBe("2024-04-26T06:00:00.000Z");
    expect(cal.addWorkingDays("2024-04-29", -1)).toBe("2024-04-26");
  });

  it("2023-05-05 was a holiday", () => {
    expect(cal.isWorkingDay("2023-05-05")).toBe(false);
    expect(cal.nextWorkingDay("2023-05-05")).toBe("2023-05-08");
    expect(cal.addWorkingDays("2023-05-04", 1)).toBe("2023-05-08");
    expect(cal.addWorkingDays("2023-05-08", -1)).toBe("2023-05-04");
    expect(cal.isWithinWorkingHours(at("2023-05-05T08:00:00.000Z"))).toBe(false);
    // Thursday 4 May 2023 16:00 CEST -> Monday 8 May 08:00 CEST.
    expect(next(cal, "2023-05-04T14:00:00.000Z")).toBe("2023-05-08T06:00:00.000Z");
  });
});

describe("DST weekends", () => {
  describe.each([
    // [label, Friday, Monday, Friday start, Friday end, Monday start, Monday end]
    ["spring forward 2028-03-26", "2028-03-24", "2028-03-27", "2028-03-24T07:00:00.000Z", "2028-03-24T14:30:00.000Z", "2028-03-27T06:00:00.000Z", "2028-03-27T13:30:00.000Z"],
    ["fall back 2026-10-25", "2026-10-23", "2026-10-26", "2026-10-23T06:00:00.000Z", "2026-10-23T13:30:00.000Z", "2026-10-26T07:00:00.000Z", "2026-10-26T14:30:00.000Z"],
    ["fall back 2027-10-31", "2027-10-29", "2027-11-01", "2027-10-29T06:00:00.000Z", "2027-10-29T13:30:00.000Z", "2027-11-01T07:00:00.000Z", "2027-11-01T14:30:00.000Z"],
  ])("%s", (_label, friday, monday, friStart, friEnd, monStart, monEnd) => {
    it("Friday and Monday windows have the right UTC offsets", () => {
      expect(cal.workingDayStart(friday).toISOString()).toBe(friStart);
      expect(cal.workingDayEnd(friday).toISOString()).toBe(friEnd);
      expect(cal.workingDayStart(monday).toISOString()).toBe(monStart);
      expect(cal.workingDayEnd(monday).toISOString()).toBe(monEnd);
      expect(localTimeOf(cal.workingDayStart(friday))).toBe("08:00");
      expect(localTimeOf(cal.workingDayStart(monday))).toBe("08:00");
      expect(localTimeOf(cal.workingDayEnd(monday))).toBe("15:30");
    });

    it("Friday 15:30 local crosses the weekend to Monday 08:00 local", () => {
      expect(cal.nextWindowStart(at(friEnd)).toISOString()).toBe(monStart);
      // One millisecond earlier is still inside Friday's window.
      const lastMs = new Date(at(friEnd).getTime() - 1);
      expect(cal.isWithinWorkingHours(lastMs)).toBe(true);
      expect(cal.nextWindowStart(lastMs).getTime()).toBe(lastMs.getTime());
    });

    it("addWorkingDays(-1) from Monday is the Friday, and +1 from Friday is Monday", () => {
      expect(cal.addWorkingDays(monday, -1)).toBe(friday);
      expect(cal.addWorkingDays(friday, 1)).toBe(monday);
    });

    it("Monday window edges use the post-transition offset", () => {
      const start = at(monStart).getTime();
      expect(cal.isWithinWorkingHours(new Date(start - 1))).toBe(false);
      expect(cal.nextWindowStart(new Date(start - 1)).toISOString()).toBe(monStart);
      expect(cal.isWithinWorkingHours(new Date(start))).toBe(true);
    });
  });

  it("spring forward 2027-03-28 coincides with Easter: Friday is Langfredag, Monday is 2. påskedag", () => {
    expect(cal.workingDayStart("2027-03-26").toISOString()).toBe("2027-03-26T07:00:00.000Z");
    expect(cal.workingDayStart("2027-03-29").toISOString()).toBe("2027-03-29T06:00:00.000Z");
    // Friday 15:30 CET -> not Monday (holiday) but Tuesday 08:00 CEST.
    expect(next(cal, "2027-03-26T14:30:00.000Z")).toBe("2027-03-30T06:00:00.000Z");
    expect(cal.addWorkingDays("2027-03-30", -1)).toBe("2027-03-24");
  });

  it.each([
    // 02:30 occurs twice on fall-back Sunday: first in CEST, then in CET.
    ["2026-10-25T00:30:00.000Z", "2026-10-26T07:00:00.000Z"], // 02:30 CEST
    ["2026-10-25T01:30:00.000Z", "2026-10-26T07:00:00.000Z"], // 02:30 CET
    ["2027-10-31T00:30:00.000Z", "2027-11-01T07:00:00.000Z"], // 02:30 CEST
    ["2027-10-31T01:30:00.000Z", "2027-11-01T07:00:00.000Z"], // 02:30 CET
  ])("an instant in the repeated hour (%s) maps to Monday 08:00 CET", (instant, expected) => {
    const d = at(instant);
    expect(localTimeOf(d)).toBe("02:30");
    expect(cal.isWithinWorkingHours(d)).toBe(false);
    expect(cal.nextWindowStart(d).toISOString()).toBe(expected);
  });

  it.each([
    // Local midnight around the transitions: the local date must be used, not the UTC date.
    ["Mon 2028-03-27 00:30 CEST (Sunday in UTC)", "2028-03-26T22:30:00.000Z", "2028-03-27T06:00:00.000Z"],
    ["Sun 2028-03-26 23:59 CEST", "2028-03-26T21:59:00.000Z", "2028-03-27T06:00:00.000Z"],
    ["Sun 2028-03-26 03:00 CEST (first instant after the gap)", "2028-03-26T01:00:00.000Z", "2028-03-27T06:00:00.000Z"],
    ["Mon 2026-10-26 00:00 CET (Sunday in UTC)", "2026-10-25T23:00:00.000Z", "2026-10-26T07:00:00.000Z"],
    ["Sat 2026-10-24 00:00 CEST (Friday in UTC)", "2026-10-23T22:00:00.000Z", "2026-10-26T07:00:00.000Z"],
    ["Fri 2026-10-23 23:59:59.999 CEST", "2026-10-23T21:59:59.999Z", "2026-10-26T07:00:00.000Z"],
  ])("%s -> Monday 08:00", (_desc, instant, expected) => {
    expect(next(cal, instant)).toBe(expected);
  });

  it("maps every instant of the 2026 fall-back weekend (incl. the 25-hour Sunday) to Monday 08:00 CET", () => {
    const from = at("2026-10-23T13:30:00.000Z").getTime();
    const to = at("2026-10-26T07:00:00.000Z").getTime();
    const seenLocalDates = new Set<string>();
    for (let t = from; t < to; t += 5 * 60_000) {
      seenLocalDates.add(localDateOf(new Date(t)));
      expect(cal.nextWindowStart(new Date(t)).toISOString()).toBe("2026-10-26T07:00:00.000Z");
    }
    expect([...seenLocalDates]).toEqual(["2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26"]);
  });
});

describe("window edges at millisecond precision", () => {
  describe.each([
    // [label, working day (Tuesday), 08:00 local in UTC, 15:30 local in UTC, next working day 08:00]
    ["winter (CET)", "2027-01-12", "2027-01-12T07:00:00.000Z", "2027-01-12T14:30:00.000Z", "2027-01-13T07:00:00.000Z"],
    ["summer (CEST)", "2027-06-15", "2027-06-15T06:00:00.000Z", "2027-06-15T13:30:00.000Z", "2027-06-16T06:00:00.000Z"],
  ])("%s", (_label, date, startIso, endIso, nextDayStartIso) => {
    const start = at(startIso).getTime();
    const end = at(endIso).getTime();

    it("08:00:00.000 is inside and returned unchanged (as a new Date)", () => {
      const d = new Date(start);
      expect(cal.isWithinWorkingHours(d)).toBe(true);
      const r = cal.nextWindowStart(d);
      expect(r).not.toBe(d);
      expect(r.toISOString()).toBe(startIso);
    });

    it("07:59:59.999 is outside and maps to 08:00:00.000 the same day", () => {
      const d = new Date(start - 1);
      expect(localDateOf(d)).toBe(date);
      expect(cal.isWithinWorkingHours(d)).toBe(false);
      expect(cal.nextWindowStart(d).toISOString()).toBe(startIso);
    });

    it("15:29:59.999 is inside and returned unchanged", () => {
      const d = new Date(end - 1);
      expect(cal.isWithinWorkingHours(d)).toBe(true);
      expect(cal.nextWindowStart(d).getTime()).toBe(end - 1);
    });

    it("15:30:00.000 is outside and maps to 08:00 the next working day", () => {
      const d = new Date(end);
      expect(cal.isWithinWorkingHours(d)).toBe(false);
      expect(cal.nextWindowStart(d).toISOString()).toBe(nextDayStartIso);
    });
  });

  it("an instant inside the window is returned with its milliseconds intact", () => {
    expect(next(cal, "2027-06-15T10:11:12.345Z")).toBe("2027-06-15T10:11:12.345Z");
  });

  it.each([
    ["Fri 15:30:00.000 CEST -> Mon 08:00 CEST", "2027-06-18T13:30:00.000Z", "2027-06-21T06:00:00.000Z"],
    ["Fri 15:30:00.001 CEST -> Mon 08:00 CEST", "2027-06-18T13:30:00.001Z", "2027-06-21T06:00:00.000Z"],
    ["Fri 15:30:00.000 CET -> Mon 08:00 CET", "2027-01-15T14:30:00.000Z", "2027-01-18T07:00:00.000Z"],
    ["Sat 07:59:59.999 CET -> Mon 08:00 CET", "2027-01-16T06:59:59.999Z", "2027-01-18T07:00:00.000Z"],
    ["Mon 07:59:59.999 CET -> same Monday 08:00", "2027-01-18T06:59:59.999Z", "2027-01-18T07:00:00.000Z"],
  ])("%s", (_desc, instant, expected) => {
    expect(next(cal, instant)).toBe(expected);
  });

  it("Friday 15:29:59.999 is still inside", () => {
    expect(cal.isWithinWorkingHours(at("2027-06-18T13:29:59.999Z"))).toBe(true);
    expect(next(cal, "2027-06-18T13:29:59.999Z")).toBe("2027-06-18T13:29:59.999Z");
  });
});

describe("Christmas and New Year with closedDays ['12-24', '12-31']", () => {
  const xmas = createWorkingCalendar({ closedDays: ["12-24", "12-31"] });

  it.each([
    ["Thu 2027-12-23 15:30 CET -> Mon 27 Dec (24 closed, 25/26 holidays on the weekend)", "2027-12-23T14:30:00.000Z", "2027-12-27T07:00:00.000Z"],
    ["Thu 2027-12-23 15:29:59.999 CET is still inside", "2027-12-23T14:29:59.999Z", "2027-12-23T14:29:59.999Z"],
    ["Fri 2027-12-24 10:00 CET (closed day)", "2027-12-24T09:00:00.000Z", "2027-12-27T07:00:00.000Z"],
    ["Thu 2027-12-30 15:30 CET -> Mon 2028-01-03 (31 closed, Nytårsdag on Saturday)", "2027-12-30T14:30:00.000Z", "2028-01-03T07:00:00.000Z"],
    ["Fri 2027-12-31 07:59 CET", "2027-12-31T06:59:00.000Z", "2028-01-03T07:00:00.000Z"],
    ["Wed 2026-12-23 15:30 CET -> Mon 28 Dec", "2026-12-23T14:30:00.000Z", "2026-12-28T07:00:00.000Z"],
    ["Wed 2026-12-30 15:30 CET -> Mon 2027-01-04 (31 closed, Nytårsdag Friday)", "2026-12-30T14:30:00.000Z", "2027-01-04T07:00:00.000Z"],
  ])("%s", (_desc, instant, expected) => {
    expect(next(xmas, instant)).toBe(expected);
  });

  it("the default calendar treats 24 and 31 December as working days", () => {
    expect(next(cal, "2027-12-23T14:30:00.000Z")).toBe("2027-12-24T07:00:00.000Z");
    expect(next(cal, "2027-12-30T14:30:00.000Z")).toBe("2027-12-31T07:00:00.000Z");
  });

  it.each([
    ["2027-12-24", "Lukkedag"],
    ["2027-12-25", "Juledag"], // Saturday, holiday name wins
    ["2027-12-26", "2. juledag"], // Sunday, holiday name wins
    ["2027-12-31", "Lukkedag"],
    ["2028-01-01", "Nytårsdag"], // Saturday
  ])("closedReason(%s) = %s", (date, reason) => {
    expect(xmas.closedReason(date)).toBe(reason);
  });

  it.each([
    ["2027-12-23", 1, "2027-12-27"],
    ["2027-12-23", 3, "2027-12-29"],
    ["2027-12-23", 4, "2027-12-30"],
    ["2027-12-23", 5, "2028-01-03"],
    ["2027-12-27", -1, "2027-12-23"],
    ["2028-01-03", -1, "2027-12-30"],
    ["2028-01-03", -5, "2027-12-23"],
    ["2027-12-24", 1, "2027-12-27"],
    ["2027-12-31", -1, "2027-12-30"],
  ])("addWorkingDays(%s, %i) = %s", (date, n, expected) => {
    expect(xmas.addWorkingDays(date, n)).toBe(expected);
  });

  it("nextWorkingDay skips closed days and the holidays after them", () => {
    expect(xmas.nextWorkingDay("2027-12-24")).toBe("2027-12-27");
    expect(xmas.nextWorkingDay("2027-12-31")).toBe("2028-01-03");
    expect(xmas.isWithinWorkingHours(at("2027-12-24T09:00:00.000Z"))).toBe(false);
  });
});

describe("custom window 09:00-14:00, Mon-Thu, across DST changes", () => {
  const custom = createWorkingCalendar({ dayStart: "09:00", dayEnd: "14:00", workdays: [1, 2, 3, 4] });

  it("windows before and after the 2026 fall-back use +02:00 and +01:00", () => {
    expect(custom.workingDayStart("2026-10-22").toISOString()).toBe("2026-10-22T07:00:00.000Z");
    expect(custom.workingDayEnd("2026-10-22").toISOString()).toBe("2026-10-22T12:00:00.000Z");
    expect(custom.workingDayStart("2026-10-26").toISOString()).toBe("2026-10-26T08:00:00.000Z");
    expect(custom.workingDayEnd("2026-10-26").toISOString()).toBe("2026-10-26T13:00:00.000Z");
  });

  it("windows before and after the 2028 spring-forward use +01:00 and +02:00", () => {
    expect(custom.workingDayStart("2028-03-23").toISOString()).toBe("2028-03-23T08:00:00.000Z");
    expect(custom.workingDayEnd("2028-03-23").toISOString()).toBe("2028-03-23T13:00:00.000Z");
    expect(custom.workingDayStart("2028-03-27").toISOString()).toBe("2028-03-27T07:00:00.000Z");
    expect(custom.workingDayEnd("2028-03-27").toISOString()).toBe("2028-03-27T12:00:00.000Z");
  });

  it.each([
    ["Thu 2026-10-22 13:59:59.999 CEST", "2026-10-22T11:59:59.999Z", true],
    ["Thu 2026-10-22 14:00 CEST", "2026-10-22T12:00:00.000Z", false],
    ["Thu 2026-10-22 08:59:59.999 CEST", "2026-10-22T06:59:59.999Z", false],
    ["Fri 2026-10-23 10:00 CEST (not a workday)", "2026-10-23T08:00:00.000Z", false],
    ["Mon 2026-10-26 08:59:59.999 CET", "2026-10-26T07:59:59.999Z", false],
    ["Mon 2026-10-26 09:00 CET", "2026-10-26T08:00:00.000Z", true],
    ["Mon 2026-10-26 13:59 CET", "2026-10-26T12:59:00.000Z", true],
    ["Mon 2026-10-26 14:00 CET", "2026-10-26T13:00:00.000Z", false],
    ["Mon 2026-10-26 08:00 CET (inside the default window)", "2026-10-26T07:00:00.000Z", false],
  ])("isWithinWorkingHours: %s -> %s", (_desc, instant, expected) => {
    expect(custom.isWithinWorkingHours(at(instant))).toBe(expected);
  });

  it.each([
    ["Thu 2026-10-22 14:00 CEST -> Mon 09:00 CET", "2026-10-22T12:00:00.000Z", "2026-10-26T08:00:00.000Z"],
    ["Fri 2026-10-23 10:00 CEST -> Mon 09:00 CET", "2026-10-23T08:00:00.000Z", "2026-10-26T08:00:00.000Z"],
    ["Sun 2026-10-25 02:30 CET (repeated hour) -> Mon 09:00 CET", "2026-10-25T01:30:00.000Z", "2026-10-26T08:00:00.000Z"],
    ["Mon 2026-10-26 08:30 CET -> same day 09:00 CET", "2026-10-26T07:30:00.000Z", "2026-10-26T08:00:00.000Z"],
    ["Thu 2027-10-28 14:00 CEST -> Mon 2027-11-01 09:00 CET", "2027-10-28T12:00:00.000Z", "2027-11-01T08:00:00.000Z"],
    ["Thu 2028-03-23 14:00 CET -> Mon 09:00 CEST", "2028-03-23T13:00:00.000Z", "2028-03-27T07:00:00.000Z"],
    ["Fri 2028-03-24 09:30 CET -> Mon 09:00 CEST", "2028-03-24T08:30:00.000Z", "2028-03-27T07:00:00.000Z"],
    ["Wed 2027-03-24 14:00 CET -> Tue 30 Mar 09:00 CEST (Easter + Friday off)", "2027-03-24T13:00:00.000Z", "2027-03-30T07:00:00.000Z"],
  ])("nextWindowStart: %s", (_desc, instant, expected) => {
    expect(next(custom, instant)).toBe(expected);
  });

  it("addWorkingDays skips Fridays and weekends around DST", () => {
    expect(custom.addWorkingDays("2026-10-22", 1)).toBe("2026-10-26");
    expect(custom.addWorkingDays("2026-10-26", -1)).toBe("2026-10-22");
    expect(custom.addWorkingDays("2028-03-27", -1)).toBe("2028-03-23");
    expect(custom.addWorkingDays("2027-03-24", 1)).toBe("2027-03-30");
    expect(custom.nextWorkingDay("2028-03-24")).toBe("2028-03-27");
    expect(custom.closedReason("2028-03-24")).toBe("Weekend");
  });
});
