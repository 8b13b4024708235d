import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction, submitted } from "../helpers/fake-connector.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";

/**
 * Nothing closed by mistake (issue 18, points 7 and 8), through the bot as Alex (Børn og
 * Unge-chef, the chair) and Megan (dagtilbudsleder) meet it: «Gem og afslut mødet» asks first and
 * says what closing does; the chair may reopen a closed meeting for a while, and closing it again
 * sends a «Rettet referat» once to each; a save says what it saved, and the form keeps one empty row.
 * Monday 11 January 2027, 09:00 in Copenhagen; the 1:1 is on Wednesday the 13th at 10:00.
 */

type Card = Record<string, unknown>;

/** The card an Action.ShowCard with this title opens (the confirmation under a button). */
function shownBy(card: unknown, title: string): Card | undefined {
  let found: Card | undefined;
  const walk = (n: unknown) => {
    if (found) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.type === "Action.ShowCard" && o.title === title) found = o.card as Card;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The row references a form card carries (one per row shown). */
const rowsOf = (card: unknown): unknown[] => findAction(card, "form.save")!.data.rows as unknown[];

/** A bot with Alex, Megan and Lars installed, for one group of stories. */
function startBot(env?: () => Record<string, string>): { h: BotHarness } {
  const bot = {} as { h: BotHarness };
  beforeAll(async () => {
    bot.h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: env?.() });
    await bot.h.install(users.alex);
    await bot.h.install(users.megan);
    await bot.h.install(users.lars);
  });
  afterAll(() => bot.h.stop());
  return bot;
}

/** What the stories do with their bot. */
function helpers(bot: { h: BotHarness }) {
  const db = () => bot.h.bot.store.db;
  const used = new Set<string>();
  /**
   * A new 1:1 between Alex and Megan at 10.00 on a weekday of its own (nobody is booked into two
   * meetings at once), scheduled on Monday the 11th at 09.00; its pack is delivered with the clock
   * `at` the meeting's day 11.30 ("after"), 16.00 ("evening"), a given instant, or still Monday.
   */
  async function meeting(opts: { date?: string; at?: "after" | "evening" | string } = {}): Promise<string> {
    let date = opts.date;
    for (let d = 13; !date; d++) {
      const candidate = `2027-01-${String(d).padStart(2, "0")}`;
      if (![0, 6].includes(new Date(`${candidate}T12:00:00Z`).getUTCDay()) && !used.has(candidate)) date = candidate;
    }
    used.add(date);
    bot.h.clock.set("2027-01-11T09:00:00+01:00");
    const res = await bot.h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date, time: "10:00" });
    expect(cardText(res.card)).toContain("er planlagt");
    const m = await db().meeting.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const at = opts.at === "after" ? `${date}T11:30:00+01:00` : opts.at === "evening" ? `${date}T16:00:00+01:00` : opts.at;
    if (at) bot.h.clock.set(at);
    await bot.h.deliver();
    return m.id;
  }
  const openForm = async (meetingId: string): Promise<Card> => (await bot.h.click(users.alex, "form.open", { meetingId, from: "meetings" })).posted[0]!;
  const closeFrom = (form: Card, typed: Record<string, unknown> = {}) => bot.h.click(users.alex, "form.close", submitted(form, "form.close", typed));
  return { db, meeting, openForm, closeFrom };
}

