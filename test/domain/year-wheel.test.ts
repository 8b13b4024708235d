import { describe, expect, it } from "vitest";
import {
  DEFAULT_AUTUMN_WINDOW,
  DEFAULT_SPRING_WINDOW,
  countByYear,
  moveMeeting,
  proposeYearWheel,
  type PlannedMeeting,
  type SeasonWindow,
  type YearWheelInput,
} from "../../src/domain/year-wheel.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { addDays, compareDates, localWeekday } from "../../src/lib/zoned-time.js";

const calendar = createWorkingCalendar({ closedDays: ["12-24", "12-31"] });

const input = (overrides: Partial<YearWheelInput> = {}): YearWheelInput => ({
  loopStart: "2026-08-01",
  years: 2,
  calendar,
  ...overrides,
});

const daysBetween = (a: string, b: string): number => {
  let n = 0;
  for (let d = a; compareDates(d, b) < 0; d = addDays(d, 1)) n++;
  return n;
};
const mmdd = (date: string): string => date.slice(5);
const inWindow = (date: string, w: SeasonWindow): boolean => mmdd(date) >= w.from && mmdd(date) <= w.to;
const ofKind = (plan: readonly PlannedMeeting[], kind: PlannedMeeting["kind"], personId?: string): PlannedMeeting[] =>
  plan.filter((m) => m.kind === kind && (personId === undefined || m.withPersonId === personId));
const isSorted = (plan: readonly PlannedMeeting[]): boolean =>
  plan.every((m, i) => {
    const prev = plan[i - 1];
    return prev === undefined || compareDates(prev.date, m.date) < 0 || (prev.date === m.date && prev.time <= m.time);
  });

const LOOP_STARTS = [
  "2026-01-01",
  "2026-08-01",
  "2026-09-01",
  "2027-01-01",
  "2027-03-15",
  "2027-08-01",
  "2027-10-01",
  "2028-01-01",
  "2028-08-01",
];
const WEEKDAYS = [1, 2, 3, 4, 5];
const PLS = ["pl-anna", "pl-bo", "pl-carl"];
const CASES = LOOP_STARTS.flatMap((loopStart) => WEEKDAYS.map((weekday) => [loopStart, weekday] as const));

describe("proposeYearWheel: counts per loop year and per loop", () => {
  it.each(CASES)("loop from %s, weekday %i", (loopStart, weekday) => {
    const plan = proposeYearWheel(input({ loopStart, preferredWeekday: weekday, pedagogicalLeaderIds: PLS }));
    const samtaler = ofKind(plan, "laeringssamtale");
    const chief = ofKind(plan, "one_on_one");
    expect(samtaler).toHaveLength(4);
    expect(chief).toHaveLength(12);
    for (const pl of PLS) expect(ofKind(plan, "leader_pl", pl)).toHaveLength(12);

    const years = countByYear(plan, loopStart);
    expect(years).toHaveLength(2);
    for (const y of years) {
      expect(y.laeringssamtale).toBe(2);
      expect(y.one_on_one).toBe(6);
      expect(y.leader_pl).toBe(6 * PLS.length);
      expect(y.leaderPlByPerson).toEqual(Object.fromEntries(PLS.map((pl) => [pl, 6])));
    }

    // Three chief 1:1s between each pair of consecutive læringssamtaler.
    for (let k = 0; k + 1 < samtaler.length; k++) {
      const from = samtaler[k]?.date ?? "";
      const to = samtaler[k + 1]?.date ?? "";
      const between = chief.filter((m) => compareDates(m.date, from) > 0 && compareDates(m.date, to) < 0);
      expect(between, `between ${from} and ${to}`).toHaveLength(3);
    }
  });
});

