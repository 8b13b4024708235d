import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * A leader plans her own 1:1s with her pædagogiske ledere (issue 20, point 3): Megan leads
 * Solsikken, Jonas is its pædagogisk leder, Alex is the chief. Through the real Application, as
 * Teams delivers it. And a day in a closed period (the summer closure, weeks 28–31) is planned by
 * hand with a warning in the card, not refused (point 2). Monday 23 November 2026, 09:00.
 */
describe("the leader plans her own 1:1s with the pædagogiske ledere", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
  });
  afterAll(() => h.stop());

  it("planlæg 1:1: Megan is offered her pædagogisk leder and plans a 1:1 she holds; Jonas gets the pack", async () => {
    const form = (await h.say(users.megan, "planlæg 1:1")).cards[0];
    const text = cardText(form);
    expect(text).toContain("Planlæg 1:1 med en pædagogisk leder");
    expect(text).toContain("Jonas Dahl, Dagtilbud Solsikken (pædagogisk leder)");
    expect(text).not.toContain("Megan Bowen, Dagtilbud Solsikken");
    const submit = findAction(form, "schedule.submit")!;
    const res = await h.click(users.megan, "schedule.submit", { ...submit.data, leader: "solsikken/jonas", date: "2026-12-01", time: "10:00" });
    expect(cardText(res.card)).toContain("1:1 med Jonas Dahl (pædagogisk leder) er planlagt tirsdag den 1. december 2026 kl. 10.00.");
    expect(cardText(res.card)).not.toContain("lukkeperiode");
    const meeting = await db().meeting.findFirstOrThrow({ include: { participants: true } });
    expect([meeting.kind, meeting.chairId, meeting.participants.map((p) => `${p.personId}:${p.role}`).sort()]).toEqual(["leader_pl", "megan", ["jonas:leader", "megan:chair"]]);
    expect(await db().notification.count({ where: { subjectId: meeting.id, kind: "meeting_agenda", personId: "jonas" } })).toBe(1);
  });

  it("planlæg 1:1 in the summer closure: planned, with a warning naming the closed period", async () => {
    const form = (await h.say(users.megan, "planlæg 1:1")).cards[0];
    const res = await h.click(users.megan, "schedule.submit", { ...findAction(form, "schedule.submit")!.data, leader: "solsikken/jonas", date: "2027-07-14", time: "10:00" });
    const text = cardText(res.card);
    expect(text).toContain("er planlagt onsdag den 14. juli 2027 kl. 10.00");
    expect(text).toContain("Bemærk: Datoen ligger i en lukkeperiode (12. juli–8. august 2027)");
    expect(await db().meeting.count({ where: { kind: "leader_pl" } })).toBe(2);
  });

  it("årshjul: Megan sees her unit's wheel, moves her own 1:1 and makes her 1:1s into meetings; the chief's wheel stays his to confirm", async () => {
    const wheel = (await h.say(users.megan, "årshjul")).cards[0];
    const text = cardText(wheel);
    expect(text).toContain("Årshjul: Dagtilbud Solsikken");
    expect(text).toContain("Dine egne 1:1 med de pædagogiske ledere planlægger du selv");
    expect(findAction(wheel, "yearwheel.confirm")).toBeUndefined();
    expect(findAction(wheel, "yearwheel.confirmOwn")).toBeDefined();
    // Only her own 1:1s are hers to move.
    const choices = JSON.stringify(wheel).match(/"id":"entryId".*?"choices":(\[.*?\])/)![1]!;
    const titles = (JSON.parse(choices) as { title: string }[]).map((c) => c.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.includes("1:1 med Jonas Dahl (pædagogisk leder)"))).toBe(true);

    const first = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "leader_pl" }, orderBy: { date: "asc" } });
    const { version } = await db().yearWheel.findFirstOrThrow();
    const moved = await h.click(users.megan, "yearwheel.move", { unitId: "solsikken", version, entryId: first.id, date: "2027-07-15", time: "13:00" });
    expect(cardText(moved.card)).toContain("Mødet er flyttet til torsdag den 15. juli 2027 kl. 13.00.");
    expect(cardText(moved.card)).toContain("Bemærk: Datoen ligger i en lukkeperiode (12. juli–8. august 2027)");

    const made = await h.click(users.megan, "yearwheel.confirmOwn", findAction(moved.card, "yearwheel.confirmOwn")!.data);
    expect(cardText(made.card)).toContain("12 1:1 med pædagogiske ledere er oprettet.");
    expect(await db().meeting.count({ where: { kind: "leader_pl", chairId: "megan", requestId: { startsWith: "yearwheel:" } } })).toBe(12);
    expect(findAction(made.card, "yearwheel.confirmOwn")).toBeUndefined();
    expect((await db().yearWheel.findFirstOrThrow()).status).toBe("proposed");
    // Again: nothing more is made.
    const again = await h.click(users.megan, "yearwheel.confirmOwn", { unitId: "solsikken" });
    expect(cardText(again.card)).toContain("Dine 1:1 med de pædagogiske ledere er allerede oprettet.");
    expect(await db().meeting.count({ where: { kind: "leader_pl" } })).toBe(14);
    expect(cardText(again.card)).toContain("Forslag: Børn og Unge-chefen har ikke godkendt årshjulet endnu.");

    // Her 1:1 (a meeting now) cannot be moved onto the chief's proposed 1:1 with her, though that is no meeting yet.
    const chiefs = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "one_on_one", meetingId: null }, orderBy: { date: "asc" } });
    const hers = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "leader_pl", meetingId: { not: null }, date: { gt: chiefs.date } }, orderBy: { date: "asc" } });
    const onto = await h.click(users.megan, "yearwheel.move", { unitId: "solsikken", version: (await db().yearWheel.findFirstOrThrow()).version, entryId: hers.id, date: chiefs.date, time: chiefs.time });
    expect(cardText(onto.card)).toContain("Du er allerede optaget");
    expect(cardText(onto.card)).toContain("1:1 ledelsesopfølgning, Dagtilbud Solsikken");
    expect((await db().yearWheelEntry.findUniqueOrThrow({ where: { id: hers.id } })).date).toBe(hers.date);
  });

  it("the chief sees the leader's 1:1s counted, confirms the rest of the wheel, and cannot move or cancel hers", async () => {
    const wheel = (await h.say(users.alex, "årshjul")).cards[0];
    expect(cardText(wheel)).toContain("12 samtaler (1:1) med pædagogiske ledere");
    const choices = JSON.stringify(wheel).match(/"id":"entryId".*?"choices":(\[.*?\])/)![1]!;
    expect(choices).not.toContain("1:1 med Jonas Dahl");
    const confirmed = await h.click(users.alex, "yearwheel.confirm", findAction(wheel, "yearwheel.confirm")!.data);
    // 4 læringssamtaler and 12 1:1s; the leader's 12 were made by her.
    expect(cardText(confirmed.card)).toContain("Årshjulet er godkendt, og 16 møder er oprettet.");
    expect(await db().meeting.count({ where: { requestId: { startsWith: "yearwheel:" } } })).toBe(28);
  });

  it("Megan cancels one of her 1:1s from the årshjul: Jonas is told, the wheel shows it cancelled", async () => {
    const wheel = (await h.say(users.megan, "årshjul")).cards[0];
    const cancel = findAction(wheel, "yearwheel.cancel")!;
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "leader_pl", date: { gt: "2027-08-01" } }, orderBy: { date: "asc" } });
    const res = await h.click(users.megan, "yearwheel.cancel", { ...cancel.data, cancelEntryId: entry.id });
    expect(cardText(res.card)).toContain("er aflyst. De andre deltagere får besked.");
    expect(cardText(res.card)).toContain("(aflyst)");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: entry.meetingId! } })).status).toBe("cancelled");
    await h.deliver();
    expect(h.connector.cards(h.conversationId(users.jonas)).map(cardText).some((t) => t.includes("er aflyst af Megan Bowen"))).toBe(true);
    // The chief sees her 1:1s counted only: not which one she cancelled.
    const chiefs = cardText((await h.say(users.alex, "årshjul")).cards[0]);
    expect(chiefs).toContain("12 samtaler (1:1) med pædagogiske ledere");
    expect(chiefs).not.toContain("(aflyst)");
  });
});

