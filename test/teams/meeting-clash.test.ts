import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { domainSettings } from "../../src/bot.js";
import { addDays } from "../../src/lib/zoned-time.js";

/**
 * The bot never books a person into two meetings at once: `planlæg 1:1`, the årshjul's proposal,
 * its moves and «Godkend» name the clash in Danish (who, which meeting, when) and book nothing.
 * Monday 23 November 2026, 09:00 in Copenhagen.
 */
describe("nobody in two meetings at once", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeEach(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.lars, users.jonas]) await h.install(u);
  });
  afterEach(() => h.stop());

  /** A fresh scheduling form (its own form id), submitted. */
  async function planlaeg(leader: string, date: string, time: string) {
    const form = await h.say(users.alex, "planlæg 1:1");
    const submit = findAction(form.cards[0], "schedule.submit")!;
    return h.click(users.alex, "schedule.submit", { ...submit.data, leader, date, time });
  }

  it("planlæg 1:1: the same leader at the same time from another form is refused, naming who is taken, by which meeting, when; what was typed stays", async () => {
    expect(cardText((await planlaeg("solsikken/megan", "2027-01-18", "10:00")).card)).toContain("er planlagt");
    const again = await planlaeg("solsikken/megan", "2027-01-18", "10:30");
    const text = cardText(again.card);
    expect(text).toContain("Du og Megan Bowen er allerede optaget mandag den 18. januar 2027 kl. 10.00–11.00: 1:1 ledelsesopfølgning, Dagtilbud Solsikken. Vælg et andet tidspunkt.");
    expect(text).toContain("Tidspunktet overlapper et andet møde.");
    expect(JSON.stringify(again.card)).toContain('"value":"10:30"');
    expect(await db().meeting.count()).toBe(1);
    // Another leader at the chief's busy time: the chief is taken.
    const lars = cardText((await planlaeg("kastanjen/lars", "2027-01-18", "10:00")).card);
    expect(lars).toContain("Du er allerede optaget mandag den 18. januar 2027 kl. 10.00–11.00");
    expect(lars).not.toContain("Lars Nørgaard er allerede optaget");
    // Back to back is fine, and a cancelled meeting frees its time.
    expect(cardText((await planlaeg("kastanjen/lars", "2027-01-18", "11:00")).card)).toContain("er planlagt");
    const first = await db().meeting.findFirstOrThrow({ where: { startsAt: new Date("2027-01-18T09:00:00Z") } });
    await h.click(users.alex, "meeting.cancel", { meetingId: first.id });
    expect(cardText((await planlaeg("kastanjen/lars", "2027-01-18", "09:30")).card)).toContain("er planlagt");
    expect(await db().meeting.count({ where: { status: { not: "cancelled" } } })).toBe(2);
  });

  it("20 `planlæg 1:1` for the same leader and time from 20 forms at once: one meeting with one pack, 19 answers naming the clash", async () => {
    const submits: Record<string, unknown>[] = [];
    for (let i = 0; i < 20; i++) submits.push(findAction((await h.say(users.alex, "planlæg 1:1")).cards[0], "schedule.submit")!.data);
    expect(new Set(submits.map((d) => d.requestId)).size).toBe(20);
    const answers = await Promise.all(submits.map((data) => h.click(users.alex, "schedule.submit", { ...data, leader: "solsikken/megan", date: "2027-01-18", time: "10:00" })));
    const texts = answers.map((a) => cardText(a.card));
    expect(texts.filter((t) => t.includes("er planlagt"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Du og Megan Bowen er allerede optaget mandag den 18. januar 2027 kl. 10.00–11.00"))).toHaveLength(19);
    expect(await db().meeting.count()).toBe(1);
    expect(await db().notification.count({ where: { kind: "meeting_agenda" } })).toBe(2);
    expect(await db().auditEntry.count({ where: { action: "meeting.scheduled" } })).toBe(1);
  });

  describe("the årshjul", () => {
    const entries = () => db().yearWheelEntry.findMany({ orderBy: [{ date: "asc" }, { time: "asc" }] });
    const wheelVersion = async () => (await db().yearWheel.findFirstOrThrow({ where: { unitId: "solsikken" } })).version;

    it("proposes around meetings already planned: an entry whose people are taken moves to a free time", async () => {
      // Alex and Megan have a 1:1 planned by hand at 09:00 on the day the wheel would hold its first 1:1.
      await h.say(users.alex, "årshjul");
      const planned = (await entries()).find((e) => e.kind === "one_on_one")!;
      await db().yearWheelEntry.deleteMany();
      await db().yearWheel.deleteMany();
      expect(cardText((await planlaeg("solsikken/megan", planned.date, planned.time)).card)).toContain("er planlagt");
      await h.say(users.alex, "årshjul");
      const now = await entries();
      expect(now.some((e) => e.date === planned.date && e.time === planned.time)).toBe(false);
      const res = await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: await wheelVersion() });
      expect(cardText(res.card)).toContain("Årshjulet er godkendt");
    });

    it("«Godkend» is refused when a meeting was planned by hand at an entry's time since the proposal, naming the clash; nothing is made until it is moved", async () => {
      await h.say(users.alex, "årshjul");
      const samtale = (await entries()).find((e) => e.kind === "laeringssamtale")!;
      // Alex and Megan have a 1:1 planned by hand, an hour into the first læringssamtale.
      const hour = `${String(Number(samtale.time.slice(0, 2)) + 1).padStart(2, "0")}:00`;
      expect(cardText((await planlaeg("solsikken/megan", samtale.date, hour)).card)).toContain("er planlagt");
      const refused = await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: await wheelVersion() });
      const text = cardText(refused.card);
      expect(text).toContain("Årshjulet kan ikke godkendes endnu. Læringssamtale (første i læringsloopet)");
      expect(text).toContain("Du og Megan Bowen er allerede optaget");
      expect(text).toContain("kl. 10.00–11.00: 1:1 ledelsesopfølgning, Dagtilbud Solsikken. Flyt mødet i årshjulet, og godkend igen.");
      expect(text).toContain("Flyt mødet i årshjulet, og godkend igen.");
      expect(await db().meeting.count()).toBe(1);
      expect((await db().yearWheel.findFirstOrThrow()).status).toBe("proposed");

      // Moving it onto the planned 1:1 is refused at once; to a free time it moves, and «Godkend» makes every meeting.
      const onto = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: await wheelVersion(), entryId: samtale.id, date: samtale.date, time: "10:30" });
      expect(cardText(onto.card)).toContain("Du og Megan Bowen er allerede optaget");
      expect(JSON.stringify(onto.card)).toContain('"value":"10:30"');
      const nextDay = domainSettings(h.config).calendar.nextWorkingDay(addDays(samtale.date, 1));
      const free = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: await wheelVersion(), entryId: samtale.id, date: nextDay, time: "13:00" });
      expect(cardText(free.card)).toContain("Mødet er flyttet");
      const confirmed = await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: await wheelVersion() });
      expect(cardText(confirmed.card)).toContain("Årshjulet er godkendt");
      expect(await db().meeting.count()).toBe(29);

      // Confirmed: moving a meeting onto another is refused and moves nothing.
      const oneOnOne = (await entries()).find((e) => e.kind === "one_on_one" && e.meetingId)!;
      const before = await db().meeting.findUniqueOrThrow({ where: { id: oneOnOne.meetingId! } });
      const clash = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: await wheelVersion(), entryId: oneOnOne.id, date: samtale.date, time: hour });
      expect(cardText(clash.card)).toContain("Du og Megan Bowen er allerede optaget");
      expect((await db().meeting.findUniqueOrThrow({ where: { id: oneOnOne.meetingId! } })).startsAt).toEqual(before.startsAt);
    });
  });
});
