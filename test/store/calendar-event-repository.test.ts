import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** The meeting's event is written by one worker at a time, across clients (instances) on one database. */
describe("CalendarEventRepository", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeAll(async () => {
    t = await testStore({ org: false });
  });
  afterAll(() => t?.close());

  it("makes the row once, lets one holder at a time take it, and lets it go on save or when the hold runs out", async () => {
    const a = t.store.calendarEvents;
    const b = t.another().calendarEvents;
    const now = new Date("2027-01-11T08:00:00Z");
    const until = new Date("2027-01-11T08:05:00Z");
    const init = { mailbox: "aad-alex", transactionId: "laeringsloop-m1" };
    const [first, second] = await Promise.all([a.lock("m1", init, now, until), b.lock("m1", init, now, until)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(first ?? second).toMatchObject({ meetingId: "m1", mailbox: "aad-alex", transactionId: "laeringsloop-m1", cancelled: false, syncedVersion: 0, declinedTold: [] });
    // Held: another is refused until the hold runs out.
    expect(await b.lock("m1", init, new Date("2027-01-11T08:04:59Z"), until)).toBeUndefined();
    expect(await b.lock("m1", init, until, new Date("2027-01-11T08:10:00Z"))).toBeDefined();
    await b.save("m1", { eventId: "AAMk1", createStartedAt: now, startsAt: new Date("2027-01-25T09:00:00Z"), durationMinutes: 60, syncedVersion: 2, declinedTold: ["megan"] }, { release: true });
    const again = await a.lock("m1", init, until, new Date("2027-01-11T08:15:00Z"));
    expect(again).toMatchObject({ eventId: "AAMk1", startsAt: new Date("2027-01-25T09:00:00Z"), durationMinutes: 60, syncedVersion: 2, declinedTold: ["megan"] });
    await a.release("m1");
    // Read back: events with an id, not cancelled, from a time on.
    expect((await a.live(new Date("2027-01-20T00:00:00Z"))).map((s) => s.meetingId)).toEqual(["m1"]);
    expect(await a.live(new Date("2027-02-01T00:00:00Z"))).toEqual([]);
    await a.save("m1", { cancelled: true });
    expect(await a.live(new Date("2027-01-20T00:00:00Z"))).toEqual([]);
  });
});