/**
 * A unit with two leaders (issue 20, point 3): the wheel plans the 1:1s with the pædagogiske ledere
 * for one of them (the chair of each entry's circle); only she creates, moves and cancels them,
 * and the other leader's forged clicks change nothing.
 */
describe("a unit with two leaders: the 1:1s with the pædagogiske ledere are the one leader's who holds them", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    org.areas[0]!.units.find((u) => u.id === "solsikken")!.leaders = ["megan", "lars"];
    await h.bot.store.people.applyOrganisation(org);
    for (const u of [users.alex, users.megan, users.lars, users.jonas]) await h.install(u);
  });
  afterAll(() => h.stop());

  it("the co-leader cannot make, move or cancel them; the leader who holds them can", async () => {
    const holderId = (await h.bot.store.units.roster("solsikken"))!.leaderIds[0]!;
    const [holder, other] = holderId === "megan" ? [users.megan, users.lars] : [users.lars, users.megan];

    const wheel = (await h.click(other, "yearwheel.open", { unitId: "solsikken" })).card;
    expect(cardText(wheel)).toContain("Årshjul: Dagtilbud Solsikken");
    expect(cardText(wheel)).toContain("holder en anden af enhedens ledere");
    expect(findAction(wheel, "yearwheel.confirmOwn")).toBeUndefined();
    expect(JSON.stringify(wheel)).not.toContain('"id":"entryId"');

    // A forged «Opret mine 1:1» makes nothing.
    const forged = await h.click(other, "yearwheel.confirmOwn", { unitId: "solsikken" });
    expect(cardText(forged.card)).toContain("Kun den leder opretter, flytter og aflyser dem.");
    expect(await db().meeting.count()).toBe(0);
    // Nor may she move the other leader's proposal.
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "leader_pl" }, orderBy: { date: "asc" } });
    const { version } = await db().yearWheel.findFirstOrThrow();
    const move = await h.click(other, "yearwheel.move", { unitId: "solsikken", version, entryId: entry.id, date: "2027-03-16", time: "13:00" });
    expect(cardText(move.card)).toContain("Kun den leder opretter, flytter og aflyser dem.");
    expect(await db().yearWheelEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ date: entry.date, time: entry.time });

    // The leader who holds them makes them, as their chair.
    const mine = (await h.click(holder, "yearwheel.open", { unitId: "solsikken" })).card;
    const made = await h.click(holder, "yearwheel.confirmOwn", findAction(mine, "yearwheel.confirmOwn")!.data);
    expect(cardText(made.card)).toContain("12 1:1 med pædagogiske ledere er oprettet.");
    expect(await db().meeting.count({ where: { kind: "leader_pl", chairId: holderId } })).toBe(12);
    expect(await db().meeting.count()).toBe(12);

    // The co-leader cannot cancel one either.
    const made1 = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "leader_pl", meetingId: { not: null } }, orderBy: { date: "asc" } });
    const cancel = await h.click(other, "yearwheel.cancel", { unitId: "solsikken", cancelEntryId: made1.id });
    expect(cardText(cancel.card)).toContain("Kun den leder opretter, flytter og aflyser dem.");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: made1.meetingId! } })).status).toBe("planned");
  });
});
