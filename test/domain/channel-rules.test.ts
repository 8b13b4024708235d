import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices } from "../../src/domain/services.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

describe("the channel's weekly digest moment", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());
  const due = (env: Record<string, string>, iso: string) => {
    const clock = new ManualClock(new Date(iso));
    return createDomainServices(t.store, clock, domainSettings(loadConfig(env))).channels.digestDue(new Date(iso));
  };

  it("is Monday 08:00 by default, Tuesday when Monday is 2. påskedag, across DST", () => {
    expect(due({}, "2027-01-18T07:59:00+01:00")).toBeUndefined();
    expect(due({}, "2027-01-18T08:00:00+01:00")).toBe("2027-01-18");
    expect(due({}, "2027-01-22T15:00:00+01:00")).toBe("2027-01-18"); // later that week: still this week's
    expect(due({}, "2027-03-29T09:00:00+02:00")).toBeUndefined(); // 2. påskedag
    expect(due({}, "2027-03-30T08:00:00+02:00")).toBe("2027-03-30");
  });

  it("follows CHANNEL_DIGEST_DAY and CHANNEL_DIGEST_TIME", () => {
    const env = { CHANNEL_DIGEST_DAY: "3", CHANNEL_DIGEST_TIME: "09:30" };
    expect(due(env, "2027-01-18T10:00:00+01:00")).toBeUndefined(); // Monday
    expect(due(env, "2027-01-20T09:29:00+01:00")).toBeUndefined();
    expect(due(env, "2027-01-20T09:30:00+01:00")).toBe("2027-01-20");
    expect(() => loadConfig({ CHANNEL_DIGEST_DAY: "8" })).toThrow(/CHANNEL_DIGEST_DAY/);
    expect(() => loadConfig({ CHANNEL_DIGEST_TIME: "25:00" })).toThrow(/CHANNEL_DIGEST_TIME/);
  });
});

describe("what a channel shows and counts", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  it("only læringssamtaler's agreements: a 1:1's stay with its two people, not even as a number (decision 0020)", async () => {
    const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
    const d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    const alex = (await t.store.people.byId("alex"))!;
    await d.yearWheels.confirm(alex, "solsikken", (await d.yearWheels.view(alex, "solsikken")).wheel.version);
    const first = async (kind: string) => (await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind }, orderBy: { startsAt: "asc" } })).id;
    const add = async (meetingId: string, text: string) => {
      const m = (await t.store.meetings.get(meetingId))!;
      const chair = (await t.store.people.byId(m.chairId))!;
      await d.forms.save(chair, meetingId, m.version, [{ decision: `Beslutning: ${text}`, followUpText: text, ownerId: "megan", dueDate: "2027-01-05" }], false);
    };
    await add(await first("one_on_one"), "Budgetopfølgning");
    await add(await first("leader_pl"), "Personalemøde om sprog");
    const solsikken = async () => (await d.channels.status("midt")).units.find((u) => u.unit.id === "solsikken")!;
    expect(await solsikken()).toMatchObject({ open: 0, overdue: 0, dueThisWeek: 0 });
    expect(await d.channels.unitDetail("solsikken")).toMatchObject({ open: [] });
    expect(await d.channels.digest("midt")).toMatchObject({ created: 0, done: 0, becameOverdue: [] });

    await add(await first("laeringssamtale"), "Dialogisk læsning");
    expect(await solsikken()).toMatchObject({ open: 1 });
    expect((await d.channels.unitDetail("solsikken")).open.map((f) => f.text)).toEqual(["Dialogisk læsning"]);
    expect(await d.channels.digest("midt")).toMatchObject({ created: 1 });

    // In January all three are overdue; the channel knows of the læringssamtale's one.
    clock.set("2027-01-12T09:00:00+01:00");
    expect(await solsikken()).toMatchObject({ open: 1, overdue: 1 });
    expect((await d.channels.status("midt")).completion.find((m) => m.month === "2027-01")).toEqual({ month: "2027-01", total: 1, done: 0 });
    const week = await d.channels.digest("midt");
    expect(week.becameOverdue.map((f) => f.text)).toEqual(["Dialogisk læsning"]);
    expect(week).not.toHaveProperty("becameOverduePrivate");
  });

  it("shows each unit's next meeting: its soonest planned one to come, as meetings are cancelled, moved and held", async () => {
    const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
    const d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    const alex = (await t.store.people.byId("alex"))!;
    await d.yearWheels.confirm(alex, "solsikken", (await d.yearWheels.view(alex, "solsikken")).wheel.version);
    const planned = await t.store.db.meeting.findMany({ where: { unitId: "solsikken", status: "planned" }, orderBy: { startsAt: "asc" }, take: 4 });
    expect(planned).toHaveLength(4);
    const [a, b, c, e] = planned as [(typeof planned)[0], (typeof planned)[0], (typeof planned)[0], (typeof planned)[0]];
    const next = async () => (await d.channels.status("midt")).units.find((u) => u.unit.id === "solsikken")!.nextMeeting?.startsAt.toISOString();
    expect(await next()).toBe(a.startsAt.toISOString());
    // Cancelled: the next one is next.
    await d.meetings.cancel(alex, a.id);
    expect(await next()).toBe(b.startsAt.toISOString());
    // Moved to after the one that followed it: that one is next.
    const later = new Date(c.startsAt.getTime() + 86_400_000);
    expect(await t.store.meetings.reschedule(b.id, later, { actorId: "alex", at: clock.now() })).toBe("moved");
    expect(await next()).toBe(c.startsAt.toISOString());
    // Begun: a meeting under way is no longer the next one.
    clock.set(new Date(c.startsAt.getTime() + 60_000).toISOString());
    expect(await next()).toBe(later < e.startsAt ? later.toISOString() : e.startsAt.toISOString());
  });
});
