import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardsOf, cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";
import { createDomainServices } from "../../src/domain/services.js";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import ExcelJS from "exceljs";

const CHANNEL = "19:midt-ledelse@thread.tacv2";
const OTHER = "19:midt-kvalitet@thread.tacv2";
const SECRET = "Hemmelig refleksion om personalesagen";
const db = (h: BotHarness) => h.bot.store.db;
const texts = (h: BotHarness, channel = CHANNEL) => h.channelPosts(channel).flatMap((p) => cardsOf(p.activity)).map(cardText);
const mention = (text: string) => `<at>Læringsloop</at> ${text}`;

/**
 * An agreement of Solsikken's first læringssamtale (the year wheel confirmed once): what a channel
 * shows and counts. A 1:1's (meetingWithFollowUp) stays with its two people, not even counted.
 */
async function sharedFollowUp(h: BotHarness, opts: { due: string; text?: string }): Promise<{ followUpId: string }> {
  const d = createDomainServices(h.bot.store, h.clock, domainSettings(loadConfig({})));
  const alex = (await h.bot.store.people.byId("alex"))!;
  const wheel = (await d.yearWheels.view(alex, "solsikken")).wheel;
  if (wheel.status !== "confirmed") await d.yearWheels.confirm(alex, "solsikken", wheel.version);
  const first = (await db(h).meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
  const m = (await h.bot.store.meetings.get(first))!;
  await d.forms.save(alex, first, m.version, [{ decision: "Beslutning", followUpText: opts.text ?? "Opfølgning", ownerId: "megan", dueDate: opts.due }], false);
  return { followUpId: (await db(h).followUp.findFirstOrThrow({ where: { meetingId: first } })).id };
}

/** Alex links the channel to Område Midt; returns the posted status card's activity id. */
async function linked(h: BotHarness, channel = CHANNEL): Promise<string> {
  const res = await h.click(users.alex, "channel.link", { areaId: "midt" }, { channel });
  expect(cardText(res.card)).toContain("Kanalen følger nu Område Midt (0-6 år).");
  const status = h.channelPosts(channel).filter((p) => cardText(cardsOf(p.activity)[0]).startsWith("Status: Område Midt"));
  expect(status).toHaveLength(1);
  expect(status[0]!.conversationId).toBe(channel); // top level, not in the thread of the click
  return status[0]!.activityId;
}

describe("the chief's overview in a Teams channel", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("a chief links the channel from a card; others are refused; linking twice posts nothing new", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    expect((await h.installInTeam(users.alex, CHANNEL)).status).toBe(200);
    const invite = texts(h);
    expect(invite).toHaveLength(1);
    expect(invite[0]).toContain("Følg et område i denne kanal");
    expect(invite[0]).toContain("Område Midt (0-6 år)");

    await h.say(users.megan, mention("følg område"), { channel: CHANNEL });
    expect(texts(h).at(-1)).toContain("Du er ikke Børn og Unge-chef for noget område");
    const refused = await h.click(users.megan, "channel.link", { areaId: "midt" }, { channel: CHANNEL });
    expect(cardText(refused.card)).toContain("Kun Børn og Unge-chefen for området kan lade en kanal følge det.");
    const empty = await h.click(users.alex, "channel.link", { areaId: "" }, { channel: CHANNEL });
    expect(cardText(empty.card)).toContain("Vælg et område.");
    expect(await db(h).channelLink.count()).toBe(0);

    const personal = await h.say(users.alex, "følg område");
    expect(personal.cards.map(cardText).join("\n")).toContain("Skriv det i den kanal, der skal følge området");

    const statusId = await linked(h);
    const again = await h.click(users.alex, "channel.link", { areaId: "midt" }, { channel: CHANNEL });
    expect(cardText(again.card)).toContain("Kanalen følger allerede Område Midt (0-6 år).");
    expect(h.channelPosts(CHANNEL).filter((p) => p.activityId === statusId)).toHaveLength(1);
    expect(texts(h).filter((t) => t.startsWith("Status:"))).toHaveLength(1);

    // The same area from a second channel; and a second area (Alex is chief of it too) in the first.
    await linked(h, OTHER);
    await db(h).area.create({ data: { id: "nord", name: "Område Nord", units: { create: [{ id: "mejsen", name: "Dagtilbud Mejsen", type: "dagtilbud" }] }, roles: { create: [{ personId: "alex", role: "chef" }] } } });
    const nord = await h.click(users.alex, "channel.link", { areaId: "nord" }, { channel: CHANNEL });
    expect(cardText(nord.card)).toContain("Kanalen følger: Område Midt (0-6 år), Område Nord.");
    expect(await db(h).channelLink.count()).toBe(3);
    const unlink = await h.click(users.alex, "channel.unlink", { areaId: "nord" }, { channel: CHANNEL });
    expect(cardText(unlink.card)).toContain("Kanalen følger ikke længere Område Nord.");
    expect(await db(h).channelLink.count()).toBe(2);
  });

  it("one status card per area, updated in place when a follow-up changes, attention first", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    const { followUpId } = await sharedFollowUp(h, { due: "2027-01-15", text: "Plan for overgangssamtaler" });
    // A 1:1's agreement with a frist this week: neither shown nor counted in the channel.
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-13", text: "Budgetopfølgning med økonomi" });
    const statusId = await linked(h);
    const status = texts(h).find((t) => t.startsWith("Status:"))!;
    const lines = status.split("\n");
    // Solsikken has an open follow-up due this week: it comes before the units with nothing.
    expect(lines.findIndex((l) => l.includes("Dagtilbud Solsikken"))).toBeLessThan(lines.findIndex((l) => l.includes("Kastanjen")));
    expect(status).toContain("1 åbent · 1 frist denne uge · 0 overskredne · 0 udført (30 dage) · 0 fokusområder");

    // Nothing changed: the tick sends nothing.
    expect(await h.runJob("channel-status")).toEqual({ unchanged: 1 });
    expect(h.connector.updated).toHaveLength(0);

    const v = (await db(h).followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
    await h.click(users.megan, "followup.done", { followUpId, version: v });
    const posts = h.connector.posted.length;
    expect(await h.runJob("channel-status")).toEqual({ updated: 1 });
    expect(h.connector.posted.length).toBe(posts); // not a new post
    const updates = h.connector.updated.filter((u) => u.activityId === statusId);
    expect(updates).toHaveLength(1);
    expect(cardText(cardsOf(updates[0]!.activity)[0])).toContain("0 åbne · 0 frister denne uge · 0 overskredne · 1 udført (30 dage)");
    expect(await h.runJob("channel-status")).toEqual({ unchanged: 1 });

    // A day later the same follow-up, had it stayed open, would count as overdue: the card follows the calendar.
    h.clock.set("2027-01-18T09:00:00+01:00");
    expect(await h.runJob("channel-status")).toEqual({ updated: 1 }); // the week moved on: «denne uge» is another week
    expect(h.connector.updated.filter((u) => u.activityId === statusId)).toHaveLength(2);
  });

  it("draws the area's completion and overdue per unit as charts, with a fallback clients without charts render", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await sharedFollowUp(h, { due: "2027-01-12" });
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-12" }); // a 1:1's: not in the charts
    h.clock.set("2027-01-14T09:00:00+01:00"); // now overdue
    await linked(h);
    const card = cardsOf(h.channelPosts(CHANNEL).at(-1)!.activity)[0]!;
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Chart.VerticalBar"');
    expect(json).toContain('"type":"Chart.HorizontalBar"');
    expect(json).toContain('{"x":"jan. 27","y":0}'); // January 2027: 0 % done so far
    expect(json).toContain('{"x":"Dagtilbud Solsikken","y":1}');
    // The fallback: a row per bar, the bar drawn with block characters (the largest fills it).
    expect(cardText(card)).toContain("████████████████████");
    expect(cardText(card)).toContain("░░░░░░░░░░░░░░░░░░░░"); // January: 0 %
  });

  it("drill-down posts the unit's card in the thread: follow-ups with owners and frister, decisions, meetings — never a reflection", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    // A 1:1 with a follow-up and Megan's reflection; a læringssamtale with a decision and a follow-up.
    const { meetingId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20", text: "Budgetopfølgning med økonomi" });
    await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: SECRET, q_sparring: SECRET });
    expect(await db(h).reflection.count()).toBe(1);
    const d = createDomainServices(h.bot.store, h.clock, domainSettings(loadConfig({})));
    const alex = (await h.bot.store.people.byId("alex"))!;
    await d.yearWheels.confirm(alex, "solsikken", (await d.yearWheels.view(alex, "solsikken")).wheel.version);
    const first = (await db(h).meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
    const m = (await h.bot.store.meetings.get(first))!;
    await d.forms.save(alex, first, m.version, [{ decision: "Sprogindsatsen prioriteres", followUpText: "Sprogvurderinger i vuggestuen", ownerId: "megan", dueDate: "2027-06-01" }], true);

    const statusId = await linked(h);
    const res = await h.click(users.jonas, "channel.unit", { areaId: "midt", unitId: "solsikken" }, { channel: CHANNEL, replyToId: statusId });
    expect(cardText(res.card)).toContain("Status: Område Midt"); // the status card stays
    const unit = texts(h).find((t) => t.startsWith("Enhed: Dagtilbud Solsikken"))!;
    expect(unit).toContain("Sprogvurderinger i vuggestuen — Megan Bowen, frist 01.06.2027");
    expect(unit).toContain("Sprogindsatsen prioriteres (Læringssamtale (første i læringsloopet)");
    // The 1:1's agreement is neither shown nor counted (decision 0020).
    expect(unit).toContain("1 åbent ·");
    expect(unit).not.toContain("1:1 ledelsesopfølgning;");
    expect(unit).not.toContain("Budgetopfølgning med økonomi");
    expect(unit).toMatch(/Kommende møder i årshjulet\n- 1:1 ledelsesopfølgning/);
    const none = await h.click(users.jonas, "channel.unit", { areaId: "midt", unitId: "" }, { channel: CHANNEL });
    expect(cardText(none.card)).toContain("Vælg en enhed fra listen.");
    const stranger = await h.click(users.stranger, "channel.unit", { areaId: "midt", unitId: "solsikken" }, { channel: CHANNEL });
    expect(cardText(stranger.card)).toContain("organisationsoversigt");

    // Privacy: no reflection text in anything the channel ever got.
    h.clock.set("2027-01-18T08:00:00+01:00");
    await h.runJob("channel-digest");
    await h.runJob("channel-status");
    const everything = JSON.stringify([...h.channelPosts(CHANNEL), ...h.connector.updated, res.card, none.card, stranger.card]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("Budgetopfølgning med økonomi"); // the 1:1's agreement
  });

  it("posts the weekly digest once, on Monday morning, even across restarts", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-14", text: "Aftale tilsynsbesøg" });
    await sharedFollowUp(h, { due: "2027-01-14", text: "Sprogvurderinger i vuggestuen" });
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-20", time: "10:00" });
    await linked(h);
    const digests = () => texts(h).filter((t) => t.startsWith("Ugens overblik: Område Midt"));
    expect(await h.runJob("channel-digest")).toEqual({ posted: 1 }); // this Monday's, as the bot came up after 08:00
    h.clock.set("2027-01-15T09:00:00+01:00");
    expect(await h.runJob("channel-digest")).toEqual({});
    h.clock.set("2027-01-18T07:59:00+01:00");
    expect(await h.runJob("channel-digest")).toEqual({});
    h.clock.set("2027-01-18T08:00:00+01:00");
    expect(await h.runJob("channel-digest")).toEqual({ posted: 1 });
    await h.restart();
    expect(await h.runJob("channel-digest")).toEqual({});
    expect(digests()).toHaveLength(2);
    const last = digests()[1]!;
    // «Aftale tilsynsbesøg», a 1:1's, is neither shown nor counted; the læringssamtale's is both.
    expect(last).toContain("Den seneste uge: 1 nyt opfølgningspunkt, 0 udført.");
    expect(last).toContain("Dagtilbud Solsikken: Sprogvurderinger i vuggestuen — Megan Bowen, frist 14.01.2027");
    expect(last).not.toContain("Aftale tilsynsbesøg");
    expect(last).not.toContain("1:1 ledelsesopfølgninger)");
    expect(last).toContain("Dagtilbud Solsikken: 1:1 ledelsesopfølgning onsdag den 20. januar 2027 kl. 10.00");
  });

  it.each([1, 10, 100])("renders an area with %i units under Teams' 28 KB, every unit in the picker, attention first", async (n) => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    // The worst case: 200-character names with æøå, and every unit with something to show.
    await db(h).area.create({ data: { id: "stor", name: `Område med ${n} enheder`, roles: { create: [{ personId: "alex", role: "chef" }] } } });
    const long = (i: number) => `Børnehuset Ærø-Østergårdens Åbne Fællesskab nummer ${String(i).padStart(3, "0")} `.padEnd(200, "æøå");
    for (let i = 1; i <= n; i++) {
      await db(h).unit.create({ data: { id: `u${i}`, name: long(i), type: "dagtilbud", areaId: "stor", congestedSince: i % 10 === 0 ? new Date() : null } });
      const base = { unitId: `u${i}`, chairId: "alex", durationMinutes: 60, kind: "laeringssamtale" };
      await db(h).meeting.create({
        data: { ...base, id: `held${i}`, startsAt: new Date("2026-12-01T09:00:00Z"), status: "closed", followUps: { create: [{ id: `f${i}`, unitId: `u${i}`, meetingKind: "laeringssamtale", text: "Opfølgning", ownerId: "megan", dueDate: i % 2 ? "2027-01-05" : "2027-01-13" }] } },
      });
      await db(h).meeting.create({ data: { ...base, id: `next${i}`, startsAt: new Date("2027-02-01T09:00:00Z") } });
    }
    const res = await h.click(users.alex, "channel.link", { areaId: "stor" }, { channel: CHANNEL });
    expect(cardText(res.card)).toContain(`Kanalen følger nu Område med ${n} enheder.`);
    const post = h.channelPosts(CHANNEL).at(-1)!;
    expect(post.conversationId).toBe(CHANNEL); // top level, not in a thread
    const card = cardsOf(post.activity)[0]!;
    expect(Buffer.byteLength(JSON.stringify(card), "utf8")).toBeLessThan(28 * 1024);
    const picker = JSON.stringify(card).match(/"value":"u\d+"/g) ?? [];
    expect(picker).toHaveLength(n);
    expect(findAction(card, "channel.unit")).toBeDefined();
    const text = cardText(card);
    // Over the ceiling first (every tenth), then overdue (odd numbers), then the rest; the picker
    // keeps that order (at 100 units the names are shortened to fit).
    expect(picker.slice(0, 2)).toEqual(n >= 10 ? ['"value":"u10"', n === 100 ? '"value":"u20"' : '"value":"u1"'] : ['"value":"u1"']);
    expect(text).toContain("**Børnehuset Ærø-Østergård");
    if (n === 100) expect(text).toMatch(/… og \d+ enheder mere uden overskredne frister/);
    else expect(text).not.toContain("enheder mere");
  });

  it("after unlinking, the old card says so and its buttons show nothing; a deleted card is posted again; removing the bot from the team ends it", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    const statusId = await linked(h);
    // Deleted in Teams: the next change posts a new card instead of failing every tick.
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    h.connector.failNextPut.push({ status: 404 });
    expect(await h.runJob("channel-status")).toEqual({ posted: 1 });
    const newId = (await db(h).channelLink.findFirstOrThrow()).statusActivityId!;
    expect(newId).not.toBe(statusId);
    expect(h.channelPosts(CHANNEL).filter((p) => p.conversationId === CHANNEL && cardText(cardsOf(p.activity)[0]).startsWith("Status:"))).toHaveLength(2);

    await h.click(users.alex, "channel.unlink", { areaId: "midt" }, { channel: CHANNEL });
    const retired = h.connector.updated.filter((u) => u.activityId === newId).at(-1)!;
    expect(cardText(cardsOf(retired.activity)[0])).toContain("Kanalen følger ikke længere Område Midt (0-6 år).");
    const old = await h.click(users.jonas, "channel.unit", { areaId: "midt", unitId: "solsikken" }, { channel: CHANNEL });
    expect(cardText(old.card)).toContain("Kanalen følger ikke dette område");
    const forged = await h.click(users.alex, "channel.export", { areaId: "midt", exportFrom: "2027-01-01", exportTo: "2027-01-31" }, { channel: OTHER });
    expect(cardText(forged.card)).toContain("Kanalen følger ikke dette område");
    expect(texts(h).filter((t) => t.startsWith("Enhed:"))).toHaveLength(0);
    expect(await db(h).downloadToken.count()).toBe(0);

    await linked(h, OTHER);
    await h.post(h.activity("installation-update-remove", users.alex, { conversation: { conversationType: "channel", isGroup: true, id: OTHER }, channelData: { team: { id: "19:team-midt@thread.tacv2" }, channel: { id: OTHER } } }));
    expect(await db(h).channelLink.count()).toBe(0);
    expect(await h.runJob("channel-status")).toEqual({});
  });

  it("exports for the quality report through personal, single-use, expiring links — never in the channel", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await linked(h);
    const period = { areaId: "midt", exportFrom: "2027-01-01", exportTo: "2027-06-30" };
    const noChat = await h.click(users.alex, "channel.export", period, { channel: CHANNEL });
    expect(cardText(noChat.card)).toContain("Du skal først have åbnet en personlig chat med Læringsloop");
    await h.install(users.alex);
    await h.install(users.megan);
    const refused = await h.click(users.megan, "channel.export", period, { channel: CHANNEL });
    expect(cardText(refused.card)).toContain("Kun Børn og Unge-chefen for området");
    const bad = await h.click(users.alex, "channel.export", { ...period, exportFrom: "2027-07-01" }, { channel: CHANNEL });
    expect(cardText(bad.card)).toContain("Perioden er ugyldig");
    expect(await db(h).downloadToken.count()).toBe(0);

    const before = h.channelPosts(CHANNEL).length;
    const ok = await h.click(users.alex, "channel.export", period, { channel: CHANNEL });
    expect(cardText(ok.card)).toContain("Linkene til eksporten er sendt til dig i din personlige chat");
    expect(h.channelPosts(CHANNEL)).toHaveLength(before); // nothing in the channel
    const links = h.connector.cards(h.conversationId(users.alex)).map(cardText).find((t) => t.startsWith("Eksportér til kvalitetsrapporten"))!;
    const urls = [...links.matchAll(/\((http[^)]+\/export\/([A-Za-z0-9_-]+))\)/g)].map((m) => m[2]!);
    expect(urls).toHaveLength(5); // the workbook and a CSV per table (decisions, follow-ups, focus areas, the loop summary)
    expect(await db(h).downloadToken.count({ where: { id: { in: urls } } })).toBe(0); // only hashes are stored
    const base = h.url.replace("/api/messages", "");
    const get = (token: string) => fetch(`${base}/export/${token}`);

    const xlsx = await get(urls[0]!);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="laeringsloop-midt-2027-01-01-2027-06-30.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Beslutninger", "Opfølgningspunkter", "Fokusområder", "Opsamling"]);
    const again = await get(urls[0]!);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Linket er udløbet eller allerede brugt.");

    const csv = await get(urls[2]!);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Enhed;Mødedato;Møde;Beslutning;Opfølgningspunkt;Ansvarlig;Frist");

    h.clock.set("2027-01-11T09:16:00+01:00"); // 15 minutes later the rest are gone
    expect((await get(urls[1]!)).status).toBe(410);
    expect((await get("not-a-token")).status).toBe(410);
  });
});
