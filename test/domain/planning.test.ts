import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { zonedToUtc } from "../../src/lib/zoned-time.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * The årshjul of a chief with 12 dagtilbud, each with a leader and two pædagogiske ledere, on a
 * real store with the default settings: the chief opens the units' wheels one after another (each
 * proposal placed around the ones before), moves one and confirms them all. Nobody is in two
 * meetings at once, 15 minutes lie between any two meetings of a person, nothing is proposed in
 * the summer closure, at Christmas or in vinterferie.
 */
describe("planning a chief's 12 units", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const UNITS = 12;
  const unitIds = Array.from({ length: UNITS }, (_, i) => `enhed-${String(i).padStart(2, "0")}`);
  const settings = domainSettings(loadConfig({}));
  let chief: Person;

  beforeAll(async () => {
    t = await testStore();
    const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, settings);
    const db = t.store.db;
    await db.area.create({ data: { id: "stor", name: "Område Stor" } });
    await db.person.create({ data: { id: "chef", aadObjectId: "aad-chef", name: "Stor Chef" } });
    await db.role.create({ data: { personId: "chef", role: "chef", areaId: "stor" } });
    for (const [i, id] of unitIds.entries()) {
      await db.unit.create({ data: { id, name: `Dagtilbud ${String(i).padStart(2, "0")}`, type: "dagtilbud", areaId: "stor" } });
      for (const [role, pid] of [["leder", `leder-${i}`], ["paedagogisk_leder", `pl-${i}-a`], ["paedagogisk_leder", `pl-${i}-b`]] as const) {
        await db.person.create({ data: { id: pid, aadObjectId: `aad-${pid}`, name: `Person ${pid}` } });
        await db.role.create({ data: { personId: pid, role, unitId: id } });
      }
    }
    chief = (await t.store.people.byId("chef"))!;
    for (const id of unitIds) await d.yearWheels.view(chief, id);
  });
  afterAll(() => t?.close());

  /** Every entry of every wheel with who takes part. */
  async function allEntries() {
    const entries = await t.store.db.yearWheelEntry.findMany({ include: { wheel: { select: { unitId: true } } }, orderBy: { id: "asc" } });
    return entries
      .filter((e) => unitIds.includes(e.wheel.unitId))
      .map((e) => {
        const i = unitIds.indexOf(e.wheel.unitId);
        const people = e.kind === "laeringssamtale" ? ["chef", `leder-${i}`, `pl-${i}-a`, `pl-${i}-b`] : e.kind === "one_on_one" ? ["chef", `leder-${i}`] : [`leder-${i}`, e.withPersonId!];
        const start = zonedToUtc(e.date, e.time, "Europe/Copenhagen").getTime();
        return { id: e.id, unitId: e.wheel.unitId, kind: e.kind, date: e.date, time: e.time, people, start, end: start + e.durationMinutes * 60_000 };
      });
  }

  it("proposes the 12 wheels with nobody in two meetings at once and 15 minutes between any two meetings of a person", async () => {
    const entries = await allEntries();
    // From the proposal day on: 4 læringssamtaler, 12 1:1s and 2 × 12 with the pædagogiske ledere, each unit.
    expect(entries).toHaveLength(UNITS * (4 + 12 + 24));
    const byPerson = new Map<string, typeof entries>();
    for (const e of entries) for (const p of e.people) byPerson.set(p, [...(byPerson.get(p) ?? []), e]);
    const tooClose: string[] = [];
    for (const [person, list] of byPerson) {
      list.sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i++) if (list[i]!.start < list[i - 1]!.end + 15 * 60_000) tooClose.push(`${person} ${list[i - 1]!.date} ${list[i - 1]!.time} / ${list[i]!.date} ${list[i]!.time}`);
    }
    expect(tooClose).toEqual([]);
    expect(entries.filter((e) => !settings.calendar.isPlannable(e.date)).map((e) => e.date)).toEqual([]);
    // Spread over the day: the chief's 1:1s do not all start at 09:00.
    expect(new Set(entries.filter((e) => e.kind === "one_on_one").map((e) => e.time)).size).toBeGreaterThan(2);
  });

  it("a move checks every unit of the chief: onto another unit's proposed 1:1 it is refused, naming that unit", async () => {
    const entries = await allEntries();
    const mine = entries.find((e) => e.unitId === unitIds[3] && e.kind === "one_on_one")!;
    const other = entries.find((e) => e.unitId === unitIds[4] && e.kind === "one_on_one")!;
    const wheel = await t.store.db.yearWheel.findFirstOrThrow({ where: { unitId: unitIds[3] } });
    const refused = await d.yearWheels.move(chief, unitIds[3]!, wheel.version, mine.id, other.date, other.time).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).text).toContain("Dagtilbud 04");
    expect((await t.store.db.yearWheelEntry.findUniqueOrThrow({ where: { id: mine.id } })).date).toBe(mine.date);
  });

  it("confirms all 12 wheels without a clash: every entry becomes a meeting", async () => {
    for (const id of unitIds) {
      const { wheel } = await d.yearWheels.view(chief, id);
      await d.yearWheels.confirm(chief, id, wheel.version);
    }
    expect(await t.store.db.meeting.count({ where: { unitId: { in: unitIds } } })).toBe(UNITS * 40);
    // 480 meetings booked one by one, each checked for clashes: 15 s alone on two cores, more when
    // other work shares them; the suite's 20 s is a hang guard, not a timing (timings: npm run bench).
  }, 120_000);
});
