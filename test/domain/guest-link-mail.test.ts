import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createGuestLinkMailService, MAIL_UNCONFIRMED_CRASH } from "../../src/domain/guest-link-mail-service.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { createGraphCalendarGateway } from "../../src/graph/calendar-gateway.js";
import { createGraphClient } from "../../src/graph/graph-client.js";
import { ManualClock, users } from "../helpers/bot-harness.js";
import { FakeCalendar } from "../helpers/fake-calendar.js";
import { FakeGraph } from "../helpers/fake-graph.js";
import { testStore } from "../helpers/test-db.js";

/**
 * The guest link e-mailed from the chair's mailbox (GUEST_LINK_MAIL=graph; issue 22, point 3;
 * decision 0025) on a real store and the real Graph gateway against the fake Graph: one mail per
 * click or two, 429 waited out, a crash or a lost answer costing a mail rather than sending two,
 * and nothing logged with the address or the link.
 */
describe("guest link mail", () => {
  const graph = new FakeGraph();
  let calendar: FakeCalendar;
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  const config = loadConfig({ PUBLIC_URL: "https://laeringsloop.example.dk", GUEST_LINK_SECRET: "a-test-secret-of-at-least-32-characters!" });
  const logged: string[] = [];
  const log = pino({ level: "trace" }, new Writable({ write: (c: Buffer, _e, done) => (logged.push(c.toString("utf8")), done()) }));
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  let alex: Person;
  let laering = "";
  let anne = "";
  let bo = "";

  /** Claims the due mail rows (as the Graph pass does) and runs their job. */
  async function runDue(): Promise<string[]> {
    const rows = await t.store.notifications.claimDue(clock.now(), 60_000, 10, { only: ["guest_link_mail"] });
    const out: string[] = [];
    for (const n of rows) out.push(await d.guestLinkMail.run(n));
    return out;
  }
  const mailRows = () => t.store.db.notification.findMany({ where: { kind: "guest_link_mail" }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    await graph.start();
    calendar = new FakeCalendar(graph);
    const client = (maxAttempts: number) => createGraphClient({ tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, baseUrl: graph.baseUrl, authorityHost: graph.url, timeoutMs: 5_000, maxAttempts, log });
    const gateway = createGraphCalendarGateway({ graph: client(3), mailGraph: client(1), log });
    t = await testStore();
    d = createDomainServices({ ...t.store, mailGateway: gateway.mail, log }, clock, domainSettings(config));
    alex = await person("alex");
    const wheel = await d.yearWheels.view(alex, "solsikken");
    await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
    laering = (await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
    let { meeting } = await d.meetings.addAdHoc(alex, laering, { guestName: "Anne Holm", guestEmail: "anne.holm@eksempel.dk" });
    anne = meeting.participants.find((p) => p.person.name === "Anne Holm")!.person.id;
    ({ meeting } = await d.meetings.addAdHoc(alex, laering, { guestName: "Bo Lund", guestPhone: "20 30 40 50" }));
    bo = meeting.participants.find((p) => p.person.name === "Bo Lund")!.person.id;
  });
  beforeEach(async () => {
    await t.store.db.notification.deleteMany({ where: { kind: "guest_link_mail" } });
    calendar.sentMail.length = 0;
    graph.failNext.length = 0;
    logged.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  it("sends one mail from the chair's mailbox, kept in Sent Items, in Danish, with the link that opens the meeting for that guest; a second click sends nothing", async () => {
    const first = await d.guestLinkMail.request(alex, laering, anne);
    expect(first.outcome).toBe("queued");
    expect(first.effects.planned).toBe(1);
    const second = await d.guestLinkMail.request(alex, laering, anne);
    expect(second.outcome).toBe("already");
    expect(second.effects.planned).toBe(0);
    expect(await runDue()).toEqual(["mail-sent"]);
    expect(await runDue()).toEqual([]);
    // A click after it was sent: still nothing.
    expect((await d.guestLinkMail.request(alex, laering, anne)).outcome).toBe("already");
    expect(await runDue()).toEqual([]);

    expect(calendar.sentMail).toHaveLength(1);
    const [mail] = calendar.sentMail;
    expect(mail!.mailbox).toBe(users.alex.aadObjectId);
    expect(mail!.saveToSentItems).toBe(true);
    expect(mail!.message.toRecipients).toEqual([{ emailAddress: { address: "anne.holm@eksempel.dk", name: "Anne Holm" } }]);
    expect(mail!.message.body!.contentType).toBe("text");
    const text = mail!.message.body!.content!;
    const m = (await t.store.meetings.get(laering))!;
    expect(mail!.message.subject).toMatch(/^Læringssamtale.*Solsikken \d\d\.\d\d\.\d{4}: dit personlige link$/);
    expect(text).toContain("Kære Anne Holm");
    expect(text).toMatch(/(mandag|tirsdag|onsdag|torsdag|fredag) den \d+\. \S+ \d{4} kl\. \d\d\.\d\d/);
    expect(text).toContain("personligt: send det ikke videre");
    expect(text).toContain("Linket virker til ");
    const url = /https:\/\/laeringsloop\.example\.dk\/m\/[A-Za-z0-9_-]{43}/.exec(text)![0];
    const access = await d.guestLinks.resolve(url.split("/m/")[1]!);
    expect(access).toMatchObject({ person: { id: anne }, meeting: { id: m.id } });
    // The chair's card: sent, and when.
    const states = await d.guestLinkMail.states(laering);
    expect(states.get(access!.linkId)).toEqual({ status: "sent", at: clock.now() });
    // Nothing logged with the address, the link or the text.
    const all = logged.join("");
    expect(all).not.toContain("anne.holm");
    expect(all).not.toContain(url.split("/m/")[1]!);
    expect(all).not.toContain("Anne Holm");
  });

  it("waits out Graph's 429 with its Retry-After, then sends once", async () => {
    graph.failNext.push({ method: "POST", path: "/sendMail", status: 429, retryAfter: 7 });
    await d.guestLinkMail.request(alex, laering, anne);
    expect(await runDue()).toEqual(["retry"]);
    const [row] = await mailRows();
    expect(row!.status).toBe("pending");
    expect(row!.dueAt.getTime()).toBe(clock.now().getTime() + 7_000);
    expect(row!.postStartedAt).toBeNull();
    expect(calendar.sentMail).toHaveLength(0);
    expect(await runDue()).toEqual([]); // not before its time
    advance(7_000);
    expect(await runDue()).toEqual(["mail-sent"]);
    expect(calendar.sentMail).toHaveLength(1);
    expect(graph.callsTo("POST", "/sendMail").map((c) => c.status)).toEqual(expect.arrayContaining([429, 202]));
  });

  it("a crash between the send and its note, or no answer from Graph: marked unconfirmed, never sent again", async () => {
    // The worker noted the send and died: the row comes back after its lease.
    await d.guestLinkMail.request(alex, laering, anne);
    const [claimed] = await t.store.notifications.claimDue(clock.now(), 60_000, 10, { only: ["guest_link_mail"] });
    expect(await t.store.notifications.markPostStarted(claimed!, clock.now())).toBe(true);
    advance(61_000);
    expect(await runDue()).toEqual(["unconfirmed"]);
    expect(calendar.sentMail).toHaveLength(0);
    const [row] = await mailRows();
    expect(row!.status).toBe("sent");
    expect(row!.lastError).toBe(MAIL_UNCONFIRMED_CRASH);
    const linkId = (await d.guestLinks.linkFor(laering, anne)).linkId;
    expect((await d.guestLinkMail.states(laering)).get(linkId)).toMatchObject({ status: "unconfirmed" });
    // The chair clicks again: no second mail of that link.
    expect((await d.guestLinkMail.request(alex, laering, anne)).outcome).toBe("already");
    expect(await runDue()).toEqual([]);

    // A gateway timeout (504) may come after Graph took the mail: unconfirmed, one call only.
    await t.store.db.notification.deleteMany({ where: { kind: "guest_link_mail" } });
    graph.failNext.push({ method: "POST", path: "/sendMail", status: 504 });
    const before = graph.callsTo("POST", "/sendMail").length;
    await d.guestLinkMail.request(alex, laering, anne);
    expect(await runDue()).toEqual(["unconfirmed"]);
    advance(3_600_000);
    expect(await runDue()).toEqual([]);
    expect(graph.callsTo("POST", "/sendMail").length - before).toBe(1);
  });

  it("a refusal (403) fails the mail, the chair may ask again; a revoked link's mail is dropped", async () => {
    graph.failNext.push({ method: "POST", path: "/sendMail", status: 403, code: "ErrorAccessDenied" });
    await d.guestLinkMail.request(alex, laering, anne);
    expect(await runDue()).toEqual(["failed"]);
    const link = await d.guestLinks.linkFor(laering, anne);
    expect((await d.guestLinkMail.states(laering)).get(link.linkId)).toEqual({ status: "failed" });
    expect(logged.join("")).toContain("Mail.Send");
    // Asked again after the failure: a new row, sent.
    expect((await d.guestLinkMail.request(alex, laering, anne)).outcome).toBe("queued");
    expect(await runDue()).toEqual(["mail-sent"]);
    expect(calendar.sentMail).toHaveLength(1);

    // Revoked before its row ran: no mail with a dead link.
    await t.store.db.notification.deleteMany({ where: { kind: "guest_link_mail" } });
    await d.guestLinkMail.request(alex, laering, anne);
    expect(await d.guestLinks.revoke(alex, link.linkId)).toBe("revoked");
    expect(await runDue()).toEqual(["cancelled"]);
    expect(calendar.sentMail).toHaveLength(1);
    // A new link can be mailed.
    const fresh = await d.guestLinks.linkFor(laering, anne);
    expect(fresh.linkId).not.toBe(link.linkId);
    expect((await d.guestLinkMail.request(alex, laering, anne)).outcome).toBe("queued");
    expect(await runDue()).toEqual(["mail-sent"]);
    expect(calendar.sentMail.at(-1)!.message.body!.content).toContain(fresh.url);
  });

  it("refuses with a Danish reason: not the chair, a guest without an e-mail address, a person in Teams, mail switched off", async () => {
    const refused = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).text;
    };
    expect(await refused(d.guestLinkMail.request(await person("megan"), laering, anne))).toContain("der holder mødet");
    expect(await refused(d.guestLinkMail.request(alex, laering, bo))).toBe("Deltageren har ingen e-mailadresse i Læringsloop.");
    expect(await refused(d.guestLinkMail.request(alex, laering, "megan"))).toBe("Kun deltagere uden Teams får et link til mødets side.");
    const off = createGuestLinkMailService({ notifications: t.store.notifications, links: t.store.guestLinks, meetings: t.store.meetings, guestLinks: d.guestLinks, clock, settings: { timezone: "Europe/Copenhagen", guestLinkDays: 30 }, log });
    expect(off.on).toBe(false);
    expect(await refused(off.request(alex, laering, anne))).toContain("sender ikke mail");
    expect(await mailRows()).toEqual([]);
  });
  it("a board representative outside Teams asked for the udtalelse of a later læringssamtale (not a participant) can be sent his link too", async () => {
    const before = await t.store.db.person.findUniqueOrThrow({ where: { id: "bo" } });
    await t.store.db.person.update({ where: { id: "bo" }, data: { aadObjectId: null, email: "bo@foraeldre.example.dk" } });
    try {
      const later = (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!.id;
      const meeting = (await t.store.meetings.get(later))!;
      expect(meeting.participants.some((p) => p.person.id === "bo")).toBe(false);
      expect((await d.guestLinkMail.request(alex, later, "bo")).outcome).toBe("queued");
      expect(await runDue()).toEqual(["mail-sent"]);
      expect(calendar.sentMail).toHaveLength(1);
      const text = JSON.stringify(calendar.sentMail[0]);
      expect(text).toContain("bo@foraeldre.example.dk");
      const url = /https:\/\/laeringsloop\.example\.dk\/m\/[A-Za-z0-9_-]{43}/.exec(text)![0];
      const access = await d.guestLinks.resolve(url.slice(url.lastIndexOf("/") + 1));
      expect(access?.person.id).toBe("bo");
      expect(access?.participant).toBe(false);
    } finally {
      await t.store.db.person.update({ where: { id: "bo" }, data: { aadObjectId: before.aadObjectId, email: before.email } });
    }
  });
});
