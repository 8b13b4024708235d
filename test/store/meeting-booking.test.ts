import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import type { NewMeeting } from "../../src/domain/ports.js";
import { testStore } from "../helpers/test-db.js";
import { onPostgres } from "../helpers/test-database.js";

const settings = domainSettings(loadConfig({}));
const by = { actorId: "alex", at: new Date("2027-01-11T09:00:00+01:00") };
const at = (day: string, hhmm: string) => new Date(`2027-01-${day}T${hhmm}:00+01:00`);

/** A 1:1 between Alex and `leader` (Megan by default), as the domain asks the store for one. */
const oneOnOne = (id: string, startsAt: Date, leader = "megan", unitId = "solsikken"): NewMeeting => ({
  id,
  requestId: `form-${id}`,
  kind: "one_on_one",
  unitId,
  chairId: "alex",
  participants: [
    { personId: "alex", role: "chair" },
    { personId: leader, role: "leader" },
  ],
  startsAt,
  durationMinutes: 60,
  template: settings.templates["1-1-ledelsesopfoelgning"],
  standingItems: [],
});

/**
 * The store books a meeting only if none of its people is in another meeting then: the check and
 * the write are one transaction under a lock per person, also between two bot processes.
 */
describe("booking meetings", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());
  /**
   * Another bot process on the same database: on PostgreSQL a second client. SQLite has one
   * writer, and a second better-sqlite3 connection in this process would block the one it waits
   * for (the driver is synchronous), so there the bookings race through one client.
   */
  const other = () => (onPostgres ? t.another() : t.store);

  it("20 bookings of the same people at the same time at once (from two processes on PostgreSQL): exactly one is made, the others are told the clash", async () => {
    const stores = [t.store, other()];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.meetings.create(oneOnOne(`m${i}`, at("18", "10:00")), by)));
    const made = results.filter((r) => r.meeting);
    expect(made).toHaveLength(1);
    const clashes = results.flatMap((r) => r.clashes ?? []);
    expect(clashes).toHaveLength(19 * 2); // Alex and Megan, each time
    expect(new Set(clashes.map((c) => c.meeting.id))).toEqual(new Set([made[0]!.meeting!.id]));
    expect(clashes[0]!.meeting).toMatchObject({ kind: "one_on_one", unitName: "Dagtilbud Solsikken", durationMinutes: 60, startsAt: at("18", "10:00") });
    expect(await t.store.db.meeting.count()).toBe(1);
    expect(await t.store.db.meetingParticipant.count()).toBe(2);
    expect(await t.store.db.auditEntry.count({ where: { action: "meeting.scheduled" } })).toBe(1);
  });

  it("the same form twice at once is one meeting, not a clash with itself", async () => {
    const same = oneOnOne("a", at("18", "10:00"));
    const [a, b] = await Promise.all([t.store.meetings.create(same, by), other().meetings.create({ ...same, id: "b" }, by)]);
    expect(a.meeting?.id).toBe("a");
    expect(b.meeting?.id).toBe("a");
  });

  it("one shared person is enough; back to back is fine; a cancelled meeting frees the time", async () => {
    expect((await t.store.meetings.create(oneOnOne("megan-10", at("18", "10:00")), by)).meeting).toBeDefined();
    // Alex with Lars at the same time: Alex is taken.
    const lars = await t.store.meetings.create(oneOnOne("lars-1030", at("18", "10:30"), "lars", "kastanjen"), by);
    expect(lars.clashes?.map((c) => [c.personId, c.meeting.id])).toEqual([["alex", "megan-10"]]);
    expect((await t.store.meetings.create(oneOnOne("lars-11", at("18", "11:00"), "lars", "kastanjen"), by)).meeting).toBeDefined();
    await t.store.meetings.cancel("megan-10", by);
    expect((await t.store.meetings.create(oneOnOne("lars-0930", at("18", "09:30"), "lars", "kastanjen"), by)).meeting).toBeDefined();
  });

  it("two meetings moved onto the same time at once: one moves, the other is told the clash and stays", async () => {
    await t.store.meetings.create(oneOnOne("x", at("18", "10:00")), by);
    await t.store.meetings.create(oneOnOne("y", at("19", "10:00")), by);
    const outcomes = await Promise.all([t.store.meetings.reschedule("x", at("20", "10:00"), by), other().meetings.reschedule("y", at("20", "10:30"), by)]);
    expect(outcomes.filter((o) => o === "moved")).toHaveLength(1);
    const refused = outcomes.find((o) => o !== "moved") as { clashes: { personId: string }[] };
    expect(refused.clashes.map((c) => c.personId)).toEqual(["alex", "megan"]);
    const times = (await t.store.db.meeting.findMany({ orderBy: { id: "asc" }, select: { startsAt: true } })).map((m) => m.startsAt.getTime());
    expect(times.filter((ms) => ms >= at("20", "10:00").getTime())).toHaveLength(1);
    // A meeting moved by itself within its own time is no clash.
    const moved = outcomes[0] === "moved" ? "x" : "y";
    expect(await t.store.meetings.reschedule(moved, at("20", moved === "x" ? "10:15" : "10:45"), by)).toBe("moved");
  });
});
