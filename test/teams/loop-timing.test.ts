import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * The loop follows the political discussion, and input A links to the data (decision 0021, seed
 * 002), through the real bot on the example organisation: its 0–6 loop is derived for 2027 (an odd
 * year), its 6–18 loop for 2028 (an even one), both from 1 March; Solsikken's datapakke is in the
 * file, Åskolen's is not. Monday 23 November 2026, 09:00 in Copenhagen.
 */
const sofie: User = { aadObjectId: "00000000-0000-0000-0000-0000000000023", name: "Sofie Ærø Østergaard", mri: "29:sofie" } as unknown as User;
const SOLSIKKEN_DATAPAKKE = "https://lis.eksempelkommune.dk/datapakker/solsikken/2027";

/** Every Action.OpenUrl in a card. */
function openUrls(node: unknown): { title: string; url: string }[] {
  if (Array.isArray(node)) return node.flatMap(openUrls);
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  return [...(o.type === "Action.OpenUrl" ? [{ title: String(o.title), url: String(o.url) }] : []), ...Object.values(o).flatMap(openUrls)];
}
const datapakkeLinks = (card: unknown) => openUrls(card).filter((l) => l.title === "Åbn datapakken");

describe("the loop's start from the age group, and «Åbn datapakken», through the bot", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  const entriesOf = async (unitId: string, kind = "laeringssamtale") =>
    (await db().yearWheelEntry.findMany({ where: { kind, wheel: { unitId } }, orderBy: { date: "asc" } })).map((e) => ({ date: e.date, first: e.firstOfLoop }));

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.bo, sofie]) await h.install(u);
  });
  afterAll(() => h.stop());

  it("proposes the dagtilbud's årshjul in the odd year: the first læringssamtale in the spring of 2027, right after the political discussion", async () => {
    const res = await h.say(users.alex, "årshjul");
    const text = cardText(res.cards[0]);
    expect(text).toContain("Årshjul: Dagtilbud Solsikken");
    expect(text).toContain("4 læringssamtaler · 12 ledelsesopfølgninger (1:1)");
    const samtaler = await entriesOf("solsikken");
    expect(samtaler.map((s) => s.date.slice(0, 4))).toEqual(["2027", "2027", "2028", "2028"]);
    expect(samtaler[0]).toMatchObject({ first: true });
    expect(samtaler[0]!.date >= "2027-03-01" && samtaler[0]!.date < "2027-06-01").toBe(true);
    // Nothing of the loop before it starts: the first 1:1 is on or after 1 March 2027.
    expect((await entriesOf("solsikken", "one_on_one"))[0]!.date >= "2027-03-01").toBe(true);
    await h.click(users.alex, "yearwheel.confirm", findAction(res.cards[0], "yearwheel.confirm")!.data);
  });

  it("proposes the school's årshjul in the even year: its loop starts 1 March 2028, its first læringssamtale that spring", async () => {
    const res = await h.click(users.alex, "yearwheel.open", { pick: true, showUnitId: "aaskolen", showPersonId: "" });
    const text = cardText(res.card);
    expect(text).toContain("Årshjul: Åskolen");
    expect(text).toContain("2028–2029, 6–18-årsområdet");
    expect(text).toContain("4 læringssamtaler · 12 ledelsesopfølgninger (1:1)");
    const samtaler = await entriesOf("aaskolen");
    expect(samtaler.map((s) => s.date.slice(0, 4))).toEqual(["2028", "2028", "2029", "2029"]);
    expect(samtaler[0]!.date >= "2028-03-01" && samtaler[0]!.date < "2028-06-01").toBe(true);
    expect((await entriesOf("aaskolen", "one_on_one"))[0]!.date >= "2028-03-01").toBe(true);
    await h.click(users.alex, "yearwheel.confirm", findAction(res.card, "yearwheel.confirm")!.data);
  });

  it("gives «Åbn datapakken» on Solsikken's dagsorden and beside input A in the leader's guide, not in the board's", async () => {
    const laering = (await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: true } })).id;
    const agenda = await h.click(users.alex, "agenda.open", { meetingId: laering, from: "meetings" });
    expect(datapakkeLinks(agenda.posted[0])).toEqual([{ title: "Åbn datapakken", url: SOLSIKKEN_DATAPAKKE }]);
    const megan = await h.click(users.megan, "reflection.open", { meetingId: laering, from: "meetings" });
    expect(cardText(megan.posted[0])).toContain("A. ");
    expect(datapakkeLinks(megan.posted[0])).toEqual([{ title: "Åbn datapakken", url: SOLSIKKEN_DATAPAKKE }]);
    // The board's set does not ask about the datapakke (decision 0019): no button.
    const bo = await h.click(users.bo, "reflection.open", { meetingId: laering, from: "meetings" });
    expect(cardText(bo.posted[0])).toContain("Du behøver ikke datapakken");
    expect(datapakkeLinks(bo.posted[0])).toEqual([]);
  });

  it("shows no button where the organisation file gives no datapakke (Åskolen), nor on a 1:1", async () => {
    const laering = (await db().meeting.findFirstOrThrow({ where: { unitId: "aaskolen", kind: "laeringssamtale", firstOfLoop: true } })).id;
    const agenda = await h.click(users.alex, "agenda.open", { meetingId: laering, from: "meetings" });
    expect(cardText(agenda.posted[0])).toContain("A. Kvantitativ datapakke");
    expect(datapakkeLinks(agenda.posted[0])).toEqual([]);
    const guide = await h.click(sofie, "reflection.open", { meetingId: laering, from: "meetings" });
    expect(cardText(guide.posted[0])).toContain("A. ");
    expect(datapakkeLinks(guide.posted[0])).toEqual([]);
    const oneOnOne = (await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "one_on_one" }, orderBy: { startsAt: "asc" } })).id;
    expect(datapakkeLinks((await h.click(users.alex, "agenda.open", { meetingId: oneOnOne, from: "meetings" })).posted[0])).toEqual([]);
  });
});

