import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, cardsOf, findAction, inputValues, submitted } from "../helpers/fake-connector.js";

/**
 * The refleksionsguide fits the person, through the real bot (seed 002; seed 000: every field must
 * earn its place): Bo, the parents' board representative, gets the board's questions for
 * Solsikken's first læringssamtale, without the datapakke (input A); Alex, who chairs it, sees his
 * answers under his role; Megan answers her 1:1 guide with «Intet nyt» in one tap, and a second tap
 * stores nothing more. Monday 23 November 2026, 09:00 in Copenhagen.
 */
describe("refleksionsguides per role through the bot", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  let laering = "";
  let oneOnOne = "";
  let nextOneOnOne = "";

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.bo]) await h.install(u);
    const wheel = await h.say(users.alex, "årshjul");
    await h.click(users.alex, "yearwheel.confirm", findAction(wheel.cards[0], "yearwheel.confirm")!.data);
    const meetingsOf = async (kind: string) => (await db().meeting.findMany({ where: { unitId: "solsikken", kind }, orderBy: { startsAt: "asc" } })).map((m) => m.id);
    laering = (await meetingsOf("laeringssamtale"))[0]!;
    [oneOnOne, nextOneOnOne] = (await meetingsOf("one_on_one")) as [string, string];
  });
  afterAll(() => h.stop());

  it("gives the board representative the board's questions, without input A, and checks his required one", async () => {
    const open = await h.click(users.bo, "reflection.open", { meetingId: laering, from: "meetings" });
    const guide = open.posted[0]!;
    const text = cardText(guide);
    expect(Object.keys(inputValues(guide)).sort()).toEqual(["q_d_foraeldre", "q_fokus_forslag"]);
    expect(text).toContain("Du behøver ikke datapakken");
    expect(text).not.toContain("Datapakken:");
    expect(text).toContain("D. Hvad optager forældrene og bestyrelsen");
    expect(findAction(guide, "reflection.nothingNew")).toBeUndefined();

    const missing = await h.click(users.bo, "reflection.send", submitted(guide, "reflection.send", { q_fokus_forslag: "Overgangen til skole" }));
    expect(cardText(missing.card)).toContain("Besvar spørgsmålet, før du sender.");
    expect(await db().reflection.count({ where: { meetingId: laering } })).toBe(0);

    const sent = await h.click(users.bo, "reflection.send", submitted(guide, "reflection.send", { q_d_foraeldre: "Forældrene spørger til sproget.", q_a_datapakke: "smuglet ind" }));
    expect(cardText(sent.card)).toContain("Din refleksion er sendt.");
    const stored = await db().reflection.findFirstOrThrow({ where: { meetingId: laering, authorId: "bo" } });
    expect(JSON.parse(stored.answers)).toEqual({ d_foraeldre: "Forældrene spørger til sproget." });
  });

  it("shows the chair each person's answers under their role", async () => {
    const agenda = await h.click(users.alex, "agenda.open", { meetingId: laering, from: "meetings" });
    const agendaText = cardText(agenda.posted[0]);
    expect(agendaText).toContain("Refleksion fra Bo Kristensen (bestyrelsesrepræsentant): sendt");
    expect(agendaText).toContain("Refleksion fra Megan Bowen (leder): ikke sendt endnu");
    const bo = await h.click(users.alex, "reflection.open", { meetingId: laering, authorId: "bo", from: "agenda" });
    const boText = cardText(bo.posted[0]);
    expect(boText).toContain("Refleksion fra Bo Kristensen (bestyrelsesrepræsentant)");
    expect(boText).toContain("Forældrene spørger til sproget.");
    expect(findAction(bo.posted[0], "reflection.send")).toBeUndefined();
  });

  it("takes «Intet nyt» from the leader in one tap, and a second tap stores nothing more", async () => {
    const open = await h.click(users.megan, "reflection.open", { meetingId: oneOnOne, from: "meetings" });
    const guide = open.posted[0]!;
    expect(cardText(guide)).toContain("(valgfrit)");
    expect(cardText(guide)).not.toContain("skal besvares");
    const button = findAction(guide, "reflection.nothingNew")!;
    expect(button).toBeDefined();

    const first = await h.click(users.megan, "reflection.nothingNew", button.data);
    const second = await h.click(users.megan, "reflection.nothingNew", button.data);
    for (const r of [first, second]) {
      expect(cardText(r.card)).toContain("Du har svaret «Intet nyt».");
      expect(cardText(r.card)).toContain("Intet nyt siden sidst.");
    }
    const rows = await db().reflection.findMany({ where: { meetingId: oneOnOne } });
    expect(rows.map((r) => [r.authorId, r.nothingNew, r.answers, r.version])).toEqual([["megan", true, "{}", 1]]);
    expect(await db().auditEntry.count({ where: { action: "reflection.sent", meetingId: oneOnOne } })).toBe(1);

    // The chief's dagsorden says so; he cannot answer for her.
    const agenda = await h.click(users.alex, "agenda.open", { meetingId: oneOnOne, from: "meetings" });
    expect(cardText(agenda.posted[0])).toContain("Refleksion fra Megan Bowen: intet nyt");
    const alex = await h.click(users.alex, "reflection.nothingNew", { meetingId: oneOnOne, version: 0 });
    expect(cardText(alex.card)).toContain("udfyldes af lederen");
    expect(await db().reflection.count({ where: { meetingId: oneOnOne } })).toBe(1);
  });

  it("never lets «Intet nyt» erase what was typed or sent", async () => {
    const open = await h.click(users.megan, "reflection.open", { meetingId: nextOneOnOne, from: "meetings" });
    const guide = open.posted[0]!;
    // Teams sends the card's inputs with the button: text typed in the guide is refused and kept.
    const typed = await h.click(users.megan, "reflection.nothingNew", submitted(guide, "reflection.nothingNew", { q_sparring: "Vikardækning i uge 6." }));
    expect(cardText(typed.card)).toContain("Du har skrevet noget i guiden.");
    expect(inputValues(typed.card)).toMatchObject({ q_sparring: "Vikardækning i uge 6." });
    expect(await db().reflection.count({ where: { meetingId: nextOneOnOne } })).toBe(0);

    // Once answers are sent, the guide no longer offers it, and an older card's button is refused.
    const sent = await h.click(users.megan, "reflection.send", submitted(typed.card, "reflection.send"));
    const edit = await h.click(users.megan, "reflection.edit", findAction(sent.card, "reflection.edit")!.data);
    expect(inputValues(edit.card)).toMatchObject({ q_sparring: "Vikardækning i uge 6." });
    expect(findAction(edit.card, "reflection.nothingNew")).toBeUndefined();
    const old = await h.click(users.megan, "reflection.nothingNew", findAction(guide, "reflection.nothingNew")!.data);
    expect(cardText(old.card)).toContain("Du har allerede sendt svar");
    const rows = await db().reflection.findMany({ where: { meetingId: nextOneOnOne } });
    expect(rows.map((r) => [r.nothingNew, JSON.parse(r.answers) as unknown])).toEqual([[false, { sparring: "Vikardækning i uge 6." }]]);
  });

  it("stores a 1:1 guide sent with nothing written as «Intet nyt», as the button would", async () => {
    const third = (await db().meeting.findMany({ where: { unitId: "solsikken", kind: "one_on_one" }, orderBy: { startsAt: "asc" } }))[2]!.id;
    const open = await h.click(users.megan, "reflection.open", { meetingId: third, from: "meetings" });
    const sent = await h.click(users.megan, "reflection.send", submitted(open.posted[0]!, "reflection.send", { q_sparring: "", q_data_drift: " " }));
    expect(cardText(sent.card)).toContain("Du har svaret «Intet nyt».");
    expect(cardText(sent.card)).toContain("Intet nyt siden sidst.");
    const rows = await db().reflection.findMany({ where: { meetingId: third } });
    expect(rows.map((r) => [r.authorId, r.nothingNew, r.answers])).toEqual([["megan", true, "{}"]]);
    const agenda = await h.click(users.alex, "agenda.open", { meetingId: third, from: "meetings" });
    expect(cardText(agenda.posted[0])).toContain("Refleksion fra Megan Bowen: intet nyt");
  });

  it("reminds only those whose questions include a required one, and counts only them in the chief's channel", async () => {
    // Solsikken's first læringssamtale: the leader (A) and the board (D) have a required question;
    // the chair, the pædagogisk leder, the staff representative and the consultant do not.
    const reminders = await db().notification.findMany({ where: { subjectId: laering, kind: "reflection_reminder" }, orderBy: { personId: "asc" } });
    expect(reminders.map((r) => r.personId)).toEqual(["bo", "megan"]);
    expect(await db().notification.count({ where: { subjectId: laering, kind: "meeting_reflection" } })).toBe(6);
    // The shipped 1:1 guide requires nothing: it is sent, and no reminder chases it.
    expect(await db().notification.count({ where: { subjectId: nextOneOnOne, kind: "reflection_reminder" } })).toBe(0);

    // The working day before: Megan, who has not sent hers, is reminded; Bo sent his.
    h.clock.set(reminders[0]!.dueAt.toISOString());
    const before = h.connector.posted.length;
    await h.deliver();
    const reminded = h.connector.posted.slice(before).filter((p) => cardText(p.activity).includes("Mind mig igen"));
    expect(reminded.map((p) => p.conversationId)).toEqual([h.conversationId(users.megan)]);

    // An hour before it, the chief's channel counts the two reflections asked for, not the six guides.
    const m = await db().meeting.findUniqueOrThrow({ where: { id: laering } });
    h.clock.set(new Date(m.startsAt.getTime() - 3_600_000).toISOString());
    const channel = "19:midt-ledelse@thread.tacv2";
    expect((await h.installInTeam(users.alex, channel)).status).toBe(200);
    await h.click(users.alex, "channel.link", { areaId: "midt" }, { channel });
    const status = h.channelPosts(channel).map((p) => cardText(cardsOf(p.activity)[0])).find((t) => t.startsWith("Status: Område Midt"))!;
    expect(status).toContain("(refleksioner 1/2)");
  });
});
