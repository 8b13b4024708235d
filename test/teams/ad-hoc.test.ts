import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, cardsOf, findAction, inputValues } from "../helpers/fake-connector.js";

/**
 * «Ad hoc deltagere alt efter lokalt fokusområde» (seed 002), through the real bot: Alex, who
 * chairs Solsikken's first læringssamtale, adds Lars (a leader of another unit, in the organisation
 * file) and a guest without Teams by name; Megan, a participant but not the chair, is refused; the
 * dagsorden lists them; Lars gets the meeting's cards with the ad hoc question set. Monday 23
 * November 2026, 09:00 in Copenhagen.
 */
describe("ad hoc deltagere through the bot", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  let laering = "";
  const add = (user: (typeof users)[keyof typeof users], data: Record<string, string>) =>
    h.click(user, "adhoc.add", { meetingId: laering, adHocPersonId: "", guestName: "", guestEmail: "", guestPhone: "", ...data });

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.lars]) await h.install(u);
    const wheel = await h.say(users.alex, "årshjul");
    await h.click(users.alex, "yearwheel.confirm", findAction(wheel.cards[0], "yearwheel.confirm")!.data);
    laering = (await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: true } })).id;
  });
  afterAll(() => h.stop());

  it("offers the section to the chair only, and refuses a participant who is not the chair", async () => {
    const chair = await h.click(users.alex, "agenda.open", { meetingId: laering, from: "meetings" });
    const chairCard = chair.posted[0]!;
    expect(cardText(chairCard)).toContain("Ad hoc deltagere");
    // The picker is not on the dagsorden (Teams' size limit): «Tilføj deltager» opens the add card beside it.
    expect(findAction(chairCard, "adhoc.add")).toBeUndefined();
    const opened = await h.click(users.alex, "adhoc.open", findAction(chairCard, "adhoc.open")!.data);
    const addCard = opened.posted[0]!;
    expect(cardText(addCard)).toContain("Person fra organisationen");
    expect(JSON.stringify(addCard)).toContain('"title":"Lars Nørgaard"');
    // Never another unit's board representative (a parent) or youth representative (a minor).
    expect(JSON.stringify(addCard)).not.toMatch(/Birthe Møller|Noah Rasmussen/);
    const forged = await add(users.alex, { adHocPersonId: "noah" });
    expect(cardText(forged.card)).toContain("Kun personer fra læringssamtalens område kan tilføjes");
    expect(findAction(addCard, "adhoc.add")).toBeDefined();
    expect(cardText(opened.card)).toContain("Ad hoc deltagere");
    const megan = await h.click(users.megan, "agenda.open", { meetingId: laering, from: "meetings" });
    expect(cardText(megan.posted[0])).not.toContain("Ad hoc deltagere");
    expect(findAction(megan.posted[0], "adhoc.open")).toBeUndefined();
    const meganOpens = await h.click(users.megan, "adhoc.open", { meetingId: laering, from: "agenda" });
    expect(cardText(meganOpens.card)).toContain("Kun Børn og Unge-chefen, der holder mødet, kan dette.");

    // A forged click from Megan's card changes nothing and says why, in Danish.
    const refused = await add(users.megan, { guestName: "Anne Holm" });
    expect(cardText(refused.card)).toContain("Kun Børn og Unge-chefen, der holder mødet, kan dette.");
    expect(await db().person.count({ where: { origin: "guest" } })).toBe(0);
  });

  it("adds a guest by name: on the dagsorden's participant list, no Teams card; the same guest twice is refused", async () => {
    const added = await add(users.alex, { guestName: "Anne  Holm", guestEmail: "anne.holm@eksempel.dk", guestPhone: "+45 12 34 56 78" });
    const text = cardText(added.card);
    expect(text).toContain("Anne Holm er tilføjet som gæst");
    expect(text).toContain("Anne Holm (gæst)");
    // A person outside Teams of her own (decision 0025), taking part with role ad_hoc.
    const anne = await db().person.findMany({ where: { origin: "guest" }, select: { id: true, name: true, email: true, phone: true, aadObjectId: true } });
    expect(anne.map(({ id: _id, ...rest }) => rest)).toEqual([{ name: "Anne Holm", email: "anne.holm@eksempel.dk", phone: "+45 12 34 56 78", aadObjectId: null }]);
    expect(await db().meetingParticipant.findMany({ where: { personId: anne[0]!.id }, select: { meetingId: true, role: true } })).toEqual([{ meetingId: laering, role: "ad_hoc" }]);
    // A participant's dagsorden shows the guest too.
    const megan = await h.click(users.megan, "agenda.open", { meetingId: laering, from: "meetings" });
    expect(cardText(megan.posted[0])).toContain("Anne Holm (gæst)");
    // Only the name: her e-mail and phone are on no participant's card (docs/deploy.md, docs/security.md).
    expect(JSON.stringify(megan.posted[0])).not.toMatch(/anne\.holm@eksempel\.dk|12 34 56 78/);

    const twice = await add(users.alex, { guestName: "anne holm" });
    expect(cardText(twice.card)).toContain("Der står allerede en gæst ved navn anne holm");
    expect(await db().person.count({ where: { origin: "guest" } })).toBe(1);

    // A bad e-mail: a Danish answer next to the field on the add card, and what was typed is kept.
    const bad = await add(users.alex, { guestName: "Per Lund", guestEmail: "per@" });
    expect(cardText(bad.card)).toContain("Skriv en gyldig e-mailadresse");
    expect(findAction(bad.card, "adhoc.add")).toBeDefined();
    expect(inputValues(bad.card)).toMatchObject({ guestName: "Per Lund", guestEmail: "per@" });
    expect(await db().person.count({ where: { origin: "guest" } })).toBe(1);
  });

  it("adds a person from the organisation: the ad hoc role, the meeting's cards with the ad hoc questions; refused twice; removed before the meeting", async () => {
    const added = await add(users.alex, { adHocPersonId: "lars" });
    expect(cardText(added.card)).toContain("Lars Nørgaard er tilføjet som ad hoc-deltager");
    expect(cardText(added.card)).toContain("Lars Nørgaard (ad hoc-deltager)");
    expect(await db().meetingParticipant.findUniqueOrThrow({ where: { meetingId_personId: { meetingId: laering, personId: "lars" } } })).toMatchObject({ role: "ad_hoc" });
    const rows = await db().notification.findMany({ where: { subjectId: laering, personId: "lars" }, orderBy: { kind: "asc" } });
    // No day-before reminder: nothing in the ad hoc set is required.
    expect(rows.map((r) => r.kind)).toEqual(["meeting_agenda", "meeting_reflection"]);

    // At the pack's time Lars gets the dagsorden and his own guide: the ad hoc question, nothing required.
    const before = h.connector.posted.length;
    h.clock.set(rows[0]!.dueAt.toISOString());
    await h.deliver();
    const toLars = h.connector.posted.slice(before).filter((p) => p.conversationId === h.conversationId(users.lars)).flatMap((p) => cardsOf(p.activity));
    expect(toLars.map((c) => cardText(c).split("\n")[0])).toEqual([expect.stringContaining("Her er dagsordenen"), expect.stringContaining("Refleksionsguide")]);
    expect(Object.keys(inputValues(toLars[1]))).toEqual(["q_ad_hoc_faglighed"]);

    const twice = await add(users.alex, { adHocPersonId: "lars" });
    expect(cardText(twice.card)).toContain("Lars Nørgaard deltager allerede i læringssamtalen.");
    const leader = await add(users.alex, { adHocPersonId: "megan" });
    expect(cardText(leader.card)).toContain("Megan Bowen deltager allerede i læringssamtalen.");

    // The leader is not ad hoc: only those added ad hoc can be removed.
    const notAdHoc = await h.click(users.alex, "adhoc.remove", { meetingId: laering, removePersonId: "megan", removeGuestId: "", topic: "Overgange" });
    expect(cardText(notAdHoc.card)).toContain("Kun ad hoc deltagere og gæster kan fjernes her");
    // A topic typed on the dagsorden before «Fjern» is kept, refused or not.
    expect(inputValues(notAdHoc.card)).toMatchObject({ topic: "Overgange" });
    const removed = await h.click(users.alex, "adhoc.remove", { meetingId: laering, removePersonId: "lars", removeGuestId: "", topic: "Overgange" });
    expect(cardText(removed.card)).toContain("Lars Nørgaard er ikke længere med i læringssamtalen.");
    expect(inputValues(removed.card)).toMatchObject({ topic: "Overgange" });
    expect(await db().meetingParticipant.count({ where: { meetingId: laering, personId: "lars" } })).toBe(0);
    // His pack had gone out: he is told, once, through the outbox; nothing else is planned for him.
    expect((await db().notification.findMany({ where: { subjectId: laering, personId: "lars", status: "pending" } })).map((n) => n.key)).toEqual([`ad_hoc_removed:${laering}:lars`]);
    const sentBefore = h.connector.posted.length;
    await h.deliver();
    const told = h.connector.posted.slice(sentBefore).filter((p) => p.conversationId === h.conversationId(users.lars)).flatMap((p) => cardsOf(p.activity));
    expect(told.map((c) => cardText(c))).toEqual([expect.stringContaining("Du er ikke længere med i læringssamtalen")]);
    expect(cardText(told[0])).toContain("Alex Wilber har taget dig af deltagerlisten");
    expect(await db().notification.count({ where: { subjectId: laering, personId: "lars", status: "pending" } })).toBe(0);
  });
});