describe("an upgrade whose organisation file renamed a loop (6-18-2027 → 6-18-2028), through the bot", () => {
  let h: BotHarness;
  afterAll(() => h.stop());

  it("keeps the old loop Åskolen's årshjul points to, and proposes the new årshjul in the file's loop", async () => {
    // The database was loaded from the old example: 6-18-2027 from 1 January 2027.
    const before = readFileSync(EXAMPLE_ORG_FILE, "utf8").replace("  - id: 6-18-2028\n    name: 2028–2029, 6–18-årsområdet\n    year: 2028\n", "  - id: 6-18-2027\n    name: 2027–2028, 6–18-årsområdet\n    start: 2027-01-01\n");
    expect(before).toContain("id: 6-18-2027");
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    const oldFile = join(h.dir, "gammel-organisation.yaml");
    writeFileSync(oldFile, before);
    await h.restart({ ORG_FILE: oldFile });
    await h.install(users.alex);
    const old = await h.click(users.alex, "yearwheel.open", { pick: true, showUnitId: "aaskolen", showPersonId: "" });
    expect(cardText(old.card)).toContain("2027–2028, 6–18-årsområdet");

    // The upgrade: the new file. The old loop stays (the årshjul points to it), the file's is used.
    await h.restart({ ORG_FILE: EXAMPLE_ORG_FILE });
    const db = h.bot.store.db;
    expect((await db.loop.findMany({ orderBy: { id: "asc" } })).map((l) => `${l.id}:${l.inFile}`)).toEqual(["0-6-2027:true", "6-18-2027:false", "6-18-2028:true"]);
    const res = await h.click(users.alex, "yearwheel.open", { pick: true, showUnitId: "aaskolen", showPersonId: "" });
    expect(cardText(res.card)).toContain("2028–2029, 6–18-årsområdet");
    expect(cardText(res.card)).not.toContain("2027–2028, 6–18-årsområdet");
  });
});