describe("proposeYearWheel: placement", () => {
  it.each(CASES)("loop from %s, weekday %i: windows, durations, working days only", (loopStart, weekday) => {
    const plan = proposeYearWheel(input({ loopStart, preferredWeekday: weekday, pedagogicalLeaderIds: PLS }));
    const samtaler = ofKind(plan, "laeringssamtale");
    const loopEnd = `${Number(loopStart.slice(0, 4)) + 2}${loopStart.slice(4)}`;

    expect(isSorted(plan)).toBe(true);
    for (const m of plan) {
      expect(calendar.isWorkingDay(m.date), `${m.kind} on ${m.date} (${calendar.closedReason(m.date) ?? ""})`).toBe(true);
      expect(localWeekday(m.date)).toBeLessThanOrEqual(5);
      expect(compareDates(m.date, loopStart)).toBeGreaterThanOrEqual(0);
      expect(compareDates(m.date, loopEnd)).toBeLessThan(0);
      expect(m.durationMinutes).toBe(m.kind === "laeringssamtale" ? 120 : 60);
    }

    // One in the spring window and one in the autumn window each loop year.
    for (const y of countByYear(plan, loopStart)) {
      const inYear = samtaler.filter((m) => compareDates(m.date, y.from) >= 0 && compareDates(m.date, y.to) < 0);
      expect(inYear.filter((m) => inWindow(m.date, DEFAULT_SPRING_WINDOW))).toHaveLength(1);
      expect(inYear.filter((m) => inWindow(m.date, DEFAULT_AUTUMN_WINDOW))).toHaveLength(1);
    }
    // On the preferred weekday unless that day is closed.
    for (const m of samtaler) {
      if (localWeekday(m.date) !== weekday) {
        const sameWeek = addDays(m.date, weekday - localWeekday(m.date));
        expect(calendar.isWorkingDay(sameWeek), `${m.date} is not on weekday ${weekday}`).toBe(false);
      }
    }
    expect(samtaler.map((m) => m.firstOfLoop === true)).toEqual([true, false, false, false]);
    expect(plan.filter((m) => m.firstOfLoop)).toHaveLength(1);

    // No 1:1 on a læringssamtale day.
    const samtaleDays = new Set(samtaler.map((m) => m.date));
    expect(plan.filter((m) => m.kind !== "laeringssamtale" && samtaleDays.has(m.date))).toEqual([]);
  });

  it("uses the midpoint of the default windows on the preferred weekday", () => {
    const plan = proposeYearWheel(input());
    // Midpoints 04-15 and 10-23; the nearest Tuesdays.
    expect(ofKind(plan, "laeringssamtale").map((m) => m.date)).toEqual(["2026-10-20", "2027-04-13", "2027-10-26", "2028-04-18"]);
    expect(plan.every((m) => m.time === "09:00")).toBe(true);
  });

  it("uses the preferred time and custom windows", () => {
    const spring = { from: "04-01", to: "04-30" };
    const autumn = { from: "10-01", to: "10-31" };
    const plan = proposeYearWheel(input({ spring, autumn, preferredTime: "13:30" }));
    for (const m of ofKind(plan, "laeringssamtale")) {
      expect(inWindow(m.date, spring) || inWindow(m.date, autumn)).toBe(true);
    }
    expect(ofKind(plan, "one_on_one").every((m) => m.time === "13:30")).toBe(true);
  });

  it("numbers each kind 1.. in date order (per pædagogisk leder)", () => {
    const plan = proposeYearWheel(input({ pedagogicalLeaderIds: PLS }));
    expect(ofKind(plan, "laeringssamtale").map((m) => m.sequence)).toEqual([1, 2, 3, 4]);
    const twelve = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(ofKind(plan, "one_on_one").map((m) => m.sequence)).toEqual(twelve);
    for (const pl of PLS) expect(ofKind(plan, "leader_pl", pl).map((m) => m.sequence)).toEqual(twelve);
  });
});

describe("proposeYearWheel: Easter and Kristi himmelfart 2027", () => {
  const easterAndAscension2027 = ["2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-06"];

  it.each([
    // [label, spring window, weekday, the day midpoint + weekday points at, expected]
    ["Langfredag", { from: "03-20", to: "04-01" }, 5, "2027-03-26", "2027-03-24"],
    ["Skærtorsdag", { from: "03-19", to: "03-31" }, 4, "2027-03-25", "2027-03-24"],
    ["2. påskedag", { from: "03-22", to: "04-05" }, 1, "2027-03-29", "2027-03-30"],
    ["Påskedag (the Monday after the Sunday midpoint is 2. påskedag)", { from: "03-21", to: "04-04" }, 1, "2027-03-29", "2027-03-30"],
    ["Kristi himmelfartsdag", { from: "05-01", to: "05-11" }, 4, "2027-05-06", "2027-05-05"],
  ])("%s: moved to the nearest working day", (_label, spring, weekday, forced, expected) => {
    expect(calendar.isWorkingDay(forced)).toBe(false);
    const plan = proposeYearWheel(input({ spring, preferredWeekday: weekday, pedagogicalLeaderIds: PLS }));
    const spring2027 = ofKind(plan, "laeringssamtale").find((m) => m.date.startsWith("2027-0"));
    expect(spring2027?.date).toBe(expected);
    expect(spring2027 && inWindow(spring2027.date, spring)).toBe(true);
    for (const m of plan) {
      expect(easterAndAscension2027).not.toContain(m.date);
      expect(calendar.isWorkingDay(m.date)).toBe(true);
    }
  });

  it("never places 1:1s on Easter or Kristi himmelfart for any weekday and loop start", () => {
    for (const loopStart of ["2026-01-01", "2026-08-01", "2027-01-01"]) {
      for (const weekday of WEEKDAYS) {
        const plan = proposeYearWheel(input({ loopStart, preferredWeekday: weekday, pedagogicalLeaderIds: PLS }));
        for (const m of plan) expect(easterAndAscension2027).not.toContain(m.date);
      }
    }
  });
});