describe("closing asks first, and says what it does", () => {
  const bot = startBot();
  const { db, meeting, openForm, closeFrom } = helpers(bot);

  it("is asked before closing and says what closing does, and that the meeting has not begun yet", async () => {
    const id = await meeting({ date: "2027-01-14" });
    const form = await openForm(id);
    // «Gem og afslut mødet» only opens the confirmation; the button that closes is inside it.
    const confirm = shownBy(form, "Gem og afslut mødet")!;
    expect(confirm).toBeDefined();
    const text = cardText(confirm);
    expect(text).toContain("Mødet er først torsdag den 14. januar 2027 kl. 10.00 – vil du afslutte det allerede nu?");
    expect(text).toContain("gemmes det, du har skrevet, og referatet sendes til Megan Bowen og dig");
    expect(text).toContain("åbne opfølgningspunkter følger med til næste møde, indtil de er udført");
    expect(text).toContain("der sendes ikke mere til mødet: dagsorden, refleksionsguide og påmindelser stopper");
    expect(text).toContain("kan du genåbne det i 14 dage og rette referatet");
    expect(findAction(confirm, "form.close")).toBeDefined();
    expect(text).toContain("Ja, afslut mødet nu");
    // Outside the confirmation there is no button that closes.
    const { actions } = form as { actions: Card[] };
    expect(actions.filter((a) => a.type === "Action.Execute").map((a) => a.verb)).toEqual(["form.save"]);
  });

  it("warns that the referat will be empty while the form has no decision, and stops warning once it has", async () => {
    const id = await meeting({ at: "after" });
    const form = await openForm(id);
    const empty = cardText(shownBy(form, "Gem og afslut mødet"));
    expect(empty).toContain("Der er ingen beslutninger i skemaet. Afslutter du uden at skrive nogen, bliver referatet tomt");
    // The meeting has begun: no question about closing early, and the plain confirmation.
    expect(empty).not.toContain("vil du afslutte det allerede nu");
    expect(empty).toContain("Ja, afslut mødet");
    const saved = await bot.h.click(users.alex, "form.save", submitted(form, "form.save", { decision_0: "Vikarplanen lægges før vinterferien" }));
    expect(cardText(shownBy(saved.card, "Gem og afslut mødet"))).not.toContain("referatet tomt");
  });

  it("closes an empty form when confirmed: informed, not refused", async () => {
    const id = await meeting({ at: "after" });
    const closed = await closeFrom(await openForm(id));
    expect(cardText(closed.card)).toContain("Intet at gemme – skemaet er tomt. Mødet er afsluttet, og referatet sendes til Megan Bowen og dig.");
    expect((await db().meeting.findUniqueOrThrow({ where: { id } })).status).toBe("closed");
  });

  it("does not close from a card without the confirmation (posted before it existed): it saves and asks", async () => {
    const id = await meeting();
    const form = await openForm(id);
    const oneTap = { ...findAction(form, "form.save")!.data, decision_0: "Sprogindsatsen fortsætter" };
    const res = await bot.h.click(users.alex, "form.close", oneTap);
    expect(cardText(res.card)).toContain("Gemt kl. 09.00: 1 ny beslutning (version 1). Mødet er ikke afsluttet endnu. Tryk «Gem og afslut mødet», og bekræft.");
    expect(await db().meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "planned", referatVersion: 0 });
    expect(await db().notification.count({ where: { subjectId: id, kind: "referat" } })).toBe(0);
  });
});

