import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuestLinkService } from "../../src/domain/guest-link-service.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * People outside Teams through the real bot (issue 22, points 1–3; decision 0025): Alex, who chairs
 * Solsikken's first læringssamtale, adds a guest by name; the guest gets no Teams card and nobody is
 * told she cannot be reached; with the pack Alex gets «Deltagere uden Teams» with her link;
 * revoking it on the card stops it working, «Nyt link» gives a working new one. Monday 23 November
 * 2026, 09:00 in Copenhagen.
 */
describe("the chair's card with the links of people outside Teams", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  let laering = "";
  let anne = "";
  const links = () =>
    createGuestLinkService({ links: h.bot.store.guestLinks, meetings: h.bot.store.meetings, clock: h.clock, settings: { secret: h.config.guestLinks.secret, days: h.config.guestLinks.days, publicUrl: h.config.publicUrl } });
  /** The address in the card's «Kopiér link» text field(s). */
  const urlsIn = (card: unknown) => [...JSON.stringify(card).matchAll(/"value":"(http[^"]+\/m\/([A-Za-z0-9_-]{43}))"/g)].map((m) => m[2]!);

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.jonas, users.bo]) await h.install(u);
    const wheel = await h.say(users.alex, "årshjul");
    await h.click(users.alex, "yearwheel.confirm", findAction(wheel.cards[0], "yearwheel.confirm")!.data);
    laering = (await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: true } })).id;
    await h.click(users.alex, "adhoc.add", { meetingId: laering, adHocPersonId: "", guestName: "Anne Holm", guestEmail: "anne.holm@eksempel.dk", guestPhone: "" });
    anne = (await db().person.findFirstOrThrow({ where: { origin: "guest", name: "Anne Holm" } })).id;
  });
  afterAll(() => h.stop());

  it("plans no card for the guest, and the links card for the chair with the pack; sends it then, and nobody hears she cannot be reached", async () => {
    expect(await db().notification.count({ where: { personId: anne } })).toBe(0);
    const row = await db().notification.findFirstOrThrow({ where: { kind: "guest_links", subjectId: laering } });
    expect(row.personId).toBe("alex");
    const pack = await db().notification.findFirstOrThrow({ where: { kind: "meeting_agenda", subjectId: laering, personId: "alex" } });
    expect(row.dueAt).toEqual(pack.dueAt);

    h.clock.set(row.dueAt.toISOString());
    await h.deliver();
    await h.bot.settled();
    expect((await db().notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("sent");
    const sent = h.connector.posted.filter((p) => p.conversationId === h.conversationId(users.alex)).map((p) => p.activity);
    const card = sent.flatMap((a) => ((a.attachments ?? []) as { content: unknown }[]).map((x) => x.content)).find((c) => findAction(c, "guestlinks.revoke") !== undefined);
    expect(card).toBeDefined();
    const text = cardText(card);
    expect(text).toContain("Anne Holm (gæst)");
    expect(text).toContain("anne.holm@eksempel.dk");
    expect(text).toMatch(/Linket virker til \d\d\.\d\d\.\d{4}/);
    const [token] = urlsIn(card);
    expect(await links().resolve(token!)).toMatchObject({ person: { id: anne }, role: "ad_hoc" });
    // Nobody is told that Anne cannot be reached in Teams.
    expect(await db().notification.count({ where: { kind: { in: ["person_unreachable", "app_install"] }, subjectId: anne } })).toBe(0);
  });

  it("puts «Deltagere uden Teams» on the chair's dagsorden only, and opens the card beside it", async () => {
    const alexAgenda = (await h.click(users.alex, "agenda.open", { meetingId: laering, from: "meetings" })).posted[0]!;
    const open = findAction(alexAgenda, "guestlinks.open");
    expect(open).toBeDefined();
    const megan = (await h.click(users.megan, "agenda.open", { meetingId: laering, from: "meetings" })).posted[0]!;
    expect(findAction(megan, "guestlinks.open")).toBeUndefined();
    const opened = await h.click(users.alex, "guestlinks.open", open!.data);
    expect(cardText(opened.posted[0])).toContain("Anne Holm (gæst)");
    // Megan, a participant but not the chair, is refused the card.
    const forged = await h.click(users.megan, "guestlinks.open", { meetingId: laering, from: "agenda" });
    expect(JSON.stringify(forged.posted)).not.toContain("/m/");
  });

  it("revokes the link behind a confirmation: it stops working; «Nyt link» gives a new one that works", async () => {
    const card = (await h.click(users.alex, "guestlinks.open", { meetingId: laering, from: "agenda" })).posted[0]!;
    const [old] = urlsIn(card);
    const revoke = findAction(card, "guestlinks.revoke")!;
    expect(revoke).toBeDefined();
    // The confirmation: «Tilbagekald link» shows the question and the button that revokes.
    expect(JSON.stringify(card)).toContain("Tilbagekald Anne Holms link?");
    // A forged revoke from Megan changes nothing.
    await h.click(users.megan, "guestlinks.revoke", revoke.data);
    expect(await links().resolve(old!)).toBeDefined();

    const revoked = await h.click(users.alex, "guestlinks.revoke", revoke.data);
    expect(cardText(revoked.card)).toContain("Anne Holms link er tilbagekaldt.");
    expect(cardText(revoked.card)).toContain("Linket er tilbagekaldt og virker ikke længere.");
    expect(urlsIn(revoked.card)).toEqual([]);
    expect(await links().resolve(old!)).toBeUndefined();
    const again = await h.click(users.alex, "guestlinks.revoke", revoke.data);
    expect(cardText(again.card)).toContain("var allerede tilbagekaldt");

    const renew = findAction(revoked.card, "guestlinks.renew")!;
    const renewed = await h.click(users.alex, "guestlinks.renew", renew.data);
    expect(cardText(renewed.card)).toContain("Anne Holm har fået et nyt link.");
    const [fresh] = urlsIn(renewed.card);
    expect(fresh).not.toBe(old);
    expect(await links().resolve(fresh!)).toMatchObject({ person: { id: anne } });
    expect(await links().resolve(old!)).toBeUndefined();
  });

  it("removing the guest from the meeting revokes her link", async () => {
    const card = (await h.click(users.alex, "guestlinks.open", { meetingId: laering, from: "agenda" })).posted[0]!;
    const [token] = urlsIn(card);
    expect(await links().resolve(token!)).toBeDefined();
    await h.click(users.alex, "adhoc.remove", { meetingId: laering, removePersonId: "", removeGuestId: anne });
    expect(await links().resolve(token!)).toBeUndefined();
  });
});
