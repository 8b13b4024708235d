import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * The board as seed 002 says, through the real bot (issue 21 points 7 and 8;
 * docs/decisions/0023-the-board.md). Alex confirms Solsikken's årshjul; for its second
 * læringssamtale he chooses «Udtalelse» on the dagsorden; a month before, Bo (the board) gets the
 * request, a week before a reminder; he sends; the participants read it on the dagsorden.
 * Monday 23 November 2026, 09:00 in Copenhagen.
 */
describe("the board: udtalelse or deltagelse", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  let second = "";
  const postedTo = (user: User, since: number) => h.connector.posted.slice(since).filter((p) => p.conversationId === h.conversationId(user)).map((p) => cardText(p.activity));

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.bo]) await h.install(u);
    const wheel = await h.say(users.alex, "årshjul");
    const version = Number(findAction(wheel.cards[0], "yearwheel.confirm")!.data.version);
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version });
    second = (await db().meeting.findMany({ where: { kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!.id;
  });
  afterAll(() => h.stop());

  it("the chair chooses on the dagsorden; the others read the choice and cannot make it", async () => {
    const agenda = await h.click(users.alex, "agenda.open", { meetingId: second });
    const text = cardText(agenda.posted[0]);
    expect(text).toContain("Bestyrelsens perspektiv");
    expect(text).toContain("Bestyrelsen giver en skriftlig udtalelse. Bestyrelsens repræsentant bliver bedt om den 30 dage før mødet");
    expect(findAction(agenda.posted[0], "board.choose")).toBeDefined();
    const megans = await h.click(users.megan, "agenda.open", { meetingId: second });
    expect(cardText(megans.posted[0])).toContain("Bestyrelsen giver en skriftlig udtalelse");
    expect(findAction(megans.posted[0], "board.choose")).toBeUndefined();
    const refused = await h.click(users.megan, "board.choose", { meetingId: second, mode: "participation" });
    expect(cardText(refused.card)).toContain("Kun mødelederen kan vælge, hvordan bestyrelsen indgår.");
    const bad = await h.click(users.alex, "board.choose", { meetingId: second, mode: "måske" });
    // An unknown choice is refused in Danish and changes nothing.
    expect(cardText(bad.card)).toContain("Kortet kunne ikke læses.");
    expect(cardText(bad.card)).not.toContain("Bestyrelsen deltager i læringssamtalen.");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: second } })).boardMode).toBeNull();

    const joins = await h.click(users.alex, "board.choose", { meetingId: second, mode: "participation" });
    expect(cardText(joins.card)).toContain("Bestyrelsen deltager i læringssamtalen.");
    expect(await db().meetingParticipant.count({ where: { meetingId: second, personId: "bo" } })).toBe(1);
    expect(await db().notification.count({ where: { subjectId: second, kind: "board_statement", status: "pending" } })).toBe(0);
    const statement = await h.click(users.alex, "board.choose", { meetingId: second, mode: "statement" });
    expect(cardText(statement.card)).toContain("Bestyrelsen giver en skriftlig udtalelse til læringssamtalen.");
    await h.click(users.alex, "board.choose", { meetingId: second, mode: "statement" });
    expect(await db().meetingParticipant.count({ where: { meetingId: second, personId: "bo" } })).toBe(0);
    expect(await db().notification.count({ where: { subjectId: second, kind: "board_statement", status: "pending" } })).toBe(1);
  });

  it("a month before, the board gets the request; the choice is then fixed; a week before, a reminder", async () => {
    const ask = await db().notification.findFirstOrThrow({ where: { subjectId: second, kind: "board_statement", status: "pending" } });
    const meeting = await db().meeting.findUniqueOrThrow({ where: { id: second } });
    expect(meeting.startsAt.getTime() - ask.dueAt.getTime()).toBeGreaterThanOrEqual(30 * 86_400_000 - 3_600_000 * 10);
    const before = h.connector.posted.length;
    h.clock.set(ask.dueAt.toISOString());
    await h.deliver();
    expect(postedTo(users.bo, before).some((t) => t.includes("Bestyrelsens udtalelse") && t.includes("kan bestyrelsen give en skriftlig udtalelse"))).toBe(true);
    const locked = await h.click(users.alex, "board.choose", { meetingId: second, mode: "participation" });
    expect(cardText(locked.card)).toContain("Bestyrelsen har allerede fået anmodningen, så valget kan ikke længere ændres.");
    expect(findAction((await h.click(users.alex, "agenda.open", { meetingId: second })).posted[0], "board.choose")).toBeUndefined();

    const reminder = await db().notification.findFirstOrThrow({ where: { subjectId: second, kind: "board_statement_reminder" } });
    h.clock.set(reminder.dueAt.toISOString());
    const at = h.connector.posted.length;
    await h.deliver();
    expect(postedTo(users.bo, at).some((t) => t.includes("Påmindelse: bestyrelsens udtalelse til læringssamtalen"))).toBe(true);
  });

  it("Bo sends it once (twice stores one), the dagsorden shows it as text, and a started meeting refuses a change in Danish", async () => {
    const words = "Bestyrelsen ønsker **mere** fokus på <sprog>.";
    const sent = await h.click(users.bo, "board.send", { meetingId: second, version: 0, statement: words });
    expect(cardText(sent.card)).toContain("Udtalelsen er sendt");
    await h.click(users.bo, "board.send", { meetingId: second, version: 0, statement: words });
    expect(await db().boardStatement.count({ where: { meetingId: second } })).toBe(1);
    const agenda = await h.click(users.megan, "agenda.open", { meetingId: second });
    expect(cardText(agenda.posted[0])).toContain("Bestyrelsens udtalelse (Bo Kristensen");
    // People's text is escaped once, where the card is expanded: Teams shows the stars, it does not make bold.
    expect(JSON.stringify(agenda.posted[0])).toContain("\\\\*\\\\*mere\\\\*\\\\*");
    const meeting = await db().meeting.findUniqueOrThrow({ where: { id: second } });
    h.clock.set(new Date(meeting.startsAt.getTime() + 60_000).toISOString());
    const late = await h.click(users.bo, "board.send", { meetingId: second, version: 1, statement: "For sent" });
    expect(cardText(late.card)).toContain("Læringssamtalen er begyndt, så udtalelsen kan ikke længere rettes.");
    expect((await db().boardStatement.findFirstOrThrow({ where: { meetingId: second } })).text).toBe(words);
  });
});