describe("the chair reopens a closed meeting for a while", () => {
  const bot = startBot();
  const { db, meeting, openForm, closeFrom } = helpers(bot);

  it("reopen → change → close: both get «Rettet referat» once, and the history keeps both versions", async () => {
    const id = await meeting({ date: "2027-01-13", at: "after" });
    await closeFrom(await openForm(id), { decision_0: "Vikarplanen lægges før vinterferien" });
    expect(await bot.h.deliver()).toEqual({ sent: 2 });
    const first = bot.h.connector.cards(bot.h.conversationId(users.alex)).at(-1)!;
    expect(cardText(first)).toContain("Referat: 1:1 ledelsesopfølgning");
    // The closed form is read-only and says until when it can be reopened.
    const closedForm = await openForm(id);
    expect(findAction(closedForm, "form.save")).toBeUndefined();
    expect(cardText(closedForm)).toContain("Mødet blev afsluttet onsdag den 13. januar 2027 kl. 11.30, og referatet er sendt. Skal noget rettes, så genåbn mødet; det kan du indtil onsdag den 27. januar 2027 kl. 11.30.");

    // Megan's referat offers no reopening; Alex's (the chair's) does, confirmed.
    const megans = bot.h.connector.cards(bot.h.conversationId(users.megan)).at(-1)!;
    expect(shownBy(megans, "Genåbn mødet")).toBeUndefined();
    const confirm = shownBy(first, "Genåbn mødet")!;
    expect(cardText(confirm)).toContain("Referatet gælder, som det er, indtil du afslutter mødet igen");
    bot.h.clock.set("2027-01-14T09:00:00+01:00");
    const reopened = await bot.h.click(users.alex, "meeting.reopen", findAction(confirm, "meeting.reopen")!.data);
    expect(cardText(reopened.card)).toContain("Alex Wilber har genåbnet mødet torsdag den 14. januar 2027 kl. 09.00 for at rette referatet.");
    expect(cardText(reopened.posted[0])).toContain("Mødet er genåbnet. Ret i skemaet");
    expect(await db().meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "planned", referatVersion: 1 });
    // Nothing is sent for a reopening.
    expect(await bot.h.deliver()).toEqual({});

    // Correct the decision and close again.
    const form = reopened.posted[0]!;
    expect(cardText(form)).toContain("Mødet er genåbnet for rettelser torsdag den 14. januar 2027 kl. 09.00 af Alex Wilber.");
    const saved = await bot.h.click(users.alex, "form.save", submitted(form, "form.save", { decision_0: "Vikarplanen lægges før påske", followup_0: "Lave vikarplan", owner_0: "megan", due_0: "2027-03-01" }));
    expect(cardText(saved.card)).toContain("Gemt kl. 09.00: 1 rettet beslutning, 1 nyt opfølgningspunkt (version 2).");
    const closedAgain = await closeFrom(saved.card!);
    expect(cardText(closedAgain.card)).toContain("Mødet er afsluttet igen, og det rettede referat sendes til Megan Bowen og dig.");
    expect(await bot.h.deliver()).toEqual({ sent: 3 }); // the corrected referat to both, Megan's new follow-up
    expect(await bot.h.deliver()).toEqual({});
    for (const u of [users.alex, users.megan]) {
      const referater = bot.h.connector.cards(bot.h.conversationId(u)).filter((c) => cardText(c).includes("Rettet referat: 1:1 ledelsesopfølgning"));
      expect(referater).toHaveLength(1);
      expect(cardText(referater[0])).toContain("Rettet torsdag den 14. januar 2027 kl. 09.00 af Alex Wilber (udgave 2).");
      expect(cardText(referater[0])).toContain("Vikarplanen lægges før påske");
    }

    // The history: both referater, both form versions, and the audit log.
    expect(await db().referatVersion.findMany({ where: { meetingId: id }, orderBy: { version: "asc" }, select: { version: true, formRevision: true, closedById: true, reopenedById: true } })).toEqual([
      { version: 1, formRevision: 1, closedById: "alex", reopenedById: "alex" },
      { version: 2, formRevision: 2, closedById: "alex", reopenedById: null },
    ]);
    expect((await db().auditEntry.findMany({ where: { meetingId: id, subjectKind: "meeting" }, orderBy: { seq: "asc" } })).map((e) => e.action)).toEqual(["meeting.scheduled", "meeting.closed", "meeting.reopened", "meeting.closed"]);
    // Megan sees the earlier version beside her corrected referat, as it was sent.
    const corrected = bot.h.connector.cards(bot.h.conversationId(users.megan)).at(-1)!;
    const earlier = await bot.h.click(users.megan, "referat.open", findAction(corrected, "referat.open")!.data);
    expect(cardText(earlier.posted[0])).toContain("Tidligere udgave: udgave 1 af 2, sendt onsdag den 13. januar 2027 kl. 11.30.");
    expect(cardText(earlier.posted[0])).toContain("Vikarplanen lægges før vinterferien");
    expect(cardText(earlier.posted[0])).not.toContain("Vikarplanen lægges før påske");
    expect(cardText(earlier.card)).toContain("Rettet referat: 1:1 ledelsesopfølgning");
  });

  it("is refused in Danish after the window, and by anyone but the chair", async () => {
    const id = await meeting({ date: "2027-01-15", at: "after" });
    await closeFrom(await openForm(id));
    const data = { meetingId: id, referatVersion: 1, from: "referat" };
    const megan = await bot.h.click(users.megan, "meeting.reopen", data);
    expect(cardText(megan.card)).toContain("Kun Børn og Unge-chefen, der holder mødet, kan dette.");
    const lars = await bot.h.click(users.lars, "meeting.reopen", data);
    expect(cardText(lars.card)).toContain("Kun mødets deltagere kan se dette.");
    // Lars cannot read its referat either, not an earlier version.
    expect(cardText((await bot.h.click(users.lars, "referat.open", { meetingId: id, version: 1, from: "meetings" })).card)).toContain("Kun mødets deltagere");
    bot.h.clock.set("2027-01-29T11:31:00+01:00");
    const late = await bot.h.click(users.alex, "meeting.reopen", { ...data, from: "form" });
    expect(cardText(late.card)).toContain("Mødet blev afsluttet fredag den 15. januar 2027 kl. 11.30 og kan kun genåbnes i 14 dage efter.");
    expect(shownBy(late.card, "Genåbn mødet")).toBeUndefined();
    expect(cardText(late.card)).toContain("Det kan ikke længere genåbnes.");
    expect(await db().meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "closed", referatVersion: 1 });
    expect(await db().auditEntry.count({ where: { meetingId: id, action: "meeting.reopened" } })).toBe(0);
  });

  it("closes and reopens once, however often the button is pressed or the click delivered", async () => {
    const id = await meeting({ date: "2027-01-18", at: "after" });
    const form = await openForm(id);
    // The same click delivered twice, then a second click on the same card.
    const click = bot.h.activity("invoke-action", users.alex, { value: { action: { type: "Action.Execute", verb: "form.close", data: submitted(form, "form.close") }, trigger: "manual" } });
    const once = await bot.h.post(click);
    const twice = await bot.h.post(click);
    expect(twice.body).toEqual(once.body);
    const again = await closeFrom(form);
    expect(cardText(again.card)).toContain("Mødet var allerede afsluttet.");
    expect(await db().referatVersion.count({ where: { meetingId: id } })).toBe(1);
    expect(await db().notification.count({ where: { subjectId: id, kind: "referat" } })).toBe(2);

    const reopen = { meetingId: id, referatVersion: 1, from: "form" };
    const r1 = bot.h.activity("invoke-action", users.alex, { value: { action: { type: "Action.Execute", verb: "meeting.reopen", data: reopen }, trigger: "manual" } });
    await bot.h.post(r1);
    await bot.h.post(r1);
    const second = await bot.h.click(users.alex, "meeting.reopen", reopen);
    expect(cardText(second.card)).toContain("Mødet var allerede genåbnet.");
    expect(await db().auditEntry.count({ where: { meetingId: id, action: "meeting.reopened" } })).toBe(1);

    // Closed again, a reopen button from the first referat reopens nothing: that referat is no longer the one in force.
    await closeFrom(second.card!);
    const stale = await bot.h.click(users.alex, "meeting.reopen", { ...reopen, from: "referat" });
    expect(cardText(stale.card)).toContain("Referatet er rettet, siden kortet blev vist. Her er det nyeste.");
    expect(await db().meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "closed", referatVersion: 2 });
  });

  it("sends the corrected referat instead of one that had not gone yet", async () => {
    // Closed at 16.00, after working hours: Megan's referat waits for the morning.
    const id = await meeting({ date: "2027-01-19", at: "evening" });
    await closeFrom(await openForm(id), { decision_0: "Første udgave" });
    expect(await bot.h.deliver()).toMatchObject({ sent: 1 }); // Alex's, at once: he closed it
    const reopened = await bot.h.click(users.alex, "meeting.reopen", { meetingId: id, referatVersion: 1, from: "form" });
    await closeFrom(reopened.card!, { decision_0: "Anden udgave" });
    bot.h.clock.set("2027-01-20T08:00:00+01:00");
    await bot.h.deliver();
    const megans = bot.h.connector.cards(bot.h.conversationId(users.megan)).map(cardText);
    expect(megans.filter((t) => t.includes("Første udgave"))).toEqual([]);
    expect(megans.filter((t) => t.includes("Anden udgave"))).toEqual([expect.stringContaining("Rettet referat: 1:1 ledelsesopfølgning")]);
    expect(await db().notification.findMany({ where: { subjectId: id, kind: "referat", personId: "megan" }, select: { key: true, status: true }, orderBy: { key: "asc" } })).toEqual([
      { key: `referat:${id}:megan`, status: "cancelled" },
      { key: `referat:${id}:megan:v2`, status: "sent" },
    ]);
  });

  it("refuses to save into a closed meeting from an older copy, keeping what was typed", async () => {
    const id = await meeting({ date: "2027-01-20", at: "after" });
    const older = await openForm(id);
    await closeFrom(await openForm(id));
    const res = await bot.h.click(users.alex, "form.save", submitted(older, "form.save", { decision_0: "Skrevet i en ældre kopi" }));
    expect(cardText(res.card)).toContain("Mødet er afsluttet, så intet er gemt.");
    expect(JSON.stringify(res.card)).toContain("Skrevet i en ældre kopi");
    expect(await db().decision.count({ where: { meetingId: id } })).toBe(0);
    // Reopened from that card, what was typed comes along (not saved yet).
    const reopened = await bot.h.click(users.alex, "meeting.reopen", submitted(res.card, "meeting.reopen"));
    expect(cardText(reopened.card)).toContain("Mødet er genåbnet. Det, du skrev, står i skemaet, men er ikke gemt endnu");
    expect(JSON.stringify(reopened.card)).toContain("Skrevet i en ældre kopi");
    expect(await db().decision.count({ where: { meetingId: id } })).toBe(0);
  });
});

