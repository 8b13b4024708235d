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
    expect(cardText(bad.card)).not.toContain("Bestyrelsen deltager i læringssamtalen.");

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
