import { describe, expect, it } from "vitest";
import { busyOf, habitOf, habitTimes, placeMeetings, type PlanItem, type Placement } from "../../src/domain/meeting-planner.js";
import type { BusyPeriod } from "../../src/domain/meeting-clash.js";
import { proposeYearWheel, LAERINGSSAMTALE_MINUTES, ONE_ON_ONE_MINUTES } from "../../src/domain/year-wheel.js";
import { DEFAULT_CLOSED_PERIODS } from "../../src/lib/closed-periods.js";
import { createWorkingCalendar, type WorkingCalendar } from "../../src/lib/working-calendar.js";
import { addDays, compareDates, localWeekday, zonedToUtc } from "../../src/lib/zoned-time.js";

/**
 * The planner on its own: a chief's units proposed one after another, each placed around what the
 * earlier ones took (as the årshjul does, one unit at a time), with the defaults of the settings:
 * working day 08:00–15:30, 15 minutes between meetings, the summer closure (weeks 28–31), the days
 * around Christmas and vinterferie (week 7) closed to proposals.
 */
const TZ = "Europe/Copenhagen";
const BUFFER = 15;
const calendar = createWorkingCalendar({ tz: TZ, closedDays: ["12-24", "12-31"], closedPeriods: DEFAULT_CLOSED_PERIODS.split(",") });
const LOOP_START = "2026-08-01";
const LOOP_END = "2028-08-01";

interface Placed {
  unit: number;
  kind: string;
  people: readonly string[];
  date: string;
  time: string;
  minutes: number;
  placed: boolean;
}

/** A chief with `units` units, each with a leader and `pls` pædagogiske ledere; every unit's wheel proposed and placed. */
function planChief(units: number, pls = 3, opts: { cal?: WorkingCalendar; busy?: BusyPeriod[]; buffer?: number } = {}): Placed[] {
  const cal = opts.cal ?? calendar;
  const buffer = opts.buffer ?? BUFFER;
  const busy: BusyPeriod[] = [...(opts.busy ?? [])];
  const out: Placed[] = [];
  for (let u = 0; u < units; u++) {
    const leader = `leader-${u}`;
    const plIds = Array.from({ length: pls }, (_, i) => `pl-${u}-${i}`);
    const habit = habitOf(u, cal, ONE_ON_ONE_MINUTES, buffer);
    const plan = proposeYearWheel({ loopStart: LOOP_START, years: 2, calendar: cal, preferredWeekday: habit.weekday, preferredTime: habit.time, spread: { index: u, count: units }, bufferMinutes: buffer, pedagogicalLeaderIds: plIds });
    const priority = { laeringssamtale: 0, one_on_one: 1, leader_pl: 2 } as const;
    const ordered = [...plan].sort((a, b) => priority[a.kind] - priority[b.kind] || compareDates(a.date, b.date));
    const items: PlanItem[] = ordered.map((m, i) => ({
      id: `${u}:${i}`,
      participantIds: m.kind === "laeringssamtale" ? ["chief", "consultant", leader, ...plIds] : m.kind === "one_on_one" ? ["chief", leader] : [leader, m.withPersonId!],
      date: m.date,
      time: m.time,
      durationMinutes: m.durationMinutes,
      lo: addDays(m.date, -21),
      hi: addDays(m.date, 21) < LOOP_END ? addDays(m.date, 21) : addDays(LOOP_END, -1),
      meeting: { id: `${u}:${i}`, kind: m.kind, firstOfLoop: m.firstOfLoop ?? false, unitName: `Enhed ${u}` },
    }));
    const placements = placeMeetings(items, busy, { calendar: cal, timezone: TZ, bufferMinutes: buffer });
    items.forEach((item, i) => {
      const p = placements[i]!;
      busy.push(...busyOf(item, p, TZ));
      out.push({ unit: u, kind: item.meeting.kind, people: item.participantIds, date: p.date, time: p.time, minutes: item.durationMinutes, placed: p.placed });
    });
  }
  return out;
}