/**
 * A selvejende dagtilbud's afrapportering through the real bot: Birthe (the board's chair) closes
 * Kastanjen's autumn læringssamtale; the outbox brings her the afrapportering card; she answers it
 * with one follow-up for Lars (the leader); Alex (the chief) gets what was sent; Lars has the
 * follow-up in «mine opgaver».
 */
describe("the board: a selvejende dagtilbud's yearly afrapportering", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  const postedTo = (user: User, since: number) => h.connector.posted.slice(since).filter((p) => p.conversationId === h.conversationId(user));

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.lars, users.birthe, users.megan]) await h.install(u);
    const wheel = await h.click(users.alex, "yearwheel.open", { showUnitId: "kastanjen" });
    const version = Number(findAction(wheel.card, "yearwheel.confirm")!.data.version);
    await h.click(users.alex, "yearwheel.confirm", { unitId: "kastanjen", version });
  });
  afterAll(() => h.stop());

  it("after the year's last læringssamtale the chair gets the card, answers it once, and the chief gets it", async () => {
    const autumn = (await db().meeting.findMany({ where: { unitId: "kastanjen", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!;
    expect(autumn.chairId).toBe("birthe");
    h.clock.set(new Date(autumn.startsAt.getTime() + 3 * 3_600_000).toISOString());
    const form = await h.click(users.birthe, "form.open", { meetingId: autumn.id });
    const close = findAction(form.posted[0], "form.close")!;
    await h.click(users.birthe, "form.close", { ...close.data, confirmed: true });
    expect((await db().meeting.findUniqueOrThrow({ where: { id: autumn.id } })).status).toBe("closed");

    const at = h.connector.posted.length;
    await h.deliver();
    const card = postedTo(users.birthe, at).map((p) => p.activity).find((a) => cardText(a).includes("Bestyrelsens afrapportering 2027"));
    expect(card).toBeDefined();
    expect(cardText(card)).toContain("Hvad har bestyrelsen fulgt op på?");
    const send = findAction(card, "boardreport.send")!;

    const empty = await h.click(users.birthe, "boardreport.send", { ...send.data, followedUp: "", followup_0: "Forældremøde om sprog", owner_0: "lars", due_0: "2028-02-01" });
    expect(cardText(empty.card)).toContain("Skriv, hvad bestyrelsen har fulgt op på, før du sender.");
    // What was typed is kept in the card.
    expect(JSON.stringify(empty.card)).toContain("Forældremøde om sprog");
    expect(await db().boardReport.count()).toBe(0);
    const words = { ...send.data, followedUp: "Bestyrelsen har fulgt op på basistilsynet og sprogindsatsen.", followup_0: "Forældremøde om sprog", owner_0: "lars", due_0: "2028-02-01" };
    const sent = await h.click(users.birthe, "boardreport.send", words);
    expect(cardText(sent.card)).toContain("Afrapporteringen er sendt til Børn og Unge-chefen.");
    expect(cardText(sent.card)).toContain("Forældremøde om sprog (Lars Nørgaard, frist 01.02.2028)");
    await h.click(users.birthe, "boardreport.send", words);
    expect(await db().boardReport.count()).toBe(1);
    expect(await db().followUp.count({ where: { text: "Forældremøde om sprog", ownerId: "lars", meetingId: autumn.id } })).toBe(1);
    const stranger = await h.click(users.megan, "boardreport.send", { ...words, followedUp: "x" });
    expect(cardText(stranger.card)).toContain("Kun bestyrelsen, læringssamtalens deltagere og Børn og Unge-chefen");

    const next = h.connector.posted.length;
    await h.deliver();
    const chiefs = postedTo(users.alex, next).map((p) => cardText(p.activity)).find((t) => t.includes("Bestyrelsens afrapportering 2027"));
    expect(chiefs).toContain("Bestyrelsen i Kastanjen (selvejende) har sendt sin skriftlige afrapportering.");
    expect(chiefs).toContain("Bestyrelsen har fulgt op på basistilsynet og sprogindsatsen.");
    expect(cardText((await h.say(users.lars, "mine opgaver")).cards[0])).toContain("Forældremøde om sprog");
  });
});

/**
 * Two representatives on Solsikken's board (Bo and Birthe): the board gives one statement, so
 * once Bo has sent it, Birthe is not reminded that it «er ikke sendt endnu».
 */
describe("the board: two representatives, one statement", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.bo, users.birthe]) await h.install(u);
    await db().role.create({ data: { personId: "birthe", role: "bestyrelsesrepraesentant", unitId: "solsikken" } });
    const wheel = await h.say(users.alex, "årshjul");
    const version = Number(findAction(wheel.cards[0], "yearwheel.confirm")!.data.version);
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version });
  });
  afterAll(() => h.stop());

  it("once one representative has sent the statement, the other gets no reminder", async () => {
    const second = (await db().meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!.id;
    const reminders = await db().notification.findMany({ where: { subjectId: second, kind: "board_statement_reminder" } });
    expect(reminders.map((r) => r.personId).sort()).toEqual(["birthe", "bo"]);
    const sent = await h.click(users.bo, "board.send", { meetingId: second, version: 0, statement: "Bestyrelsen ønsker fokus på sprog." });
    expect(cardText(sent.card)).toContain("Udtalelsen er sendt");
    h.clock.set(reminders[0]!.dueAt.toISOString());
    const at = h.connector.posted.length;
    await h.deliver();
    const toBirthe = h.connector.posted.slice(at).filter((p) => p.conversationId === h.conversationId(users.birthe)).map((p) => cardText(p.activity));
    expect(toBirthe.some((t) => t.includes("Påmindelse: bestyrelsens udtalelse"))).toBe(false);
    expect((await db().notification.findFirstOrThrow({ where: { subjectId: second, kind: "board_statement_reminder", personId: "birthe" } })).status).not.toBe("pending");
  });
});
