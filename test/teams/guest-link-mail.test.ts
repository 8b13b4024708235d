import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuestLinkService } from "../../src/domain/guest-link-service.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction, findActions } from "../helpers/fake-connector.js";
import { FakeCalendar } from "../helpers/fake-calendar.js";
import { domainOf } from "../web/guest-link.js";
import { FakeGraph } from "../helpers/fake-graph.js";

/**
 * «Send link på e-mail» (GUEST_LINK_MAIL=graph; issue 22, point 3; decision 0025) through the real
 * bot and the fake Graph: the chair's click queues one mail, the Graph job sends it from the chair's
 * mailbox with the guest's link (which opens the meeting for that guest), a second click sends
 * nothing, and the chair's card says when it was sent.
 */
describe("GUEST_LINK_MAIL=graph: the chair e-mails a guest their link", () => {
  let graph: FakeGraph;
  let calendar: FakeCalendar;
  let h: BotHarness;
  let meetingId = "";
  let anne = "";

  async function deliverAll(): Promise<void> {
    for (let i = 0; i < 20; i++) if (Object.keys(await h.deliver()).length === 0) break;
  }

  beforeAll(async () => {
    graph = await new FakeGraph().start();
    calendar = new FakeCalendar(graph);
    h = await BotHarness.start({
      now: "2026-11-23T09:00:00+01:00",
      env: {
        CALENDAR_SYNC: "graph",
        GUEST_LINK_MAIL: "graph",
        GRAPH_TENANT_ID: graph.tenantId,
        GRAPH_CLIENT_ID: graph.clientId,
        GRAPH_CLIENT_SECRET: graph.clientSecret,
        GRAPH_BASE_URL: graph.baseUrl,
        GRAPH_AUTHORITY_HOST: graph.url,
        PUBLIC_URL: "https://laeringsloop.example.dk",
        GUEST_LINK_SECRET: "a-test-secret-of-at-least-32-characters!",
      },
    });
    for (const u of [users.alex, users.megan]) await h.install(u);
    const wheel = await h.say(users.alex, "årshjul");
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: Number(findAction(wheel.cards[0], "yearwheel.confirm")!.data.version) });
    meetingId = (await h.bot.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
    await h.click(users.alex, "adhoc.add", { meetingId, guestName: "Anne Holm", guestEmail: "anne.holm@eksempel.dk" });
    await h.click(users.alex, "adhoc.add", { meetingId, guestName: "Bo Lund", guestPhone: "20 30 40 50" });
    anne = (await h.bot.store.db.person.findFirstOrThrow({ where: { name: "Anne Holm" } })).id;
    await deliverAll(); // the calendar events and the cards of the årshjul
  });
  afterAll(async () => {
    await h.stop();
    await graph.stop();
  });
  /** The id of the person's live link, as the chair's card puts it in «Send link på e-mail». */
  const liveLink = async (personId: string) => (await domainOf(h).guestLinks.linkFor(meetingId, personId)).linkId;

  it("one click, one mail from the chair's mailbox with the link that opens the meeting for her; a second click sends nothing; the card says when it was sent", async () => {
    const first = await h.click(users.alex, "guestlink.mail", { meetingId, personId: anne, linkId: await liveLink(anne) });
    const text = cardText(first.card);
    expect(text).toContain("Linket sendes til Anne Holm på e-mail fra din postkasse om et øjeblik.");
    expect(text).toContain("E-mailen til anne.holm@eksempel.dk er på vej fra din postkasse.");
    // Bo has no address: no button for him.
    expect(text).toContain("Ingen e-mailadresse");
    expect(findActions(first.card, "guestlink.mail")).toEqual([]);
    const second = await h.click(users.alex, "guestlink.mail", { meetingId, personId: anne, linkId: await liveLink(anne) });
    expect(cardText(second.card)).toContain("Linket er allerede sendt til Anne Holm på e-mail (eller på vej): det sendes ikke to gange.");
    await deliverAll();
    await h.click(users.alex, "guestlink.mail", { meetingId, personId: anne, linkId: await liveLink(anne) });
    await deliverAll();

    expect(calendar.sentMail).toHaveLength(1);
    const [mail] = calendar.sentMail;
    expect(mail!.mailbox).toBe(users.alex.aadObjectId);
    expect(mail!.saveToSentItems).toBe(true);
    expect(mail!.message.toRecipients![0]!.emailAddress!.address).toBe("anne.holm@eksempel.dk");
    const url = /https:\/\/laeringsloop\.example\.dk\/m\/([A-Za-z0-9_-]{43})/.exec(mail!.message.body!.content!)!;
    const links = createGuestLinkService({ links: h.bot.store.guestLinks, meetings: h.bot.store.meetings, clock: h.clock, settings: { secret: h.config.guestLinks.secret, days: h.config.guestLinks.days, publicUrl: h.config.publicUrl } });
    expect(await links.resolve(url[1]!)).toMatchObject({ person: { id: anne, name: "Anne Holm" }, meeting: { id: meetingId } });

    // The chair's card: sent, and when (Danish).
    const card = await h.click(users.alex, "guestlink.mail", { meetingId, personId: anne, linkId: await liveLink(anne) });
    expect(cardText(card.card)).toMatch(/Sendt på e-mail til anne\.holm@eksempel\.dk mandag den 23\. november 2026 kl\. 09\.00\. Du har mailen i Sendt post\./);
    // Only the mail went to Graph's sendMail, once.
    expect(graph.callsTo("POST", "/sendMail").map((c) => c.status)).toEqual([202]);
  });

  it("Graph's 429: the mail waits its Retry-After in the outbox, then goes once", async () => {
    await h.click(users.alex, "adhoc.add", { meetingId, guestName: "Karin Møller", guestEmail: "karin.moeller@eksempel.dk" });
    const karin = (await h.bot.store.db.person.findFirstOrThrow({ where: { name: "Karin Møller" } })).id;
    graph.failNext.push({ method: "POST", path: "/sendMail", status: 429, retryAfter: 5 });
    await h.click(users.alex, "guestlink.mail", { meetingId, personId: karin, linkId: await liveLink(karin) });
    expect((await h.deliver()).retry).toBe(1);
    await deliverAll();
    expect(calendar.sentMail.filter((m) => m.message.toRecipients![0]!.emailAddress!.address === "karin.moeller@eksempel.dk")).toHaveLength(0);
    const waiting = await h.click(users.alex, "guestlink.mail", { meetingId, personId: karin, linkId: await liveLink(karin) });
    expect(cardText(waiting.card)).toContain("E-mailen til karin.moeller@eksempel.dk er på vej");
    h.clock.set(new Date(h.clock.now().getTime() + 5_000).toISOString());
    await deliverAll();
    expect(calendar.sentMail.filter((m) => m.message.toRecipients![0]!.emailAddress!.address === "karin.moeller@eksempel.dk")).toHaveLength(1);
    expect(graph.callsTo("POST", "/sendMail").map((c) => c.status)).toEqual([202, 429, 202]);
  });

  it("only the chair can send it, and only to a guest with an address", async () => {
    const megan = await h.click(users.megan, "guestlink.mail", { meetingId, personId: anne, linkId: await liveLink(anne) });
    expect(cardText(megan.card)).toContain("der holder mødet");
    const bo = (await h.bot.store.db.person.findFirstOrThrow({ where: { name: "Bo Lund" } })).id;
    const noAddress = await h.click(users.alex, "guestlink.mail", { meetingId, personId: bo, linkId: await liveLink(bo) });
    expect(cardText(noAddress.card)).toContain("Deltageren har ingen e-mailadresse i Læringsloop.");
    await deliverAll();
    expect(calendar.sentMail).toHaveLength(2); // Anne's and Karin's, nothing more
  });
  it("«Send link på e-mail» on a card showing a link revoked since is refused and never makes a new link (only «Nyt link» does)", async () => {
    await h.click(users.alex, "adhoc.add", { meetingId, guestName: "Lene Dal", guestEmail: "lene.dal@eksempel.dk" });
    const lene = (await h.bot.store.db.person.findFirstOrThrow({ where: { name: "Lene Dal" } })).id;
    const old = await liveLink(lene);
    await h.click(users.alex, "guestlinks.revoke", { meetingId, linkId: old });
    const click = await h.click(users.alex, "guestlink.mail", { meetingId, personId: lene, linkId: old });
    expect(cardText(click.card)).toContain("Linket er tilbagekaldt");
    expect(await h.bot.store.db.guestLink.count({ where: { personId: lene, revokedAt: null } })).toBe(0);
    expect(await h.bot.store.db.notification.count({ where: { kind: "guest_link_mail", subjectId: meetingId, key: { contains: old } } })).toBe(0);
  });
});