describe("proposeYearWheel: spacing and pædagogiske ledere", () => {
  it.each(CASES)("loop from %s, weekday %i: chief 1:1s at least 14 days apart", (loopStart, weekday) => {
    const chief = ofKind(proposeYearWheel(input({ loopStart, preferredWeekday: weekday })), "one_on_one");
    for (let i = 1; i < chief.length; i++) {
      const prev = chief[i - 1]?.date ?? "";
      const cur = chief[i]?.date ?? "";
      expect(daysBetween(prev, cur), `${prev} → ${cur}`).toBeGreaterThanOrEqual(14);
    }
  });

  it.each(CASES)("loop from %s, weekday %i: leader↔PL 1:1s in the chief's week, on other days", (loopStart, weekday) => {
    const plan = proposeYearWheel(input({ loopStart, preferredWeekday: weekday, pedagogicalLeaderIds: PLS }));
    const chief = ofKind(plan, "one_on_one");
    const mondayOf = (d: string): string => addDays(d, 1 - localWeekday(d));
    for (const pl of PLS) {
      const own = ofKind(plan, "leader_pl", pl);
      own.forEach((m, i) => {
        const c = chief[i];
        expect(c).toBeDefined();
        expect(m.date).not.toBe(c?.date);
        expect(mondayOf(m.date)).toBe(mondayOf(c?.date ?? ""));
        expect(m.withPersonId).toBe(pl);
      });
      for (let i = 1; i < own.length; i++) {
        expect(daysBetween(own[i - 1]?.date ?? "", own[i]?.date ?? "")).toBeGreaterThanOrEqual(14);
      }
    }
    // No two leader↔PL 1:1s at the same date and time.
    const slots = ofKind(plan, "leader_pl").map((m) => `${m.date} ${m.time}`);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it("gives each pædagogisk leder a different day of the week where the week allows", () => {
    const plan = proposeYearWheel(input({ pedagogicalLeaderIds: PLS }));
    const dates = ofKind(plan, "leader_pl").map((m) => m.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(ofKind(plan, "leader_pl").every((m) => m.time === "09:00")).toBe(true);
  });

  it("shares a day, an hour later, when there are more pædagogiske ledere than free days", () => {
    const many = ["a", "b", "c", "d", "e", "f"];
    const plan = proposeYearWheel(input({ pedagogicalLeaderIds: many }));
    for (const y of countByYear(plan, "2026-08-01")) {
      expect(y.leaderPlByPerson).toEqual(Object.fromEntries(many.map((id) => [id, 6])));
    }
    const slots = ofKind(plan, "leader_pl").map((m) => `${m.date} ${m.time}`);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.some((s) => s.endsWith("10:00"))).toBe(true);
  });

  it("has no leader↔PL 1:1s without pædagogiske ledere", () => {
    expect(ofKind(proposeYearWheel(input()), "leader_pl")).toEqual([]);
  });
});

describe("proposeYearWheel: determinism and input checks", () => {
  it("returns the same plan for the same input", () => {
    const a = proposeYearWheel(input({ loopStart: "2027-08-01", pedagogicalLeaderIds: PLS }));
    const b = proposeYearWheel(input({ loopStart: "2027-08-01", pedagogicalLeaderIds: PLS }));
    expect(b).toEqual(a);
    expect(proposeYearWheel(input({ loopStart: "2027-08-01", calendar: createWorkingCalendar({ closedDays: ["12-24", "12-31"] }), pedagogicalLeaderIds: [...PLS] }))).toEqual(a);
  });

  it("respects configured closed days", () => {
    const base = proposeYearWheel(input());
    const firstSamtale = ofKind(base, "laeringssamtale")[0]?.date ?? "";
    const closed = createWorkingCalendar({ closedDays: ["12-24", "12-31", firstSamtale] });
    const plan = proposeYearWheel(input({ calendar: closed }));
    expect(plan.map((m) => m.date)).not.toContain(firstSamtale);
    expect(plan.every((m) => closed.isWorkingDay(m.date))).toBe(true);
  });

  it.each([
    ["bad loopStart", { loopStart: "2026-02-30" }],
    ["weekday 6", { preferredWeekday: 6 }],
    ["weekday 0", { preferredWeekday: 0 }],
    ["bad time", { preferredTime: "9:00" }],
    ["bad window", { spring: { from: "03-32", to: "05-31" } }],
    ["reversed window", { spring: { from: "05-31", to: "03-01" } }],
    ["overlapping windows", { spring: { from: "03-01", to: "10-01" } }],
    ["duplicate pædagogisk leder", { pedagogicalLeaderIds: ["a", "a"] }],
    ["empty pædagogisk leder id", { pedagogicalLeaderIds: [""] }],
  ] as const)("rejects %s", (_label, overrides) => {
    expect(() => proposeYearWheel(input(overrides as Partial<YearWheelInput>))).toThrow(RangeError);
  });
});

describe("moveMeeting", () => {
  const plan = proposeYearWheel(input({ pedagogicalLeaderIds: ["pl-anna"] }));
  const indexOf = (kind: PlannedMeeting["kind"], sequence: number): number =>
    plan.findIndex((m) => m.kind === kind && m.sequence === sequence && (kind !== "leader_pl" || m.withPersonId === "pl-anna"));

  it("moves a meeting, re-sorts and renumbers without changing the input plan", () => {
    const snapshot = structuredClone(plan);
    const i = indexOf("one_on_one", 1); // 2026-09-08
    const result = moveMeeting(plan, i, "2026-12-15", calendar);
    expect(plan).toEqual(snapshot);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan).toHaveLength(plan.length);
    expect(isSorted(result.plan)).toBe(true);
    const chief = ofKind(result.plan, "one_on_one");
    expect(chief.map((m) => m.date).slice(0, 3)).toEqual(["2026-12-01", "2026-12-15", "2027-01-19"]);
    expect(chief.map((m) => m.sequence)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(chief.find((m) => m.date === "2026-12-15")).toMatchObject({ time: "09:00", durationMinutes: 60 });
  });

  it("moves the first-of-loop mark with the chronological order of læringssamtaler", () => {
    const result = moveMeeting(plan, indexOf("laeringssamtale", 1), "2027-05-11", calendar);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const samtaler = ofKind(result.plan, "laeringssamtale");
    expect(samtaler.map((m) => [m.date, m.sequence, m.firstOfLoop === true])).toEqual([
      ["2027-04-13", 1, true],
      ["2027-05-11", 2, false],
      ["2027-10-26", 3, false],
      ["2028-04-18", 4, false],
    ]);
  });

  it.each([
    ["a Saturday", "2027-01-23", "Weekend"],
    ["a Sunday", "2027-01-24", "Weekend"],
    ["Kristi himmelfartsdag", "2027-05-06", "Kristi himmelfartsdag"],
    ["Langfredag", "2027-03-26", "Langfredag"],
    ["a configured closed day", "2026-12-24", "Lukkedag"],
  ])("refuses %s", (_label, date, reason) => {
    const result = moveMeeting(plan, indexOf("one_on_one", 3), date, calendar);
    expect(result).toEqual({ ok: false, error: { code: "non-working-day", date, reason } });
  });

  it("refuses a bad index, a bad date and a clash with a læringssamtale", () => {
    expect(moveMeeting(plan, plan.length, "2027-01-20", calendar)).toEqual({ ok: false, error: { code: "index-out-of-range", index: plan.length } });
    expect(moveMeeting(plan, -1, "2027-01-20", calendar)).toMatchObject({ ok: false, error: { code: "index-out-of-range" } });
    expect(moveMeeting(plan, 0, "2027-02-30", calendar)).toEqual({ ok: false, error: { code: "invalid-date", date: "2027-02-30" } });
    expect(moveMeeting(plan, indexOf("one_on_one", 3), "2027-04-13", calendar)).toEqual({
      ok: false,
      error: { code: "clash", date: "2027-04-13", withKind: "laeringssamtale" },
    });
    expect(moveMeeting(plan, indexOf("laeringssamtale", 2), "2027-03-02", calendar)).toMatchObject({ ok: false, error: { code: "clash" } });
  });
});

describe("countByYear", () => {
  it("counts by loop year and kind, ignoring meetings outside the loop", () => {
    const m = (kind: PlannedMeeting["kind"], date: string, withPersonId?: string): PlannedMeeting => ({
      kind,
      date,
      time: "09:00",
      durationMinutes: 60,
      sequence: 1,
      ...(withPersonId ? { withPersonId } : {}),
    });
    const counts = countByYear(
      [
        m("laeringssamtale", "2026-10-20"),
        m("one_on_one", "2027-07-31"),
        m("one_on_one", "2027-08-01"),
        m("leader_pl", "2027-08-02", "x"),
        m("one_on_one", "2026-07-31"),
        m("one_on_one", "2028-08-01"),
      ],
      "2026-08-01",
    );
    expect(counts).toEqual([
      { year: 1, from: "2026-08-01", to: "2027-08-01", laeringssamtale: 1, one_on_one: 1, leader_pl: 0, leaderPlByPerson: {} },
      { year: 2, from: "2027-08-01", to: "2028-08-01", laeringssamtale: 0, one_on_one: 1, leader_pl: 1, leaderPlByPerson: { x: 1 } },
    ]);
  });
});
