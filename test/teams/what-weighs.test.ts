import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction, findActions, submitted } from "../helpers/fake-connector.js";
import { botWithSolsikkenConfirmed } from "../helpers/confirmed-loop.js";

/**
 * What weighs on a unit, solnedgang by default and what the loop learned (issue 21, points 12–14)
 * through the real bot: Alex (Børn og Unge-chef for Område Midt) registers the forvaltning's
 * initiatives with «indsatser», is told first when Solsikken carries too much, picks focus areas
 * whose evaluation date is the loop's end, and gets the loop's summary once when the fourth
 * læringssamtale is closed. Monday 23 November 2026, 09:00 in Copenhagen.
 */
describe("what weighs on a unit, through the bot", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  /** The cards posted to a person since `from` (an index into the connector's posts). */
  const postedTo = (user: User, from = 0) =>
    h.connector.posted
      .slice(from)
      .filter((p) => p.conversationId === h.conversationId(user))
      .map((p) => cardText(p.activity));

  beforeAll(async () => {
    h = await botWithSolsikkenConfirmed();
  });
  afterAll(() => h.stop());

  it("«indsatser» is the chief's: the card shows what weighs on each unit and a form with the loop's end as evaluation date", async () => {
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    const text = cardText(card);
    expect(text).toContain("Forvaltningens indsatser");
    expect(text).toContain("Dagtilbud Solsikken: 0 igangværende indsatser (loft 8)");
    expect(text).toContain("Ingen endnu.");
    expect(text).toContain("Som udgangspunkt ved læringsloopets afslutning (solnedgang)");
    expect(JSON.stringify(card)).toContain('"value":"2029-02-28"');
    expect(cardText((await h.say(users.megan, "indsatser")).cards[0])).toContain("Kun Børn og Unge-chefer kan registrere forvaltningens indsatser.");
  });

  it("registers an initiative once per card, and says what was wrong in the card without losing what was typed", async () => {
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    const bad = await h.click(users.alex, "initiative.save", submitted(card, "initiative.save", { title: "Ny model for sprogvurderinger", scope: "" }));
    expect(cardText(bad.card)).toContain("Vælg, hvilke enheder indsatsen gælder for.");
    expect(JSON.stringify(bad.card)).toContain("Ny model for sprogvurderinger");
    expect(await db().initiative.count()).toBe(0);

    const data = submitted(bad.card, "initiative.save", { scope: "solsikken" });
    const res = await h.click(users.alex, "initiative.save", data);
    expect(cardText(res.card)).toContain("Indsatsen «Ny model for sprogvurderinger» er registreret.");
    expect(cardText(res.card)).toContain("Ny model for sprogvurderinger · fra 23.11.2026 · evalueres 28.02.2029 · Dagtilbud Solsikken");
    expect(cardText(res.card)).toContain("Dagtilbud Solsikken: 1 igangværende indsats (loft 8)");
    // The same card again (a double click, a retry): one initiative.
    const again = await h.click(users.alex, "initiative.save", data);
    expect(cardText(again.card)).toContain("var allerede registreret");
    expect(await db().initiative.count()).toBe(1);
    // The next card is a new form: a new one-time id.
    expect(findAction(res.card, "initiative.save")!.data.requestId).not.toBe(data.requestId);
  });

  it("tells the chief first, once, in a tone that helps, when a unit carries more than its ceiling; the leader is not told", async () => {
    await db().unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 1 } });
    const from = h.connector.posted.length;
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    await h.click(users.alex, "initiative.save", submitted(card, "initiative.save", { title: "Overgange til skole", scope: "area:midt" }));
    await h.deliver();
    const told = postedTo(users.alex, from).filter((t) => t.includes("mange indsatser på én gang"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Dagtilbud Solsikken: mange indsatser på én gang");
    expect(told[0]).toContain("Enheden har nu 2 igangværende indsatser — overvej, hvad der kan afsluttes.");
    expect(told[0]).not.toMatch(/overvåg|kontrol/i);
    expect(postedTo(users.megan, from).filter((t) => t.includes("igangværende indsats"))).toEqual([]);
    const more = (await h.say(users.alex, "indsatser")).cards[0];
    await h.click(users.alex, "initiative.save", submitted(more, "initiative.save", { title: "Legepladsprojekt", scope: "solsikken" }));
    await h.deliver();
    expect(postedTo(users.alex, from).filter((t) => t.includes("mange indsatser på én gang"))).toHaveLength(1);
    await db().unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: null } });
  });

  it("ends an initiative from the card after asking: it no longer weighs on the unit, and the list shows it ended", async () => {
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    const initiative = await db().initiative.findFirstOrThrow({ where: { title: "Legepladsprojekt" } });
    // «Afslut» asks first (as closing a meeting does); its confirmation is the button that ends it.
    expect(cardText(card)).toContain("Afslut indsatsen «Legepladsprojekt»? Den vejer så ikke længere på enhederne");
    const end = findActions(card, "initiative.end").find((a) => a.data.id === initiative.id);
    expect(end?.data).toEqual({ id: initiative.id, version: initiative.version, confirmed: true });
    const res = await h.click(users.alex, "initiative.end", end!.data);
    expect(cardText(res.card)).toContain("Indsatsen «Legepladsprojekt» er afsluttet.");
    expect(cardText(res.card)).toMatch(/- Legepladsprojekt · fra [\d.]+ · evalueres [\d.]+ · Dagtilbud Solsikken · afsluttet/);
    expect(findActions(res.card, "initiative.end").map((a) => a.data.id)).not.toContain(initiative.id);
    expect(cardText(res.card)).toContain("Forvaltningens indsatser");
    expect((await db().initiative.findUniqueOrThrow({ where: { id: initiative.id } })).status).toBe("ended");
    // Without the confirmation nothing happens.
    const other = await db().initiative.findFirstOrThrow({ where: { status: "active" } });
    await h.click(users.alex, "initiative.end", { id: other.id, version: other.version });
    expect((await db().initiative.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("active");
    const after = cardText((await h.say(users.alex, "indsatser")).cards[0]);
    expect(after).not.toContain("Legepladsprojekt");
    expect(after).toContain("Dagtilbud Solsikken: 2 igangværende indsatser");
  });

  it("gives a new focus area the loop's end as evaluation date (no «valgfri»)", async () => {
    const first = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: true } });
    const card = (await h.click(users.alex, "focus.open", { meetingId: first.id })).posted[0]!;
    expect(cardText(card)).not.toContain("valgfri");
    expect(JSON.stringify(card)).toContain('"value":"2029-02-28"');
    const res = await h.click(users.alex, "focus.save", submitted(card, "focus.save", { theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet i vuggestuen" }));
    expect(cardText(res.card)).toContain("Fokusområderne er gemt.");
    expect((await db().focusArea.findFirstOrThrow()).evaluateOn).toBe("2029-02-28");
  });

  it("sends the chief what the loop learned once, after the fourth læringssamtale is closed, also when it is closed again", async () => {
    const samtaler = await db().meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } });
    const summaries = () => postedTo(users.alex).filter((t) => t.includes("Opsamling på læringsloopet"));
    for (const [i, m] of samtaler.entries()) {
      h.clock.set(new Date(m.startsAt.getTime() + 3 * 3_600_000).toISOString());
      const form = (await h.click(users.alex, "form.open", { meetingId: m.id })).posted[0]!;
      const typed = i < 2 ? { decision_0: `Beslutning ${i + 1}`, followup_0: `Aftale ${i + 1}`, owner_0: "megan", due_0: new Date(m.startsAt.getTime() + 30 * 86_400_000).toISOString().slice(0, 10) } : { decision_0: `Beslutning ${i + 1}` };
      // The second læringssamtale's decision is about the focus area (the form offers it per decision).
      if (i === 1) {
        expect(cardText(form)).toContain("Fokusområde (valgfrit)");
        Object.assign(typed, { focus_0: (await db().focusArea.findFirstOrThrow()).id });
      }
      const closed = await h.click(users.alex, "form.close", submitted(form, "form.close", typed));
      expect(cardText(closed.card)).not.toContain("Ret det markerede");
      await h.deliver();
      expect(summaries(), `after samtale ${i + 1}`).toHaveLength(i < 3 ? 0 : 1);
    }
    const summary = summaries()[0]!;
    expect(summary).toContain("Opsamling på læringsloopet: Dagtilbud Solsikken");
    expect(summary).toContain("Sprogmiljøet i vuggestuen (tema: Sprog og kommunikation)");
    expect(summary).toContain("fortsat aktivt · evalueres 28.02.2029");
    expect(summary).toMatch(/Sprogmiljøet i vuggestuen \(tema: Sprog og kommunikation\)\s+fortsat aktivt · evalueres 28\.02\.2029\s+- \d\d\.\d\d\.2027: Beslutning 2 — aftaler: 0 udført, 1 åben,/);
    expect(summary).toContain("Øvrige beslutninger fra læringssamtalerne");
    expect(summary).toContain("Beslutning 1 — aftaler: 0 udført, 1 åben, 0 afsluttet uden at være udført");
    expect(summary).toContain("I alt: 0 aftaler udført, 2 åbne og 0 afsluttet uden at være udført.");
    // The last one closed again from the same card, and reopened and closed again: no second summary.
    const last = samtaler[3]!;
    const form = (await h.click(users.alex, "form.open", { meetingId: last.id })).posted[0]!;
    const reopen = findAction(form, "meeting.reopen");
    expect(reopen).toBeDefined();
    const reopened = await h.click(users.alex, "meeting.reopen", reopen!.data);
    expect(cardText(reopened.card)).not.toContain("Ret det markerede");
    const again = (await h.click(users.alex, "form.open", { meetingId: last.id })).posted[0]!;
    await h.click(users.alex, "form.close", submitted(again, "form.close"));
    await h.deliver();
    expect((await db().meeting.findUniqueOrThrow({ where: { id: last.id } })).referatVersion).toBe(2);
    expect(summaries()).toHaveLength(1);
    expect(await db().notification.count({ where: { kind: "loop_summary" } })).toBe(1);
  });

  it("the export's «Opsamling» says what the card said, per focus area and once per unit; a period counts only its læringssamtaler", async () => {
    const channel = "19:opsamling@thread.tacv2";
    const linked = await h.click(users.alex, "channel.link", { areaId: "midt" }, { channel });
    expect(cardText(linked.card)).toContain("Kanalen følger nu Område Midt (0-6 år).");
    const local = (d: Date) => d.toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" });
    /** The «Opsamling» CSV's rows of Solsikken for a period, through the personal link. */
    const opsamling = async (exportTo: string) => {
      const from = h.connector.posted.length;
      const ok = await h.click(users.alex, "channel.export", { areaId: "midt", exportFrom: "2027-01-01", exportTo }, { channel });
      expect(cardText(ok.card)).toContain("Linkene til eksporten er sendt til dig i din personlige chat");
      const links = postedTo(users.alex, from).find((t) => t.startsWith("Eksportér til kvalitetsrapporten"))!;
      const tokens = [...links.matchAll(/\((http[^)]+\/export\/([A-Za-z0-9_-]+))\)/g)].map((m) => m[2]!);
      const csv = await fetch(`${h.url.replace("/api/messages", "")}/export/${tokens[4]!}`);
      expect(csv.headers.get("content-disposition")).toContain("opsamling.csv");
      return (await csv.text()).split("\r\n").filter((l) => l.includes("Solsikken")).map((l) => l.split(";").slice(3));
    };
    // The card said: «Beslutning 2» about Sprogmiljøet, four decisions, «I alt: 0 aftaler udført, 2 åbne og 0 afsluttet».
    // Aktiv · 28.02.2029 · (no evaluations) · 1 about it · 4 læringssamtaler, 4 decisions, 0 / 2 / 0 agreements.
    expect(await opsamling(local(h.clock.now()))).toEqual([["Sprogmiljøet i vuggestuen", "Aktiv", "28.02.2029", "", "1", "4", "4", "0", "2", "0"]]);
    // Until the second læringssamtale: two of them, their two decisions and two agreements.
    const second = (await db().meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!;
    expect(await opsamling(local(second.startsAt))).toEqual([["Sprogmiljøet i vuggestuen", "Aktiv", "28.02.2029", "", "1", "2", "2", "0", "2", "0"]]);
    // Before the second: its decision about the focus area is not in the period.
    expect(await opsamling(local(new Date(second.startsAt.getTime() - 86_400_000)))).toEqual([["Sprogmiljøet i vuggestuen", "Aktiv", "28.02.2029", "", "0", "1", "1", "0", "1", "0"]]);
  });
});
