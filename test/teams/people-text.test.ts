import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";
import { renderCard } from "../helpers/render-card.js";

/**
 * Issue «Nothing spoofed», through the bot: what a leader types reaches the chief's cards as text
 * (point 3); blank-looking text is no answer and NUL characters are never stored, on SQLite and
 * PostgreSQL alike (point 4); a text over its limit is refused with its length and the limit,
 * and stays in the card (the silent cut).
 */
const PHISHING = "[Opdatér dit kodeord](https://evil.example/login)";

/** Every input a card posted or returned holds, by id (what the person sees in the fields). */
function inputValues(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (typeof o.type === "string" && o.type.startsWith("Input.") && typeof o.id === "string" && typeof o.value === "string") out[o.id] = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe("people's text through the bot", () => {
  let h: BotHarness;
  let meetingId = "";
  let followUpId = "";
  const db = () => h.bot.store.db;
  const version = async () => (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;

  beforeAll(async () => {
    // The administration has made the 1:1 guide's questions required (the default asks nothing: test/teams/guides.test.ts).
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.install(users.megan);
    ({ meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-20", due: "2027-02-01", text: "Plan for overgange" }));
  });
  afterAll(() => h.stop());

  it("shows a leader's Markdown topic in the chief's dagsorden as text, not as a link", async () => {
    await h.click(users.megan, "agenda.addTopic", { meetingId, topic: `${PHISHING} **nu**` });
    const opened = await h.click(users.alex, "agenda.open", { meetingId, from: "meetings" });
    const agenda = opened.posted[0]!;
    for (const flavour of ["teams", "full"] as const) {
      const shown = renderCard(agenda, flavour);
      expect(shown.links).toEqual([]);
      expect(shown.text).toContain(`${PHISHING} **nu**`);
    }
  });

  it("shows a comment with Markdown and HTML on the chief's copy of the follow-up as typed", async () => {
    await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: `<b>Se her</b> ${PHISHING}` });
    const card = (await h.click(users.alex, "followup.reopen", { followUpId, version: await version() })).card;
    const shown = renderCard(card as object, "teams");
    expect(shown.links).toEqual([]);
    expect(shown.tags.b).toBe(0);
    expect(shown.text).toContain(`<b>Se her</b> ${PHISHING}`);
  });

  it("takes no zero-width space for a required reflection answer, and stores nothing", async () => {
    const res = await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: "\u200B", q_sparring: "\u200B\u200D\u2060 \u202E" });
    expect(cardText(res.card)).toContain("Besvar spørgsmålet, før du sender.");
    expect(await db().reflection.count({ where: { meetingId } })).toBe(0);
  });

  it("refuses a comment of NUL characters and stores a comment without the ones in it", async () => {
    const nul = await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: "\u0000\u0000\u0000" });
    expect(cardText(nul.card)).toContain("Skriv en kommentar.");
    await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: "Aftalt\u0000 med \u202Eteamet\u202C \u200B" });
    const stored = await db().followUpEvent.findMany({ where: { followUpId, kind: "commented" } });
    const texts = stored.map((e) => JSON.stringify(e));
    expect(texts.join()).not.toMatch(/\\u0000|\u202E|\u200B/);
    expect(texts.join()).toContain("Aftalt med teamet");
  });

  it("matches a command behind invisible characters", async () => {
    const res = await h.say(users.megan, "\u200Bhjælp\u0000");
    expect(cardText(res.cards[0])).toContain("Det kan Læringsloop");
  });

  it("refuses a comment over the limit with its length and the limit, and keeps it in the card", async () => {
    const long = "Lang kommentar".padEnd(3200, ".");
    const res = await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: long });
    expect(cardText(res.card)).toContain("Teksten er 3.200 tegn, men der er plads til højst 2.000.");
    expect(inputValues(res.card).comment).toBe(long);
    const list = await h.say(users.megan, "mine opgaver");
    const button = findAction(list.cards[0], "followup.comment")!;
    const fromList = await h.click(users.megan, "followup.comment", { ...button.data, [String(button.data.commentInput)]: long });
    expect(cardText(fromList.card)).toContain("Teksten er 3.200 tegn");
    expect(inputValues(fromList.card)[String(button.data.commentInput)]).toBe(long);
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "commented", data: { contains: "Lang kommentar" } } })).toBe(0);
  });

  it("refuses a reflection answer over the limit with its length, keeps every answer, and says the limit up front", async () => {
    const open = await h.click(users.megan, "reflection.open", { meetingId, from: "meetings" });
    const form = open.posted[0] ?? open.card;
    expect(cardText(form)).toContain("Højst 2.000 tegn.");
    const long = "x".repeat(3200);
    const res = await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: long, q_sparring: "Vikardækning" });
    expect(cardText(res.card)).toContain("Teksten er 3.200 tegn, men der er plads til højst 2.000.");
    expect(inputValues(res.card)).toMatchObject({ q_data_drift: long, q_sparring: "Vikardækning" });
    expect(await db().reflection.count({ where: { meetingId } })).toBe(0);
  });

  it("says so after saving a text exactly at the limit (a client may have cut it without a word)", async () => {
    const full = "y".repeat(2000);
    const res = await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: full, q_sparring: "Vikardækning" });
    expect(cardText(res.card)).toContain("Din refleksion er sendt. Teksten fylder de 2.000 tegn, der højst er plads til. Skrev du mere, er resten ikke kommet med");
    const comment = await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: full });
    expect(cardText(comment.card)).toContain("Teksten fylder de 2.000 tegn, der højst er plads til.");
  });

  it("refuses a topic over its limit and keeps it in the field", async () => {
    const long = "Punkt ".repeat(50).trim();
    const res = await h.click(users.megan, "agenda.addTopic", { meetingId, topic: long });
    expect(cardText(res.card)).toContain(`Teksten er ${long.length} tegn, men der er plads til højst 200.`);
    expect(inputValues(res.card).topic).toBe(long);
  });
});