/** Every pair of meetings of one person closer than `buffer` minutes (overlaps included). */
function tooClose(plan: readonly Placed[], buffer: number): string[] {
  const byPerson = new Map<string, { start: number; end: number; what: string }[]>();
  for (const m of plan) {
    const start = zonedToUtc(m.date, m.time, TZ).getTime();
    for (const p of m.people) {
      const list = byPerson.get(p) ?? [];
      list.push({ start, end: start + m.minutes * 60_000, what: `${m.kind} of unit ${m.unit} ${m.date} ${m.time}` });
      byPerson.set(p, list);
    }
  }
  const problems: string[] = [];
  for (const [person, list] of byPerson) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.start < list[i - 1]!.end + buffer * 60_000) problems.push(`${person}: ${list[i - 1]!.what} and ${list[i]!.what}`);
    }
  }
  return problems;
}

const endOf = (m: Placed) => {
  const total = Number(m.time.slice(0, 2)) * 60 + Number(m.time.slice(3)) + m.minutes;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
};

describe("the planner: a chief's units, nobody in two meetings at once", () => {
  it.each([12, 30])("%i units: every meeting placed, no person in two meetings at once or closer than the buffer, inside the working day, on plannable days", (units) => {
    const plan = planChief(units);
    expect(plan).toHaveLength(units * (4 + 12 + 3 * 12));
    expect(plan.filter((m) => !m.placed)).toEqual([]);
    expect(tooClose(plan, BUFFER)).toEqual([]);
    for (const m of plan) {
      expect(calendar.isPlannable(m.date), `${m.kind} ${m.date}`).toBe(true);
      expect(m.time >= "08:00" && endOf(m) <= "15:30", `${m.kind} ${m.date} ${m.time}`).toBe(true);
      expect(compareDates(m.date, LOOP_START) >= 0 && compareDates(m.date, LOOP_END) < 0).toBe(true);
    }
  });

  it("the old rule (weekday index % 5 at 09:00) double-books a chief with 6 units; the habit slots do not", () => {
    const old = Array.from({ length: 6 }, (_, u) => proposeYearWheel({ loopStart: LOOP_START, years: 2, calendar, preferredWeekday: 1 + (u % 5), preferredTime: "09:00" }).map((m) => ({ unit: u, kind: m.kind, people: ["chief"], date: m.date, time: m.time, minutes: m.durationMinutes, placed: true })));
    expect(tooClose(old.flat(), 0).length).toBeGreaterThan(0);
    expect(tooClose(planChief(6), BUFFER)).toEqual([]);
  });

  it("spreads a chief's units over the working day and the week: habit slots differ for the first 25 units, and not every unit starts at 09:00", () => {
    const slots = Array.from({ length: 25 }, (_, u) => habitOf(u, calendar, ONE_ON_ONE_MINUTES, BUFFER));
    expect(new Set(slots.map((s) => `${s.weekday} ${s.time}`)).size).toBe(25);
    expect(new Set(slots.map((s) => s.weekday))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(habitTimes(calendar, ONE_ON_ONE_MINUTES, BUFFER)).toEqual(["09:00", "10:15", "11:30", "12:45", "14:00"]);
    const times = new Set(planChief(12).filter((m) => m.kind === "one_on_one").map((m) => m.time));
    expect(times.size).toBeGreaterThan(2);
  });

  it("keeps a habit: nine in ten of a unit's 1:1s with the chief are on its weekday at its time", () => {
    const plan = planChief(12);
    for (let u = 0; u < 12; u++) {
      const habit = habitOf(u, calendar, ONE_ON_ONE_MINUTES, BUFFER);
      const mine = plan.filter((m) => m.unit === u && m.kind === "one_on_one");
      const onHabit = mine.filter((m) => localWeekday(m.date) === habit.weekday && m.time === habit.time);
      expect(onHabit.length / mine.length, `unit ${u}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("a leader with 4 pædagogiske ledere: 48 1:1s with them and 12 with the chief, none overlapping for her, one a day at most with each", () => {
    const plan = planChief(1, 4);
    const leader = plan.filter((m) => m.people.includes("leader-0"));
    expect(leader.filter((m) => m.kind === "leader_pl")).toHaveLength(48);
    expect(leader.filter((m) => m.kind === "one_on_one")).toHaveLength(12);
    expect(tooClose(plan, BUFFER)).toEqual([]);
    for (let i = 0; i < 4; i++) {
      const mine = plan.filter((m) => m.people.includes(`pl-0-${i}`) && m.kind === "leader_pl");
      expect(mine).toHaveLength(12);
      expect(new Set(mine.map((m) => m.date)).size).toBe(12);
    }
  });

  it("no proposal falls in a closed period: not in the summer closure (weeks 28–31), the days around Christmas or vinterferie (week 7)", () => {
    const plan = planChief(12);
    const weekOf = (date: string) => calendar.closedPeriod(date);
    expect(plan.filter((m) => weekOf(m.date) !== undefined)).toEqual([]);
    // The same chief without closed periods has meetings in July: the periods are what keeps them out.
    const open = createWorkingCalendar({ tz: TZ, closedDays: ["12-24", "12-31"] });
    expect(planChief(12, 3, { cal: open }).some((m) => m.date.slice(5, 7) === "07")).toBe(true);
  });

  it("keeps the buffer: a meeting ending 09:50 for the chief moves a 1:1 at 10:00, but one ending 09:45 does not", () => {
    const item = (time: string): PlanItem => ({ id: "x", participantIds: ["chief", "leader"], date: "2027-01-19", time, durationMinutes: 60, lo: "2027-01-05", hi: "2027-02-02", meeting: { id: "x", kind: "one_on_one", firstOfLoop: false, unitName: "Enhed" } });
    const before = (end: string): BusyPeriod => ({ personId: "chief", meeting: { id: "b", kind: "one_on_one", firstOfLoop: false, unitName: "Anden", startsAt: new Date(zonedToUtc("2027-01-19", end, TZ).getTime() - 60 * 60_000), durationMinutes: 60 } });
    const place = (busy: BusyPeriod[], buffer = BUFFER): Placement => placeMeetings([item("10:00")], busy, { calendar, timezone: TZ, bufferMinutes: buffer })[0]!;
    expect(place([before("09:45")])).toEqual({ id: "x", date: "2027-01-19", time: "10:00", placed: true });
    // Too close: the habit first, the same weekday and time a week later.
    expect(place([before("09:50")])).toEqual({ id: "x", date: "2027-01-26", time: "10:00", placed: true });
    // Without a buffer, back to back is fine.
    expect(place([before("10:00")], 0)).toMatchObject({ date: "2027-01-19", time: "10:00" });
  });

  it("a day whose every hour is taken for a person moves the meeting to the nearest free time; what cannot be placed at all stays and says so", () => {
    const wholeDay = (personId: string, date: string): BusyPeriod => ({ personId, meeting: { id: `busy-${date}`, kind: "laeringssamtale", firstOfLoop: false, unitName: "Anden", startsAt: zonedToUtc(date, "08:00", TZ), durationMinutes: 450 } });
    const item: PlanItem = { id: "x", participantIds: ["chief", "leader"], date: "2027-01-19", time: "10:00", durationMinutes: LAERINGSSAMTALE_MINUTES, lo: "2027-01-18", hi: "2027-01-22", meeting: { id: "x", kind: "laeringssamtale", firstOfLoop: false, unitName: "Enhed" } };
    const week = ["2027-01-18", "2027-01-19", "2027-01-20", "2027-01-21", "2027-01-22"];
    const settings = { calendar, timezone: TZ, bufferMinutes: BUFFER };
    expect(placeMeetings([item], week.slice(0, 4).map((d) => wholeDay("leader", d)), settings)[0]).toEqual({ id: "x", date: "2027-01-22", time: "10:00", placed: true });
    expect(placeMeetings([item], week.map((d) => wholeDay("chief", d)), settings)[0]).toEqual({ id: "x", date: "2027-01-19", time: "10:00", placed: false });
  });

  it("is deterministic: the same chief gives the same plan", () => {
    expect(planChief(12)).toEqual(planChief(12));
  });
});