describe("what follows a meeting through a reopening", () => {
  // The 1:1 guide's questions made required, so the leader's reflection reminder is planned (and planned again).
  const bot = startBot(() => ({ TEMPLATES_DIR: templatesWithRequiredOneOnOne() }));
  const { db, meeting, openForm, closeFrom } = helpers(bot);

  beforeEach(() => bot.h.clock.set("2027-01-11T09:00:00+01:00"));

  it("after its start: the follow-ups it carried stay frozen; its own follow-ups and their reminders go on", async () => {
    // An earlier 1:1 leaves an open follow-up, carried into this one.
    const earlier = await meeting({ date: "2027-01-12", at: "after" });
    await closeFrom(await openForm(earlier), { decision_0: "Sprog", followup_0: "Sprogplan", owner_0: "megan", due_0: "2027-02-01" });
    const id = await meeting({ date: "2027-01-13", at: "after" });
    await closeFrom(await openForm(id), { decision_0: "Trivsel", followup_0: "Trivselsmåling", owner_0: "megan", due_0: "2027-03-01" });
    const carriedBefore = await db().agendaItem.findMany({ where: { meetingId: id, kind: "carried" }, select: { id: true, followUpId: true } });
    expect(carriedBefore.length).toBeGreaterThan(0);
    const own = await db().followUp.findFirstOrThrow({ where: { meetingId: id } });
    const reminders = await db().notification.count({ where: { subjectId: own.id, status: "pending" } });

    const reopened = await bot.h.click(users.alex, "meeting.reopen", { meetingId: id, referatVersion: 1, from: "form" });
    expect(await db().meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "planned", carriedFrozen: true });
    expect(await db().agendaItem.findMany({ where: { meetingId: id, kind: "carried" }, select: { id: true, followUpId: true } })).toEqual(carriedBefore);
    expect(await db().followUp.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ status: "open", ownerId: "megan" });
    expect(await db().notification.count({ where: { subjectId: own.id, status: "pending" } })).toBe(reminders);
    // No pack again: the meeting has been held.
    expect(await db().notification.count({ where: { subjectId: id, kind: { in: ["meeting_agenda", "meeting_reflection", "reflection_reminder"] }, status: "pending" } })).toBe(0);
    // Closed again: nothing carried twice.
    await closeFrom(reopened.card!);
    expect(await db().agendaItem.count({ where: { meetingId: id, kind: "carried" } })).toBe(carriedBefore.length);
  });

  it("before its start: planned again, the carried follow-ups let go and its reminders back", async () => {
    const earlier = await meeting({ date: "2027-01-15", at: "after" });
    await closeFrom(await openForm(earlier), { decision_0: "Sprog", followup_0: "Sprogplan 2", owner_0: "megan", due_0: "2027-02-01" });
    const id = await meeting({ date: "2027-01-22", at: "2027-01-18T09:00:00+01:00" });
    await closeFrom(await openForm(id));
    expect(await db().agendaItem.count({ where: { meetingId: id, kind: "carried" } })).toBeGreaterThan(0);
    expect(await db().notification.count({ where: { subjectId: id, kind: "reflection_reminder", status: "pending" } })).toBe(0);

    await bot.h.click(users.alex, "meeting.reopen", { meetingId: id, referatVersion: 1, from: "form" });
    expect(await db().meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "planned", carriedFrozen: false });
    expect(await db().agendaItem.count({ where: { meetingId: id, kind: "carried" } })).toBe(0);
    // The dagsorden carries what is open now, and Megan is reminded of her reflection the day before.
    const agenda = await bot.h.click(users.megan, "agenda.open", { meetingId: id, from: "meetings" });
    expect(cardText(agenda.posted[0])).toContain("Sprogplan 2 (Megan Bowen, frist 01.02.2027)");
    expect(cardText(agenda.posted[0])).toContain("Tilføj et punkt til dagsordenen");
    expect(await db().notification.count({ where: { subjectId: id, kind: "reflection_reminder", status: "pending" } })).toBe(1);
  });
});

