import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortHash } from "../../src/lib/short-hash.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction, submitted } from "../helpers/fake-connector.js";
import { botWithSolsikkenConfirmed } from "../helpers/confirmed-loop.js";

/**
 * The leaders' proposals before a læringssamtale (issue 21, points 9 and 10) through the real bot:
 * Megan (leader of Solsikken) proposes the focus areas before the loop's first læringssamtale and
 * Alex (Børn og Unge-chef, its chair) approves them with one change; the chair and the leader draft
 * «Det indstilles, at …» on the dagsorden, the opfølgningsskema opens with it, and the referat shows
 * indstilling and beslutning as the real minutes do (seed 002). Monday 23 November 2026, 09:00.
 */
describe("proposals and indstillinger before the meeting, through the bot", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  const firstSamtale = () => db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: true } });

  beforeAll(async () => {
    h = await botWithSolsikkenConfirmed();
  });
  afterAll(() => h.stop());

  it("the leader proposes the focus areas, the chief approves them with one change, and the stored areas are the approved ones", async () => {
    const m = await firstSamtale();
    // Her dagsorden says she may propose them.
    expect(cardText((await h.click(users.megan, "agenda.open", { meetingId: m.id })).posted[0]!)).toContain("Foreslå fokusområder: som enhedens leder");
    const card = (await h.click(users.megan, "focus.open", { meetingId: m.id })).posted[0]!;
    expect(cardText(card)).toContain("Foreslå enhedens lokale fokusområder");
    // A row without a theme: a Danish answer in the card, what was typed kept, nothing stored.
    const bad = await h.click(users.megan, "focus.propose", submitted(card, "focus.propose", { title_0: "Sprogmiljøet i vuggestuen" }));
    expect(cardText(bad.card)).toContain("Vælg et af læringsloopets temaer.");
    expect(JSON.stringify(bad.card)).toContain("Sprogmiljøet i vuggestuen");
    expect(await db().focusAreaProposal.count()).toBe(0);
    const sent = await h.click(
      users.megan,
      "focus.propose",
      submitted(bad.card, "focus.propose", { theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet i vuggestuen", theme_1: "0-6-2027/trivsel", title_1: "Børnefællesskaber <b>ude</b>" }),
    );
    expect(cardText(sent.card)).toContain("Forslaget er sendt til mødelederen.");
    // She may still change it: a third area.
    const changed = await h.click(users.megan, "focus.propose", submitted(sent.card, "focus.propose", { theme_2: "0-6-2027/overgange", title_2: "Overgangen til skole" }));
    expect(cardText(changed.card)).toContain("Forslaget er sendt til mødelederen.");
    expect(await db().focusArea.count()).toBe(0);
    // Sent indeed: the chair gets his focus areas card with the proposal through the outbox, and his dagsorden says it waits.
    await h.deliver();
    const told = h.connector.cards(h.conversationId(users.alex)).at(-1)!;
    expect(cardText(told)).toContain("Megan Bowen har foreslået fokusområderne herunder.");
    expect(cardText((await h.click(users.alex, "agenda.open", { meetingId: m.id })).posted[0]!)).toContain("Lederens forslag til fokusområder venter på din godkendelse.");

    // The chair's card holds the proposal, ready to approve or adjust; people's text shown as text.
    const chair = (await h.click(users.alex, "focus.open", { meetingId: m.id })).posted[0]!;
    expect(cardText(chair)).toContain("Megan Bowen har foreslået fokusområderne herunder.");
    expect(JSON.stringify(chair)).toContain('"value":"Børnefællesskaber <b>ude</b>"');
    expect(findAction(chair, "focus.save")!.verb).toBe("focus.save");
    // One change in the meeting: the third is left out (emptied), the first renamed.
    const approved = await h.click(users.alex, "focus.save", submitted(chair, "focus.save", { title_0: "Sprogmiljøet i vuggestuen og børnehaven", theme_2: "", title_2: "" }));
    expect(cardText(approved.card)).toContain("Fokusområderne er godkendt.");
    expect(cardText(approved.card)).toContain("Godkendt af Alex Wilber");
    const stored = await db().focusArea.findMany({ orderBy: { position: "asc" } });
    expect(stored.map((a) => [a.title, a.themeId, a.proposedById, a.approvedById])).toEqual([
      ["Sprogmiljøet i vuggestuen og børnehaven", "0-6-2027/sprog", "megan", "alex"],
      ["Børnefællesskaber <b>ude</b>", "0-6-2027/trivsel", "megan", "alex"],
    ]);
    // His older card (the proposal as it waited) again, with a row renamed: refused, no area without a proposer.
    const older = await h.click(users.alex, "focus.save", submitted(chair, "focus.save", { title_0: "Et helt nyt navn", theme_2: "", title_2: "" }));
    expect(cardText(older.card)).toContain("Forslaget er allerede godkendt, siden du åbnede kortet.");
    // What he typed is shown again over the areas as they are now (nothing typed is lost).
    expect(JSON.stringify(older.card)).toContain('"value":"Et helt nyt navn"');
    expect(await db().focusArea.count()).toBe(2);
    const proposal = await db().focusAreaProposal.findFirstOrThrow();
    expect([proposal.status, proposal.proposedById, proposal.approvedById]).toEqual(["approved", "megan", "alex"]);
    expect((JSON.parse(proposal.rows) as unknown[]).length).toBe(3);

    // Approved: Megan's older card is answered in Danish and changes nothing.
    const late = await h.click(users.megan, "focus.propose", submitted(changed.card, "focus.propose", { title_0: "Noget andet" }));
    expect(cardText(late.card)).toContain("Fokusområderne er allerede godkendt");
    expect(await db().focusArea.count()).toBe(2);
    const meganNow = (await h.click(users.megan, "focus.open", { meetingId: m.id })).posted[0]!;
    expect(findAction(meganNow, "focus.propose")).toBeUndefined();
    expect(cardText(meganNow)).toContain("Foreslået af Megan Bowen");
  });

  it("the chair drafts an indstilling, the leader one for her own topic only; the skema opens with them and the referat shows indstilling and beslutning", async () => {
    const m = await firstSamtale();
    // Megan puts a topic on the dagsorden and drafts its indstilling.
    const agenda = (await h.click(users.megan, "agenda.open", { meetingId: m.id })).posted[0]!;
    const withTopic = await h.click(users.megan, "agenda.addTopic", submitted(agenda, "agenda.addTopic", { topic: "Sprogvurderinger <b>i</b> vuggestuen" }));
    const topic = await db().agendaItem.findFirstOrThrow({ where: { meetingId: m.id, kind: "topic" } });
    const alexEarly = (await h.click(users.alex, "agenda.open", { meetingId: m.id })).posted[0]!;
    const mine = findAction(withTopic.card, "agenda.indstilling")!;
    // She may draft her own topic only: the card offers that one field.
    expect(Object.keys(JSON.parse(String(mine.data.shown)) as object)).toEqual([topic.id]);
    expect(Object.values(JSON.parse(String(mine.data.shown)) as object)).toEqual([shortHash("")]);
    const drafted = await h.click(users.megan, "agenda.indstilling", submitted(withTopic.card, "agenda.indstilling", { [`ind_${topic.id}`]: "sprogvurderingerne gennemgås på <i>personalemødet</i>" }));
    expect(cardText(drafted.card)).toContain("Indstillingen er gemt.");
    // A card made up to draft the chair's standing item is refused in Danish, and nothing is stored.
    const standing = await db().agendaItem.findFirstOrThrow({ where: { meetingId: m.id, kind: "standing" }, orderBy: { position: "asc" } });
    const refused = await h.click(users.megan, "agenda.indstilling", { meetingId: m.id, shown: JSON.stringify({ [standing.id]: "" }), [`ind_${standing.id}`]: "noget andet" });
    expect(cardText(refused.card)).toContain("Du kan kun skrive indstillingen til de punkter, du selv har sat på dagsordenen.");
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: standing.id } })).recommendation).toBeNull();

    // Alex, the chair, sees Megan's draft in his copy and drafts the first standing item.
    const alexAgenda = (await h.click(users.alex, "agenda.open", { meetingId: m.id })).posted[0]!;
    expect(JSON.stringify(alexAgenda)).toContain("sprogvurderingerne gennemgås på");
    const chair = await h.click(users.alex, "agenda.indstilling", submitted(alexAgenda, "agenda.indstilling", { [`ind_${standing.id}`]: "de lokale fokusområder godkendes (<b>punkt 4</b>)" }));
    expect(cardText(chair.card)).toContain("Indstillingen er gemt.");
    // Megan's copy shows the chair's draft, read-only; people's text is shown as text.
    const meganNow = (await h.click(users.megan, "agenda.open", { meetingId: m.id })).posted[0]!;
    expect(cardText(meganNow)).toContain("Det indstilles, at … de lokale fokusområder godkendes (<b>punkt 4</b>)");
    expect(JSON.stringify(meganNow)).not.toContain("(<b>punkt 4</b>)");

    // An older card of Alex's (from before the draft) does not overwrite what Megan wrote meanwhile.
    const stale = await h.click(users.alex, "agenda.indstilling", submitted(alexEarly, "agenda.indstilling", { [`ind_${topic.id}`]: "noget helt andet" }));
    expect(cardText(stale.card)).toContain("En anden har rettet indstillingen");
    expect(JSON.stringify(stale.card)).toContain("noget helt andet");
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("sprogvurderingerne gennemgås på <i>personalemødet</i>");

    // In the meeting: the opfølgningsskema starts from the drafts, and records the beslutning.
    h.clock.set(new Date(m.startsAt.getTime() + 60 * 60_000).toISOString());
    const form = (await h.click(users.alex, "form.open", { meetingId: m.id })).posted[0]!;
    const formJson = JSON.stringify(form);
    expect(formJson).toContain('"value":"de lokale fokusområder godkendes (<b>punkt 4</b>)"');
    expect(formJson).toContain("sprogvurderingerne gennemgås på");
    const closed = await h.click(users.alex, "form.close", submitted(form, "form.close", { item_0: topic.id, decision_0: "Indstillingen godkendt med den bemærkning, at forældrene orienteres." }));
    expect(cardText(closed.card)).not.toContain("Ret det markerede");
    await h.deliver();
    const referat = (await h.click(users.megan, "referat.open", { meetingId: m.id })).posted[0]!;
    const text = cardText(referat);
    expect(text).toContain("Det indstilles, at:");
    expect(text).toContain("1. de lokale fokusområder godkendes");
    expect(text).toMatch(/Sprogvurderinger <b>i<\/b> vuggestuen[\s\S]*1\. sprogvurderingerne gennemgås på <i>personalemødet<\/i>[\s\S]*Indstillingen godkendt med den bemærkning, at forældrene orienteres\./);

    // Closed: the draft can no longer be changed on the dagsorden.
    const after = await h.click(users.alex, "agenda.indstilling", { meetingId: m.id, shown: JSON.stringify({ [standing.id]: "de lokale fokusområder godkendes (<b>punkt 4</b>)" }), [`ind_${standing.id}`]: "ændret bagefter" });
    expect(cardText(after.card)).toContain("Mødet er lukket, så indstillingerne kan ikke længere rettes her.");
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: standing.id } })).recommendation).toBe("de lokale fokusområder godkendes (<b>punkt 4</b>)");

    // Reopened: the referat as sent keeps both drafts, and the dagsorden offers no drafting any more.
    await h.click(users.alex, "meeting.reopen", { meetingId: m.id, referatVersion: 1 });
    const sent = cardText((await h.click(users.megan, "referat.open", { meetingId: m.id, version: 1 })).posted[0]!);
    expect(sent).toContain("1. de lokale fokusområder godkendes");
    expect(sent).toContain("1. sprogvurderingerne gennemgås på <i>personalemødet</i>");
    expect(findAction((await h.click(users.megan, "agenda.open", { meetingId: m.id })).posted[0]!, "agenda.indstilling")).toBeUndefined();
    const reopened = await h.click(users.megan, "agenda.indstilling", { meetingId: m.id, shown: JSON.stringify({ [topic.id]: "sprogvurderingerne gennemgås på <i>personalemødet</i>" }), [`ind_${topic.id}`]: "ændret efter genåbning" });
    expect(cardText(reopened.card)).toContain("Mødet har været afsluttet én gang, så indstillingerne rettes nu i opfølgningsskemaet.");
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("sprogvurderingerne gennemgås på <i>personalemødet</i>");
  });

  it("a draft made while the chair has the skema open survives his stale save and the next one", async () => {
    const m = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: false }, orderBy: { startsAt: "asc" } });
    const agenda = (await h.click(users.megan, "agenda.open", { meetingId: m.id })).posted[0]!;
    await h.click(users.megan, "agenda.addTopic", submitted(agenda, "agenda.addTopic", { topic: "Forældresamarbejdet" }));
    const topic = await db().agendaItem.findFirstOrThrow({ where: { meetingId: m.id, kind: "topic" } });
    const form = (await h.click(users.alex, "form.open", { meetingId: m.id })).posted[0]!;
    const meganAgenda = (await h.click(users.megan, "agenda.open", { meetingId: m.id })).posted[0]!;
    await h.click(users.megan, "agenda.indstilling", submitted(meganAgenda, "agenda.indstilling", { [`ind_${topic.id}`]: "forældrerådet inddrages" }));
    // His skema still shows the field empty: refused as stale, and shown again with her draft.
    const refused = await h.click(users.alex, "form.save", submitted(form, "form.save", { decision_0: "Forældrerådet inviteres." }));
    expect(cardText(refused.card)).toContain("ændret");
    expect(JSON.stringify(refused.card)).toContain('"value":"forældrerådet inddrages"');
    await h.click(users.alex, "form.save", submitted(refused.card, "form.save"));
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("forældrerådet inddrages");
    expect(await db().decision.count({ where: { meetingId: m.id } })).toBe(1);
  });

  it("typed text survives the other buttons and stale refusals: a half-typed topic over «Gem indstillingerne», typed indstillinger over a new topic, the leader's rows over a stale proposal", async () => {
    const m = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: false }, orderBy: { startsAt: "desc" } });
    const agenda = (await h.click(users.alex, "agenda.open", { meetingId: m.id })).posted[0]!;
    const standing = await db().agendaItem.findFirstOrThrow({ where: { meetingId: m.id, kind: "standing" }, orderBy: { position: "asc" } });
    // He types an indstilling and adds a topic: the indstilling stays in its field, unsaved.
    const added = await h.click(users.alex, "agenda.addTopic", submitted(agenda, "agenda.addTopic", { topic: "Tilsynet", [`ind_${standing.id}`]: "halvt skrevet indstilling" }));
    expect(cardText(added.card)).toContain("Tilsynet");
    expect(JSON.stringify(added.card)).toContain('"value":"halvt skrevet indstilling"');
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: standing.id } })).recommendation).toBeNull();
    // He types a topic and saves the indstilling: the topic stays in its field.
    const saved = await h.click(users.alex, "agenda.indstilling", submitted(added.card, "agenda.indstilling", { topic: "Halvt skrevet punkt" }));
    expect(cardText(saved.card)).toContain("Indstillingen er gemt.");
    expect(JSON.stringify(saved.card)).toContain('"value":"Halvt skrevet punkt"');
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: standing.id } })).recommendation).toBe("halvt skrevet indstilling");
  });
});
