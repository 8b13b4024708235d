import { describe, expect, it } from "vitest";
import { parseDanishDate } from "../../src/lib/danish-date.js";
import { localWeekday } from "../../src/lib/zoned-time.js";

// Monday 11 January 2027 (ISO week 2).
const MONDAY = "2027-01-11";

describe("parseDanishDate: dates as people write them", () => {
  it.each([
    // The words for nearby days.
    ["i dag", MONDAY, "2027-01-11"],
    ["i morgen", MONDAY, "2027-01-12"],
    ["I MORGEN!", MONDAY, "2027-01-12"],
    ["imorgen.", MONDAY, "2027-01-12"],
    ["i overmorgen", MONDAY, "2027-01-13"],
    // Weekdays: the next one, never today; «næste» is the one in next week.
    ["mandag", MONDAY, "2027-01-18"],
    ["på mandag", MONDAY, "2027-01-18"],
    ["Næste mandag", MONDAY, "2027-01-18"],
    ["tirsdag", MONDAY, "2027-01-12"],
    ["næste tirsdag", MONDAY, "2027-01-19"],
    ["tirsdag i næste uge", MONDAY, "2027-01-19"],
    ["fredag", MONDAY, "2027-01-15"],
    ["næste fredag", MONDAY, "2027-01-22"],
    ["lørdag", MONDAY, "2027-01-16"],
    ["soendag", MONDAY, "2027-01-17"],
    ["fre.", MONDAY, "2027-01-15"],
    ["næste uge", MONDAY, "2027-01-18"],
    ["i næste uge", MONDAY, "2027-01-18"],
    ["fredag", "2027-01-15", "2027-01-22"],
    ["næste fredag", "2027-01-15", "2027-01-22"],
    ["næste mandag", "2027-01-17", "2027-01-18"],
    // ISO weeks: the Monday, the next one from today on.
    ["uge 3", MONDAY, "2027-01-18"],
    ["Uge 2", MONDAY, "2027-01-11"],
    ["uge 1", MONDAY, "2028-01-03"],
    ["uge3", MONDAY, "2027-01-18"],
    ["uge 3 2028", MONDAY, "2028-01-17"],
    ["uge 53", MONDAY, "2032-12-27"],
    // Day and month, the next one from today on.
    ["12/1", MONDAY, "2027-01-12"],
    ["12.1", MONDAY, "2027-01-12"],
    ["12.1.", MONDAY, "2027-01-12"],
    ["12-1", MONDAY, "2027-01-12"],
    ["11/1", MONDAY, "2027-01-11"],
    ["10/1", MONDAY, "2028-01-10"],
    ["12. januar", MONDAY, "2027-01-12"],
    ["12 jan", MONDAY, "2027-01-12"],
    ["12. jan.", MONDAY, "2027-01-12"],
    ["12.jan", MONDAY, "2027-01-12"],
    ["den 12. januar", MONDAY, "2027-01-12"],
    ["på tirsdag den 12. januar", MONDAY, "2027-01-12"],
    ["tirsdag 12/1", MONDAY, "2027-01-12"],
    ["3. marts", MONDAY, "2027-03-03"],
    ["1. sept.", MONDAY, "2027-09-01"],
    // With a year: exactly that date.
    ["12/1 2027", MONDAY, "2027-01-12"],
    ["12/1/2027", MONDAY, "2027-01-12"],
    ["12.01.2027", MONDAY, "2027-01-12"],
    ["12-1-2027", MONDAY, "2027-01-12"],
    ["12-01-2027", MONDAY, "2027-01-12"],
    ["12.01.27", MONDAY, "2027-01-12"],
    ["1.2.2027", MONDAY, "2027-02-01"],
    ["12. januar 2028", MONDAY, "2028-01-12"],
    ["2027-01-12", MONDAY, "2027-01-12"],
    ["  12.01.2027 ", MONDAY, "2027-01-12"],
    // Around New Year.
    ["i morgen", "2026-12-31", "2027-01-01"],
    ["i overmorgen", "2026-12-30", "2027-01-01"],
    ["12/1", "2026-12-30", "2027-01-12"],
    ["31/12", "2026-12-30", "2026-12-31"],
    ["mandag", "2026-12-30", "2027-01-04"],
    ["fredag", "2026-12-30", "2027-01-01"],
    ["uge 1", "2026-12-30", "2027-01-04"],
    ["uge 1", "2027-12-31", "2028-01-03"],
    ["uge 52", "2027-12-31", "2028-12-25"],
    ["næste mandag", "2027-12-31", "2028-01-03"],
    ["1/1", "2027-12-31", "2028-01-01"],
    ["2. januar", "2027-12-31", "2028-01-02"],
    // 29 February: only in leap years.
    ["29/2", "2027-03-01", "2028-02-29"],
    ["29. februar", "2027-03-01", "2028-02-29"],
    ["29/2", "2028-02-28", "2028-02-29"],
    ["i morgen", "2028-02-28", "2028-02-29"],
    ["29/2", "2028-03-01", "2032-02-29"],
    ["29.02.2028", MONDAY, "2028-02-29"],
  ])("%j on %s is %s", (input, today, expected) => {
    expect(parseDanishDate(input, today)).toBe(expected);
  });

  it.each([
    // Dates that do not exist.
    ["31/2"],
    ["29/2 2027"],
    ["29.02.2027"],
    ["30.02.2027"],
    ["31.04.2027"],
    ["12.13.2027"],
    ["00.01.2027"],
    ["2027-02-30"],
    ["32.01.2027"],
    ["uge 0"],
    ["uge 54"],
    ["uge 53 2027"],
    // A weekday that is not the date's.
    ["mandag den 12. januar"],
    // Not a date.
    ["12.01-2027"],
    ["12 01 2027"],
    ["2027-01-12T10:00"],
    [""],
    ["til"],
    ["snart"],
    ["i går"],
    ["mandag morgen"],
    ["næste år"],
    ["13. smarch"],
    ["constructor"],
    ["næste toString"],
    ["uge"],
    ["12"],
  ])("does not read %j", (input) => {
    expect(parseDanishDate(input, MONDAY)).toBeUndefined();
  });

  it("gives every weekday's next date a week ahead at most, on that weekday", () => {
    const names = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];
    for (let d = 0; d < 7; d++) {
      const today = `2027-01-${String(11 + d).padStart(2, "0")}`;
      names.forEach((name, i) => {
        const date = parseDanishDate(name, today)!;
        expect(localWeekday(date)).toBe(i + 1);
        expect(date > today && date <= `2027-01-${String(18 + d).padStart(2, "0")}`).toBe(true);
      });
    }
  });
});