describe("saving says what it saved, and the form keeps one empty row", () => {
  const bot = startBot();
  const { db, meeting, openForm } = helpers(bot);

  it("an empty save says so, and three saves leave one empty row", async () => {
    const id = await meeting();
    let card = await openForm(id);
    expect(rowsOf(card)).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      const res = await bot.h.click(users.alex, "form.save", submitted(card, "form.save"));
      card = res.card!;
      expect(cardText(card)).toContain("Intet at gemme – skemaet er tomt.");
      expect(rowsOf(card)).toHaveLength(1);
      expect(cardText(card).match(/Beslutning \d/g)).toEqual(["Beslutning 1"]);
    }
    expect(await db().formRevision.count({ where: { meetingId: id } })).toBe(0);
  });

  it("after a decision, one empty row for the next; a refused save adds none", async () => {
    const id = await meeting();
    const first = await bot.h.click(users.alex, "form.save", submitted(await openForm(id), "form.save", { decision_0: "Sprogindsatsen fortsætter", followup_0: "Sprogplan", owner_0: "megan", due_0: "2027-02-01" }));
    expect(cardText(first.card)).toContain("Gemt kl. 09.00: 1 ny beslutning, 1 nyt opfølgningspunkt (version 1).");
    expect(rowsOf(first.card)).toHaveLength(2);
    // A frist in the past, three times: refused, what was typed kept, still one empty row.
    let card = first.card!;
    for (let i = 0; i < 3; i++) {
      const refused = await bot.h.click(users.alex, "form.save", submitted(card, "form.save", { decision_1: "Trivsel", followup_1: "Trivselsmåling", owner_1: "megan", due_1: "2027-01-01" }));
      expect(cardText(refused.card)).toContain("Datoen er overstået");
      card = refused.card!;
      expect(rowsOf(card)).toHaveLength(3);
    }
    const unchanged = await bot.h.click(users.alex, "form.save", submitted(first.card, "form.save"));
    expect(cardText(unchanged.card)).toContain("Intet nyt at gemme – skemaet er, som det blev gemt (version 1).");
    const removed = await bot.h.click(users.alex, "form.save", submitted(first.card, "form.save", { decision_0: "", followup_0: "" }));
    expect(cardText(removed.card)).toContain("Gemt kl. 09.00: 1 fjernet beslutning, 1 annulleret opfølgningspunkt (version 2).");
  });
});
