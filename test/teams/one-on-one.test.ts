import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";
import { cardText, findAction, findActions, submitted } from "../helpers/fake-connector.js";

/**
 * A 1:1 ledelsesopfølgning from scheduling to referat, through the real HTTP endpoint and
 * teams-ai routing, as Alex (Børn og Unge-chef) and Megan (dagtilbudsleder) would do it.
 * Monday 11 January 2027, 09:00 in Copenhagen.
 */
describe("1:1 ledelsesopfølgning end to end", () => {
  let h: BotHarness;
  let meetingId = "";
  let agendaCard: Record<string, unknown> | undefined;
  const db = () => h.bot.store.db;

  beforeAll(async () => {
    // The administration has made the 1:1 guide's questions required (the default asks nothing: test/teams/guides.test.ts).
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.install(users.megan);
  });
  afterAll(() => h.stop());

  it("refuses a pædagogisk leder who tries to schedule, in Danish", async () => {
    await h.install(users.jonas);
    const res = await h.say(users.jonas, "planlæg 1:1");
    expect(cardText(res.cards[0])).toContain("Du er ikke Børn og Unge-chef");
    expect(findAction(res.cards[0], "schedule.submit")).toBeUndefined();
  });

  it("offers the chief the leaders of their area's units", async () => {
    const res = await h.say(users.alex, "Planlæg 1:1");
    const text = cardText(res.cards[0]);
    expect(text).toContain("Planlæg 1:1 ledelsesopfølgning");
    expect(text).toContain("Megan Bowen, Dagtilbud Solsikken");
    expect(text).toContain("Lars Nørgaard, Kastanjen (selvejende)");
  });

  it("explains bad dates in the card and stores nothing", async () => {
    const past = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-08", time: "10:00" });
    expect(past.status).toBe(200);
    expect(cardText(past.card)).toContain("Datoen er overstået");
    const saturday = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-16", time: "10:00" });
    expect(cardText(saturday.card)).toContain("Dagen er en weekenddag.");
    const ascension = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-05-06", time: "10:00" });
    expect(cardText(ascension.card)).toContain("Dagen er en helligdag (Kristi himmelfartsdag).");
    const evening = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-18", time: "19:00" });
    expect(cardText(evening.card)).toContain("arbejdstiden (08:00–15:30)");
    // What was typed stays in the form.
    expect(JSON.stringify(evening.card)).toContain('"value":"2027-01-18"');
    expect(await db().meeting.count()).toBe(0);
  });

  it("refuses a forged leader/unit pair the chief does not own", async () => {
    const res = await h.click(users.alex, "schedule.submit", { leader: "kastanjen/megan", date: "2027-01-18", time: "10:00" });
    expect(cardText(res.card)).toContain("Kun Børn og Unge-chefen for lederens enhed");
    const stranger = await h.click(users.stranger, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
    expect(cardText(stranger.card)).toContain("organisationsoversigt");
    expect(await db().meeting.count()).toBe(0);
  });

  it("schedules the 1:1 and plans the meeting pack 3 working days ahead", async () => {
    const res = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
    expect(cardText(res.card)).toContain("1:1 ledelsesopfølgningen med Megan Bowen er planlagt mandag den 18. januar 2027 kl. 10.00.");
    expect(cardText(res.card)).toContain("onsdag den 13. januar 2027 kl. 08.00");
    const meeting = await db().meeting.findFirstOrThrow({ include: { participants: true } });
    meetingId = meeting.id;
    expect(meeting.startsAt.toISOString()).toBe("2027-01-18T09:00:00.000Z");
    expect(meeting.participants.map((p) => `${p.personId}:${p.role}`).sort()).toEqual(["alex:chair", "megan:leader"]);
    const packs = await db().notification.findMany({ where: { kind: { in: ["meeting_agenda", "meeting_reflection"] } } });
    expect(packs.map((p) => `${p.personId}:${p.kind}`).sort()).toEqual(["alex:meeting_agenda", "alex:meeting_reflection", "megan:meeting_agenda", "megan:meeting_reflection"]);
    expect(packs.every((p) => p.dueAt.toISOString() === "2027-01-13T07:00:00.000Z")).toBe(true);
  });

  it("sends nothing before the lead time, then the agenda and reflection guide to both", async () => {
    expect(await h.deliver()).toEqual({});
    h.clock.set("2027-01-13T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 4 });
    const megan = h.connector.cards(h.conversationId(users.megan));
    const alex = h.connector.cards(h.conversationId(users.alex));
    agendaCard = megan.find((c) => cardText(c).includes("Dagsorden: 1:1 ledelsesopfølgning"));
    expect(agendaCard).toBeDefined();
    const agendaText = cardText(agendaCard);
    expect(agendaText).toContain("Punkt 1: Opfølgning på aftaler fra sidste ledelsesopfølgning");
    expect(agendaText).toContain("Ingen åbne opfølgningspunkter fra tidligere møder.");
    expect(megan.some((c) => cardText(c).includes("Refleksionsguide: 1:1 ledelsesopfølgning"))).toBe(true);
    expect(alex.some((c) => cardText(c).includes("Dagsorden: 1:1 ledelsesopfølgning"))).toBe(true);
    // A second tick sends nothing more.
    expect(await h.deliver()).toEqual({});
  });

  it("lets either participant add a topic, and refuses everyone else", async () => {
    const added = await h.click(users.megan, "agenda.addTopic", { meetingId, topic: "Sygefravær i vuggestuen" });
    // Both got the pack: the other's copy is updated too, and the answer says so.
    expect(cardText(added.card)).toContain("Punktet er tilføjet. Den anden deltagers dagsorden er også opdateret.");
    expect(cardText(added.card)).toContain("Sygefravær i vuggestuen (tilføjet af Megan Bowen)");
    const empty = await h.click(users.megan, "agenda.addTopic", { meetingId, topic: "   " });
    expect(cardText(empty.card)).toContain("Skriv punktets overskrift.");
    const lars = await h.click(users.lars, "agenda.addTopic", { meetingId, topic: "Indtrængen" });
    expect(cardText(lars.card)).toContain("Kun mødets deltagere");
    expect(await db().agendaItem.count({ where: { meetingId, kind: "topic" } })).toBe(1);
  });

  it("keeps the reflection private and tells the leader what is missing", async () => {
    const missing = await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: "Sprogdata viser et fald." });
    expect(cardText(missing.card)).toContain("Besvar spørgsmålet, før du sender.");
    expect(JSON.stringify(missing.card)).toContain("Sprogdata viser et fald."); // kept as typed
    expect(await db().reflection.count()).toBe(0);

    const sent = await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: "Sprogdata viser et fald.", q_sparring: "Vikardækning i uge 6." });
    expect(cardText(sent.card)).toContain("Din refleksion er sendt.");
    expect(cardText(sent.card)).toContain("Du kan rette den, indtil mødet begynder");
    expect(findAction(sent.card, "reflection.edit")).toBeDefined();

    // Lars is no participant: neither the reflection nor the agenda.
    const lars = await h.click(users.lars, "reflection.open", { meetingId, from: "meetings" });
    expect(cardText(lars.card)).toContain("Kun mødets deltagere");
    expect(JSON.stringify(lars.posted)).not.toContain("Vikardækning");

    // The chief, a participant, sees the sent answers.
    const alex = await h.click(users.alex, "reflection.open", { meetingId, from: "agenda" });
    expect(cardText(alex.posted[0])).toContain("Vikardækning i uge 6.");
    expect(findAction(alex.posted[0], "reflection.send")).toBeUndefined();

    // A stale card (version 0 after a send) does not overwrite silently.
    const stale = await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: "Andet", q_sparring: "Andet" });
    expect(cardText(stale.card)).toContain("ikke længere aktuelt");
    const stored = await db().reflection.findFirstOrThrow();
    expect(JSON.parse(stored.answers)).toMatchObject({ sparring: "Vikardækning i uge 6." });
  });

  it("gives the opfølgningsskema to the chair only and validates every row", async () => {
    const megan = await h.click(users.megan, "form.open", { meetingId, from: "agenda" });
    expect(cardText(megan.card)).toContain("Kun Børn og Unge-chefen, der holder mødet");

    const opened = await h.click(users.alex, "form.open", { meetingId, from: "agenda" });
    const form = opened.posted[0]!;
    expect(cardText(form)).toContain("Opfølgningsskema: 1:1 ledelsesopfølgning");
    const save = findAction(form, "form.save")!;
    const items = await db().agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" } });
    const base = { ...save.data, item_0: items[1]!.id, decision_0: "Sprogvurderingerne gennemgås på personalemødet.", followup_0: "Sætte sprogdata på dagsordenen", owner_0: "megan" };

    const past = await h.click(users.alex, "form.save", { ...base, due_0: "2027-01-01" });
    expect(cardText(past.card)).toContain("Datoen er overstået");
    const long = await h.click(users.alex, "form.save", { ...base, due_0: "2027-02-01", decision_0: "x".repeat(501) });
    expect(cardText(long.card)).toContain("Teksten er 501 tegn, men der er plads til højst 500. Gør den kortere, og send igen.");
    const noOwner = await h.click(users.alex, "form.save", { ...base, due_0: "2027-02-01", owner_0: "" });
    expect(cardText(noOwner.card)).toContain("Vælg en ansvarlig");
    const outsider = await h.click(users.alex, "form.save", { ...base, due_0: "2027-02-01", owner_0: "lars" });
    expect(cardText(outsider.card)).toContain("Den ansvarlige skal være en af mødets deltagere.");
    expect(await db().decision.count()).toBe(0);

    const ok = await h.click(users.alex, "form.save", { ...base, due_0: "2027-02-01" });
    expect(cardText(ok.card)).toContain("(version 1)");
    const fu = await db().followUp.findFirstOrThrow();
    expect(fu).toMatchObject({ ownerId: "megan", dueDate: "2027-02-01", status: "open", text: "Sætte sprogdata på dagsordenen" });
    expect(await db().formRevision.count({ where: { meetingId } })).toBe(1);

    // The owner gets the follow-up card with its buttons.
    expect(await h.deliver()).toEqual({ sent: 1 });
    const card = h.connector.cards(h.conversationId(users.megan)).at(-1)!;
    expect(cardText(card)).toContain("Du er ansvarlig for et nyt opfølgningspunkt");
    expect(findAction(card, "followup.done")).toBeDefined();
    expect(findAction(card, "followup.postpone")).toBeDefined();
    expect(findAction(card, "followup.comment")).toBeDefined();

    // Saving the card that is now one version behind is refused, and shows the current form.
    const stale = await h.click(users.alex, "form.save", { ...base, due_0: "2027-03-01" });
    expect(cardText(stale.card)).toContain("Skemaet er blevet ændret");
    expect((await db().followUp.findFirstOrThrow()).dueDate).toBe("2027-02-01");
  });

  it("keeps every correction in the history and closes the meeting with a referat to both", async () => {
    const current = await h.click(users.alex, "form.open", { meetingId, from: "agenda" });
    const save = findAction(current.posted[0], "form.close")!;
    const items = await db().agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" } });
    const closed = await h.click(users.alex, "form.close", {
      ...save.data,
      item_0: items[1]!.id,
      decision_0: "Sprogvurderingerne gennemgås på personalemødet.",
      followup_0: "Sætte sprogdata på dagsordenen",
      owner_0: "megan",
      due_0: "2027-02-08",
      item_1: items[4]!.id,
      decision_1: "Alex giver sparring på vikarplanen.",
      followup_1: "",
    });
    expect(cardText(closed.card)).toContain("Gemt kl. 08.00: 1 ny beslutning, 1 rettet opfølgningspunkt (version 2). Mødet er afsluttet, og referatet sendes til Megan Bowen og dig.");
    expect(await db().formRevision.count({ where: { meetingId } })).toBe(2);
    const events = await db().followUpEvent.findMany({ orderBy: { at: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["created", "edited"]);
    expect(JSON.parse(events[1]!.data)).toEqual({ dueDate: { from: "2027-02-01", to: "2027-02-08" } });
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).status).toBe("closed");

    expect(await h.deliver()).toEqual({ sent: 2 });
    for (const u of [users.alex, users.megan]) {
      const referat = cardText(h.connector.cards(h.conversationId(u)).at(-1));
      expect(referat).toContain("Referat: 1:1 ledelsesopfølgning");
      expect(referat).toContain("Punkt 2: Data fra dataårshjulet");
      expect(referat).toContain("Sætte sprogdata på dagsordenen (MB følger op senest 08.02.2027)");
      expect(referat).toContain("Punkt 6: Sygefravær i vuggestuen (MB)");
      expect(referat).toContain("Punkt 7: Beslutninger og aftaler");
    }
  });

  it("lists the owner's open follow-ups and marks one done in place", async () => {
    const list = await h.say(users.megan, "mine opgaver");
    const card = list.cards[0]!;
    expect(cardText(card)).toContain("1 åbent opfølgningspunkt.");
    expect(cardText(card)).toContain("Sætte sprogdata på dagsordenen");
    const done = findActions(card, "followup.done")[0]!;
    const res = await h.click(users.megan, "followup.done", done.data);
    expect(cardText(res.card)).toContain("Markeret som udført.");
    expect(cardText(res.card)).toContain("Udført 13.01.2027");
    expect((await db().followUp.findFirstOrThrow()).status).toBe("done");
    // The follow-up card posted earlier is updated in place too.
    await h.bot.settled();
    expect(h.connector.updated.some((u) => cardText(u.activity).includes("Udført 13.01.2027"))).toBe(true);
    // A double click is answered kindly and changes nothing.
    const twice = await h.click(users.megan, "followup.done", done.data);
    expect(cardText(twice.card)).toContain("allerede udført");
    expect(await db().followUpEvent.count({ where: { kind: "done" } })).toBe(1);
  });

  it("carries open follow-ups into the next 1:1 between the same two, until done", async () => {
    // A new open follow-up on the closed meeting, from a correction: the chair reopens it first.
    const form = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
    expect(findAction(form.posted[0], "form.save")).toBeUndefined(); // closed: read-only
    const reopened = await h.click(users.alex, "meeting.reopen", findAction(form.posted[0], "meeting.reopen")!.data);
    expect((findAction(reopened.card, "form.save")!.data.rows as unknown[]).length).toBe(3); // two decisions, one blank row
    const corrected = await h.click(users.alex, "form.save", submitted(reopened.card, "form.save", { decision_2: "Overgange evalueres.", followup_2: "Evaluere overgangssamtaler", owner_2: "megan", due_2: "2027-03-01" }));
    expect(cardText(corrected.card)).toContain("Gemt kl. 08.00: 1 ny beslutning, 1 nyt opfølgningspunkt (version 3).");
    await h.click(users.alex, "form.close", submitted(corrected.card, "form.close"));
    expect(await h.deliver()).toEqual({ sent: 3 }); // the new owner's card, and the corrected referat to both
    expect(cardText(h.connector.cards(h.conversationId(users.megan)).at(-1))).toContain("Rettet referat: 1:1 ledelsesopfølgning");

    const next = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-03-15", time: "09:00" });
    expect(cardText(next.card)).toContain("er planlagt");
    const nextId = (await db().meeting.findFirstOrThrow({ where: { id: { not: meetingId } } })).id;
    const agenda = await h.click(users.megan, "agenda.open", { meetingId: nextId, from: "meetings" });
    const text = cardText(agenda.posted[0]);
    expect(text).toContain("Evaluere overgangssamtaler (Megan Bowen, frist 01.03.2027)");
    expect(text).not.toContain("Sætte sprogdata på dagsordenen"); // done: not carried

    // Closing the next meeting: its referat reports on the agreements carried into it.
    const form2 = await h.click(users.alex, "form.open", { meetingId: nextId, from: "meetings" });
    await h.click(users.alex, "form.close", { ...findAction(form2.posted[0], "form.close")!.data });
    await h.deliver();
    const referat = cardText(h.connector.cards(h.conversationId(users.megan)).at(-1));
    expect(referat).toContain("Opfølgning på tidligere aftaler");
    expect(referat).toContain("Evaluere overgangssamtaler (MB): Åben (frist 01.03.2027)");
    expect(referat).toContain("Uden beslutninger: Punkt 1: Opfølgning på aftaler fra sidste ledelsesopfølgning");
  });
});
