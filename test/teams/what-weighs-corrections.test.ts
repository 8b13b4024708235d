import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction, submitted } from "../helpers/fake-connector.js";
import { botWithSolsikkenConfirmed } from "../helpers/confirmed-loop.js";

/**
 * What weighs on a unit and what the loop learned (decision 0020), the details, through the real
 * bot: Alex (Børn og Unge-chef for Område Midt) and Megan (leader of Solsikken), whose årshjul is
 * confirmed. Monday 23 November 2026, 09:00 in Copenhagen; the loop runs 2027–2028.
 */
describe("what weighs on a unit: the details, through the bot", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  /** The input with this id in a card (its value and, for a choice set, its choices). */
  const input = (card: unknown, id: string): { value?: string; choices?: { title: string; value: string }[] } | undefined => {
    let found: Record<string, unknown> | undefined;
    const walk = (n: unknown) => {
      if (found || !n || typeof n !== "object") return;
      if (Array.isArray(n)) return n.forEach(walk);
      const o = n as Record<string, unknown>;
      if (o.id === id && typeof o.type === "string" && o.type.startsWith("Input.")) found = o;
      else Object.values(o).forEach(walk);
    };
    walk(card);
    return found as { value?: string; choices?: { title: string; value: string }[] } | undefined;
  };
  const samtaler = () => db().meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } });

  beforeEach(async () => {
    h = await botWithSolsikkenConfirmed();
  });
  afterEach(() => h.stop());

  it("the opfølgningsskema shows a decision's focus area, ended since, still selected, and saving it again keeps it", async () => {
    const [first] = await samtaler();
    const focus = (await h.click(users.alex, "focus.open", { meetingId: first!.id })).posted[0]!;
    await h.click(users.alex, "focus.save", submitted(focus, "focus.save", { theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet", theme_1: "0-6-2027/trivsel", title_1: "Legepladsen" }));
    const legepladsen = await db().focusArea.findFirstOrThrow({ where: { title: "Legepladsen" } });
    h.clock.set(new Date(first!.startsAt.getTime() + 3 * 3_600_000).toISOString());
    const form = (await h.click(users.alex, "form.open", { meetingId: first!.id })).posted[0]!;
    const saved = await h.click(users.alex, "form.save", submitted(form, "form.save", { decision_0: "Nye legezoner", focus_0: legepladsen.id }));
    expect(cardText(saved.card)).not.toContain("Ret det markerede");
    const v = (await db().focusArea.findUniqueOrThrow({ where: { id: legepladsen.id } })).version;
    expect(cardText((await h.click(users.alex, "evaluation.end", { subject: "focus", id: legepladsen.id, version: v })).card)).toContain("Afsluttet.");

    const again = (await h.click(users.alex, "form.open", { meetingId: first!.id })).posted[0]!;
    const picker = input(again, "focus_0")!;
    expect(picker.value).toBe(legepladsen.id);
    expect(picker.choices).toContainEqual({ title: "Legepladsen (afsluttet)", value: legepladsen.id });
    // One list of choices for every row (the card's): a new decision choosing it is refused (test/domain).
    expect(input(again, "focus_1")!.choices).toContainEqual({ title: "Legepladsen (afsluttet)", value: legepladsen.id });
    const res = await h.click(users.alex, "form.save", submitted(again, "form.save", { decision_0: "Nye legezoner ude og inde" }));
    expect(cardText(res.card)).not.toContain("Ret det markerede");
    expect(await db().decision.findFirstOrThrow({ where: { text: "Nye legezoner ude og inde" } })).toMatchObject({ focusAreaId: legepladsen.id });
  });

  it("sends the chief what the loop learned on the loop's last day when fewer than four læringssamtaler were closed; once, also across a restart", async () => {
    const [first] = await samtaler();
    h.clock.set(new Date(first!.startsAt.getTime() + 3 * 3_600_000).toISOString());
    const form = (await h.click(users.alex, "form.open", { meetingId: first!.id })).posted[0]!;
    await h.click(users.alex, "form.close", submitted(form, "form.close", { decision_0: "Dialogisk læsning i alle grupper" }));
    // The year wheel's first 1:1, with its own decision and agreement: it stays out of the summary.
    const oneOnOne = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "one_on_one" }, orderBy: { startsAt: "asc" } });
    const chair = oneOnOne.chairId === "alex" ? users.alex : users.megan;
    const privateForm = (await h.click(chair, "form.open", { meetingId: oneOnOne.id })).posted[0]!;
    const due = new Date(h.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    await h.click(chair, "form.save", submitted(privateForm, "form.save", { decision_0: "Fortrolig beslutning", followup_0: "Privat aftale om sygefravær", owner_0: "megan", due_0: due }));
    expect(await db().followUp.count({ where: { text: "Privat aftale om sygefravær" } })).toBe(1);
    await h.deliver();
    const summaries = (u: User = users.alex) => h.connector.posted.filter((p) => p.conversationId === h.conversationId(u)).map((p) => cardText(p.activity)).filter((t) => t.includes("Opsamling på læringsloopet"));
    expect(summaries()).toEqual([]);
    h.clock.set("2029-02-27T06:00:00+01:00");
    expect(await h.runJob("plan-loop-summaries")).toEqual({ planned: 0 });
    h.clock.set("2029-02-28T06:00:00+01:00");
    expect(await h.runJob("plan-loop-summaries")).toEqual({ planned: 1 });
    h.clock.set("2029-02-28T09:00:00+01:00"); // the working window that day
    await h.deliver();
    expect(summaries()).toHaveLength(1);
    expect(summaries()[0]).toContain("Opsamling på læringsloopet: Dagtilbud Solsikken");
    expect(summaries()[0]).toContain("Dialogisk læsning i alle grupper");
    expect(summaries()[0]).not.toMatch(/Privat aftale om sygefravær|Fortrolig beslutning/);
    expect(summaries(users.megan)).toEqual([]);
    await h.restart();
    expect(await h.runJob("plan-loop-summaries")).toEqual({ planned: 0 });
    await h.deliver();
    expect(summaries()).toHaveLength(1);
  });

  it("the card about a unit carrying much shows the load to a chief of the unit and to no one else, whoever it was planned for", async () => {
    await db().unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 0 } });
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    await h.click(users.alex, "initiative.save", submitted(card, "initiative.save", { title: "Overgange til skole", scope: "solsikken" }));
    // A row for Megan (the leader), as if planned for her: she is not shown the load.
    const now = h.clock.now();
    await db().notification.create({ data: { key: "unit_congested:solsikken:megan:test", kind: "unit_congested", personId: "megan", subjectId: "solsikken", dueAt: now } });
    await h.deliver();
    const posted = (u: User) => h.connector.posted.filter((p) => p.conversationId === h.conversationId(u)).map((p) => cardText(p.activity));
    expect(posted(users.alex).filter((t) => t.includes("Enheden har nu 1 igangværende indsats —"))).toHaveLength(1);
    expect(posted(users.megan).filter((t) => t.includes("igangværende indsats"))).toEqual([]);
  });

  it("two chiefs' initiative cards with the same one-time id register two initiatives; the same card twice, one", async () => {
    await db().area.update({ where: { id: "midt" }, data: { roles: { create: [{ personId: "lars", role: "chef" }] } } });
    await h.install(users.lars);
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    const requestId = findAction(card, "initiative.save")!.data.requestId;
    const mine = await h.click(users.alex, "initiative.save", submitted(card, "initiative.save", { title: "Ny model for sprogvurderinger", scope: "solsikken" }));
    expect(cardText(mine.card)).toContain("Indsatsen «Ny model for sprogvurderinger» er registreret.");
    // Lars's card happens to carry the same id (or is made to): his is his own.
    const theirs = await h.click(users.lars, "initiative.save", { ...submitted(card, "initiative.save", { title: "Overgange til skole", scope: "kastanjen" }), requestId });
    expect(cardText(theirs.card)).toContain("Indsatsen «Overgange til skole» er registreret.");
    const again = await h.click(users.lars, "initiative.save", { ...submitted(card, "initiative.save", { title: "Overgange til skole", scope: "kastanjen" }), requestId });
    expect(cardText(again.card)).toContain("var allerede registreret");
    expect((await db().initiative.findMany({ orderBy: { title: "asc" } })).map((i) => i.title)).toEqual(["Ny model for sprogvurderinger", "Overgange til skole"]);
  });

  it("extends an initiative's evaluation beyond two years, up to the three years it could be registered with", async () => {
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    await h.click(users.alex, "initiative.save", submitted(card, "initiative.save", { title: "Ny model for sprogvurderinger", scope: "solsikken" }));
    const initiative = await db().initiative.findFirstOrThrow();
    const tooFar = await h.click(users.alex, "evaluation.extend", { subject: "initiative", id: initiative.id, version: initiative.version, newEvaluateOn: "2029-11-23" });
    expect(cardText(tooFar.card)).toContain("Evalueringsdatoen ligger for langt ude (højst tre år frem).");
    const res = await h.click(users.alex, "evaluation.extend", { subject: "initiative", id: initiative.id, version: initiative.version, newEvaluateOn: "2029-06-01" });
    expect(cardText(res.card)).not.toContain("for langt ude");
    expect((await db().initiative.findUniqueOrThrow({ where: { id: initiative.id } })).evaluateOn).toBe("2029-06-01");
  });

  it("the «indsatser» card offers a chief their own area, whole or per unit, and nothing forvaltning-wide (no such role is configured)", async () => {
    const card = (await h.say(users.alex, "indsatser")).cards[0];
    const scope = input(card, "scope")!;
    expect(scope.choices!.map((c) => c.value).sort()).toEqual(["aaskolen", "area:midt", "kastanjen", "klubben", "solsikken"]);
    expect(cardText(card)).toContain("Dagtilbud Solsikken: 0 igangværende indsatser (loft 8)");
    const other = await h.click(users.alex, "initiative.save", submitted(card, "initiative.save", { title: "Hele forvaltningen", scope: "area:nord" }));
    expect(cardText(other.card)).toContain("Vælg blandt enhederne i dine egne områder.");
    expect(await db().initiative.count()).toBe(0);
  });
});

