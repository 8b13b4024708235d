import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * The two-year læringsloop through the real bot: Alex (Børn og Unge-chef) proposes, moves and
 * confirms Solsikken's årshjul; the læringssamtaler get their participants per seed 002; the
 * first picks focus areas; the board sends its udtalelse before a later one; an evaluation date
 * gives a forlæng/afslut/evaluér card. Monday 22 November 2026, 09:00 in Copenhagen.
 */
describe("læringsloop: årshjul, læringssamtaler, focus areas, board statement, evaluation", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  let version = 0;

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.jonas, users.bo]) await h.install(u);
  });
  afterAll(() => h.stop());

  it("refuses the årshjul to someone who is neither chief nor leader", async () => {
    const res = await h.say(users.jonas, "årshjul");
    expect(cardText(res.cards[0])).toContain("Årshjulet er for Børn og Unge-chefer og ledere");
  });

  it("proposes the loop's plan for the chief's first unit: 4 læringssamtaler, 12 1:1s, 12 with the pædagogisk leder", async () => {
    const res = await h.say(users.alex, "Årshjul");
    const text = cardText(res.cards[0]);
    expect(text).toContain("Årshjul: Dagtilbud Solsikken");
    expect(text).toContain("2027–2028, 0–6-årsområdet");
    expect(text).toContain("4 læringssamtaler · 12 ledelsesopfølgninger (1:1) · 12 samtaler (1:1) med pædagogiske ledere");
    // By calendar half-year; each læringssamtale named the spring or the autumn one by its half-year (seed 002).
    expect(text).toContain("Forårets læringssamtale (første i læringsloopet)");
    expect(text).toContain("Efterårets læringssamtale");
    expect(text).toContain("1. halvår 2027");
    expect(text).toContain("2. halvår 2027");
    expect(text).not.toMatch(/Forår 20\d\d|Efterår 20\d\d/);
    expect(text).toContain("1:1 med Jonas Dahl (pædagogisk leder)");
    const confirm = findAction(res.cards[0], "yearwheel.confirm");
    expect(confirm).toBeDefined();
    version = Number(confirm!.data.version);
    expect(await db().meeting.count()).toBe(0);
  });

  it("does not show a leader another unit's årshjul", async () => {
    const res = await h.click(users.megan, "yearwheel.open", { showUnitId: "aaskolen" });
    expect(cardText(res.card)).toContain("Du er ikke Børn og Unge-chef eller leder for den enhed.");
  });

  it("explains a move to a weekend in Danish and moves nothing", async () => {
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "laeringssamtale", firstOfLoop: true } });
    const res = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version, entryId: entry.id, date: "2027-03-13", time: "09:00" });
    expect(cardText(res.card)).toContain("Dagen er en weekenddag");
    expect((await db().yearWheelEntry.findUniqueOrThrow({ where: { id: entry.id } })).date).toBe(entry.date);
  });

  it("moves a meeting and then confirms: every future meeting is created once, even if confirmed twice", async () => {
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { kind: "laeringssamtale", firstOfLoop: true } });
    const moved = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version, entryId: entry.id, date: "2027-03-16", time: "10:00" });
    expect(cardText(moved.card)).toContain("Mødet er flyttet til tirsdag den 16. marts 2027");
    const v = Number(findAction(moved.card, "yearwheel.confirm")!.data.version);
    const res = await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: v });
    expect(cardText(res.card)).toContain("Årshjulet er godkendt, og 28 møder er oprettet.");
    const again = await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: v });
    // A repeated «Godkend» (double click, redelivery) finds the meetings already there.
    expect(cardText(again.card)).toContain("Godkendt");
    expect(await db().meeting.count()).toBe(28);
    expect(await db().meeting.count({ where: { kind: "laeringssamtale" } })).toBe(4);
    expect(await db().meeting.count({ where: { kind: "leader_pl", chairId: "megan" } })).toBe(12);
  });

  it("names each meeting in «mine møder» by its own kind, never every one a 1:1 ledelsesopfølgning", async () => {
    const megan = cardText((await h.say(users.megan, "mine møder")).cards[0]);
    expect(megan).toContain("Læringssamtale (første i læringsloopet)");
    expect(megan).toContain("1:1 ledelsesopfølgning med Alex Wilber");
    expect(megan).toContain("1:1 med Jonas Dahl (pædagogisk leder)");
    expect(megan).not.toContain("1:1 ledelsesopfølgning med Jonas");
    await h.install(users.jonas);
    const jonas = cardText((await h.say(users.jonas, "mine møder")).cards[0]);
    expect(jonas).toContain("1:1 med Megan Bowen (leder)");
    expect(jonas).toContain("Læringssamtale (første i læringsloopet)");
    expect(jonas).not.toContain("1:1 ledelsesopfølgning");
    // The leader holds her own 1:1s: a refusal names her role, not the chief's.
    const pl = await db().meeting.findFirstOrThrow({ where: { kind: "leader_pl", chairId: "megan" }, orderBy: { startsAt: "asc" } });
    const refused = await h.click(users.jonas, "meeting.cancel", { meetingId: pl.id });
    expect(cardText(refused.card)).toContain("Kun lederen, der holder mødet, kan dette.");
    expect(cardText(refused.card)).not.toContain("Børn og Unge-chefen");
  });

  it("invites per seed 002: the board to the first læringssamtale, asked for a statement before the later ones", async () => {
    const samtaler = await db().meeting.findMany({ where: { kind: "laeringssamtale" }, include: { participants: true }, orderBy: { startsAt: "asc" } });
    const roles = (i: number) => Object.fromEntries(samtaler[i]!.participants.map((p) => [p.personId, p.role]));
    expect(roles(0)).toEqual({ alex: "chair", megan: "leader", jonas: "paedagogisk_leder", hanne: "medarbejderrepraesentant", bo: "bestyrelsesrepraesentant", karim: "konsulent" });
    expect(samtaler[0]!.startsAt.toISOString()).toBe("2027-03-16T09:00:00.000Z");
    expect(roles(1)).not.toHaveProperty("bo");
    expect(await db().notification.count({ where: { kind: "board_statement", personId: "bo" } })).toBe(3);
  });

  it("sends every participant the agenda and reflection guide of the læringssamtale, by data source A–E", async () => {
    const first = await db().meeting.findFirstOrThrow({ where: { kind: "laeringssamtale", firstOfLoop: true } });
    h.clock.set("2027-03-11T09:00:00+01:00");
    await h.deliver();
    const jonasCards = h.connector.posted.filter((p) => p.conversationId === h.conversationId(users.jonas)).map((p) => cardText(p.activity));
    const agenda = jonasCards.find((t) => t.includes("Dagsorden: Læringssamtale (første i læringsloopet)"));
    expect(agenda).toBeDefined();
    expect(agenda).toContain("Politisk valgte temaer i 2027–2028, 0–6-årsområdet");
    expect(agenda).toContain("Sprog og kommunikation");
    expect(agenda).toContain("E. Input fra børnene og de unge");
    // Each role its own questions (docs/decisions/0019): the leader decides how the children's perspective comes in.
    const guide = jonasCards.find((t) => t.includes("Refleksionsguide: Læringssamtale"));
    expect(guide).toContain("A. Datapakken");
    expect(guide).not.toContain("Hvordan vil I inddrage børnenes og de unges perspektiv");
    const megansGuide = h.connector.posted.filter((p) => p.conversationId === h.conversationId(users.megan)).map((p) => cardText(p.activity)).find((t) => t.includes("Refleksionsguide: Læringssamtale"));
    expect(megansGuide).toContain("Hvordan vil I inddrage børnenes og de unges perspektiv");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: first.id } })).templateFrozen).toBe(true);
  });

  it("lets the chair choose focus areas within the loop's themes, and explains a missing theme", async () => {
    const first = await db().meeting.findFirstOrThrow({ where: { kind: "laeringssamtale", firstOfLoop: true } });
    const open = await h.click(users.alex, "focus.open", { meetingId: first.id });
    const save = findAction(open.posted[0], "focus.save")!;
    const bad = await h.click(users.alex, "focus.save", { ...save.data, title_0: "Sprogmiljøet i vuggestuen" });
    expect(cardText(bad.card)).toContain("Vælg et af læringsloopets temaer.");
    expect(await db().focusArea.count()).toBe(0);
    const ok = await h.click(users.alex, "focus.save", { ...save.data, theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet i vuggestuen", eval_0: "2027-09-01" });
    expect(cardText(ok.card)).toContain("Fokusområderne er gemt.");
    await h.click(users.alex, "focus.save", { ...save.data, theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet i vuggestuen", eval_0: "2027-09-01" });
    expect(await db().focusArea.count()).toBe(1);
    const jonasTry = await h.click(users.jonas, "focus.save", { ...save.data, theme_0: "0-6-2027/trivsel", title_0: "Noget andet" });
    expect(cardText(jonasTry.card)).toContain("Kun mødelederen");
    expect(await db().notification.count({ where: { kind: "focus_expiry" } })).toBe(2); // chief and leader
  });

  it("takes the board's udtalelse before the next læringssamtale and shows it on the agenda as input D", async () => {
    const second = (await db().meeting.findMany({ where: { kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!;
    const empty = await h.click(users.bo, "board.send", { meetingId: second.id, version: 0, statement: "  " });
    expect(cardText(empty.card)).toContain("Skriv udtalelsen");
    const sent = await h.click(users.bo, "board.send", { meetingId: second.id, version: 0, statement: "Bestyrelsen bakker op om sprogindsatsen." });
    expect(cardText(sent.card)).toContain("Udtalelsen er sendt");
    await h.click(users.bo, "board.send", { meetingId: second.id, version: 0, statement: "Bestyrelsen bakker op om sprogindsatsen." });
    expect(await db().boardStatement.count()).toBe(1);
    const agenda = await h.click(users.megan, "agenda.open", { meetingId: second.id });
    const text = cardText(agenda.posted[0]);
    expect(text).toContain("Bestyrelsens udtalelse (Bo Kristensen");
    expect(text).toContain("Sprogmiljøet i vuggestuen (tema: Sprog og kommunikation)");
    // Input C: the 1:1s held since the first læringssamtale, as counts (their content stays
    // between chief and leader). It is 11 March: the first læringssamtale has not been held yet.
    expect(text).toMatch(/C\. Input fra 1:1 ledelsesopfølgninger[\s\S]*Siden læringssamtalen .*2027: ingen ledelsesopfølgninger \(1:1\)\.\nIndholdet af 1:1-samtalerne bliver mellem chef og leder/);
    // Each composed line reads as a sentence: no «.:» where a heading met its note, no «: » before nothing.
    expect(text).toMatch(/Bestyrelsens udtalelse \(Bo Kristensen, \d\d\.\d\d\.2027\):\nBestyrelsen bakker op om sprogindsatsen\./);
    expect(text).not.toMatch(/\.:|: $/m);
    const stranger = await h.click(users.jonas, "board.send", { meetingId: second.id, version: 0, statement: "x" });
    expect(cardText(stranger.card)).not.toContain("Udtalelsen er sendt");
  });

  it("on a follow-up's evaluation date gives owner and chief forlæng / afslut / evaluér på næste møde", async () => {
    const first = await db().meeting.findFirstOrThrow({ where: { kind: "laeringssamtale", firstOfLoop: true } });
    h.clock.set("2027-03-16T12:30:00+01:00");
    const form = await h.click(users.alex, "form.open", { meetingId: first.id });
    const save = findAction(form.posted[0], "form.save")!;
    const res = await h.click(users.alex, "form.save", {
      ...save.data,
      decision_0: "Sprogindsatsen afprøves i to grupper.",
      followup_0: "Afprøve dialogisk læsning",
      owner_0: "jonas",
      due_0: "2027-06-01",
      eval_0: "2027-05-03",
    });
    expect(cardText(res.card)).not.toContain("Ret det markerede");
    // Where the follow-up comes from, in the owner's list: the læringssamtale, not «1:1 ledelsesopfølgning».
    const tasks = cardText((await h.say(users.jonas, "mine opgaver")).cards[0]);
    expect(tasks).toContain("Fra læringssamtalen den 16.03.2027");
    expect(tasks).not.toContain("ledelsesopfølgning");
    const rows = await db().notification.findMany({ where: { kind: "followup_expiry" } });
    expect(rows.map((r) => r.personId).sort()).toEqual(["alex", "jonas"]);
    const fu = await db().followUp.findFirstOrThrow({ where: { meetingId: first.id } });
    h.clock.set("2027-05-03T09:00:00+02:00");
    await h.deliver();
    const card = h.connector.posted.filter((p) => p.conversationId === h.conversationId(users.jonas)).map((p) => p.activity).reverse().find((a) => cardText(a).includes("Evalueringsdato nået"));
    expect(card).toBeDefined();
    const bad = await h.click(users.jonas, "evaluation.extend", { subject: "followup", id: fu.id, version: fu.version, newEvaluateOn: "2027-04-01" });
    expect(cardText(bad.card)).toContain("Evalueringsdatoen skal ligge efter i dag.");
    const next = await h.click(users.jonas, "evaluation.next", { subject: "followup", id: fu.id, version: fu.version });
    expect(cardText(next.card)).toContain("Sat på dagsordenen til næste møde");
    const after = await db().followUp.findUniqueOrThrow({ where: { id: fu.id } });
    expect(after.evaluateAtNextMeeting).toBe(true);
    const end = await h.click(users.alex, "evaluation.end", { subject: "followup", id: fu.id, version: after.version });
    expect(cardText(end.card)).toContain("Afsluttet.");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: fu.id } })).status).toBe("cancelled");
  });
});

describe("læringsloop: the årshjul's unit picker", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    await h.install(users.alex);
  });
  afterAll(() => h.stop());

  it("switches to another of the chief's units with the picker: the FU's plan, its senat once a year, its afdelingslederrepræsentant on all", async () => {
    // As Teams sends it: the pick flag, both pickers' inputs, the empty one as "".
    const res = await h.click(users.alex, "yearwheel.open", { pick: true, showUnitId: "klubben", showPersonId: "" });
    const text = cardText(res.card);
    expect(text).toContain("Årshjul: Fritids- og Ungdomsklubben Åen");
    expect(text).toContain("2028–2029, 6–18-årsområdet");
    expect(text).toContain("4 læringssamtaler · 12 ledelsesopfølgninger (1:1) · 0 samtaler (1:1) med pædagogiske ledere");
    const selvejende = await h.click(users.alex, "yearwheel.open", { showUnitId: "kastanjen" });
    // The board holds the læringssamtaler of a selvejende dagtilbud, and the chief no 1:1s.
    expect(cardText(selvejende.card)).toContain("4 læringssamtaler · 0 ledelsesopfølgninger (1:1)");
    const v = Number(findAction(res.card, "yearwheel.confirm")!.data.version);
    await h.click(users.alex, "yearwheel.confirm", { unitId: "klubben", version: v });
    const first = await db().meeting.findFirstOrThrow({ where: { unitId: "klubben", kind: "laeringssamtale", firstOfLoop: true }, include: { participants: true } });
    expect(first.participants.map((p) => `${p.personId}:${p.role}`).sort()).toEqual(["alex:chair", "emil:afdelingslederrepraesentant", "karim:konsulent", "noah:ungerepraesentant", "pia:leader"]);
    const later = await db().meeting.findMany({ where: { unitId: "klubben", kind: "laeringssamtale", firstOfLoop: false }, include: { participants: true }, orderBy: { startsAt: "asc" } });
    expect(later).toHaveLength(3);
    // Seed 002: the young «på niveau med bestyrelserne. Dvs. 1 årlig læringssamtale»: the first of the loop's second year too.
    expect(later.map((m) => m.participants.some((p) => p.personId === "noah" && p.role === "ungerepraesentant"))).toEqual([false, true, false]);
    expect(later[1]!.startsAt.toISOString() >= "2028-01-01").toBe(true);
    for (const m of later) expect(m.participants.map((p) => `${p.personId}:${p.role}`)).toContain("emil:afdelingslederrepraesentant");
    // The chair's dagsorden names the afdelingslederrepræsentant by the Danish label, with a guide of their own.
    const opened = await h.click(users.alex, "agenda.open", { meetingId: first.id, from: "meetings" });
    const agenda = cardText(opened.posted[0] ?? opened.card);
    expect(agenda).toContain("Emil Winther (afdelingslederrepræsentant)");
  });
});
