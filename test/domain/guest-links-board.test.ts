import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * The link of a board representative outside Teams asked for the board's «Udtalelse» before a
 * later læringssamtale (decision 0023: he does not take part; 0026): made, resolved as
 * "bestyrelsesrepraesentant" and not a participant, on the chair's list; a board representative
 * not asked gets none; with «Deltagelse» he is a participant (SQLite, and PostgreSQL when set).
 */
describe("guest links for the board's udtalelse", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  const settings = domainSettings(loadConfig({ PUBLIC_URL: "https://laeringsloop.example.dk/", GUEST_LINK_SECRET: "a-test-secret-of-at-least-32-characters!", GUEST_LINK_DAYS: "30" }));
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const tokenOf = (url: string) => url.split("/m/")[1]!;
  let ids: string[] = [];

  beforeAll(async () => {
    t = await testStore();
    // Bo, Solsikken's board, without Teams (as the organisation file allows: decision 0025).
    await t.store.db.person.update({ where: { id: "bo" }, data: { aadObjectId: null, email: "bo@foraeldre.example.dk" } });
    d = createDomainServices(t.store, clock, settings);
    const alex = await person("alex");
    const wheel = await d.yearWheels.view(alex, "solsikken");
    await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
    ids = (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  });
  afterAll(() => t.close());

  it("a later læringssamtale with «Udtalelse»: Bo's link is made and resolves to him as bestyrelsesrepraesentant, not a participant; the chair's card lists him", async () => {
    const later = ids[1]!;
    const meeting = (await t.store.meetings.get(later))!;
    expect(meeting.participants.some((p) => p.person.id === "bo")).toBe(false);
    const link = await d.guestLinks.linkFor(later, "bo");
    expect(await d.guestLinks.linkFor(later, "bo")).toEqual(link);
    const access = await d.guestLinks.resolve(tokenOf(link.url));
    expect(access).toMatchObject({ linkId: link.linkId, role: "bestyrelsesrepraesentant", participant: false, expiresAt: link.expiresAt });
    expect(access!.person.id).toBe("bo");
    expect(access!.meeting.id).toBe(later);
    const chair = await d.guestLinks.forChair(await person("alex"), later);
    expect(chair.guests.map((g) => [g.person.id, g.role, g.link?.linkId])).toEqual([["bo", "bestyrelsesrepraesentant", link.linkId]]);
    // Revoked like any other link.
    expect(await d.guestLinks.revoke(await person("alex"), link.linkId)).toBe("revoked");
    expect(await d.guestLinks.resolve(tokenOf(link.url))).toBeUndefined();
  });

  it("the chair is given Bo's link when the udtalelse is asked (he gets no card): a «Deltagere uden Teams» row due with the ask, and the meeting has guests", async () => {
    const later = ids[1]!;
    const rows = await t.store.db.notification.findMany({ where: { subjectId: later, kind: { in: ["board_statement", "guest_links"] } } });
    // Bo's own ask is never stored (no Teams); the chair's card about him is, at the ask's time.
    expect(rows.filter((r) => r.kind === "board_statement")).toEqual([]);
    const links = rows.filter((r) => r.kind === "guest_links");
    expect(links.map((r) => [r.personId, r.key.includes(":udtalelse:")])).toEqual([["alex", true]]);
    const meeting = (await t.store.meetings.get(later))!;
    const ask = new Date(meeting.startsAt.getTime() - 30 * 24 * 3600_000);
    expect(Math.abs(links[0]!.dueAt.getTime() - ask.getTime())).toBeLessThan(3 * 24 * 3600_000);
    expect(await d.guestLinks.hasGuests(meeting)).toBe(true);
  });

  it("a board representative not asked for this meeting's udtalelse gets no link (Rikke, Kastanjen's board)", async () => {
    await t.store.db.person.update({ where: { id: "rikke" }, data: { aadObjectId: null } });
    await expect(d.guestLinks.linkFor(ids[1]!, "rikke")).rejects.toBeInstanceOf(AppError);
    expect(await t.store.db.guestLink.count({ where: { personId: "rikke" } })).toBe(0);
  });

  it("with «Deltagelse» Bo is a participant: his link resolves as one, and his link from before the switch still opens", async () => {
    const meetingId = ids[2]!;
    const before = await d.guestLinks.linkFor(meetingId, "bo");
    expect((await d.guestLinks.resolve(tokenOf(before.url)))!.participant).toBe(false);
    await d.meetings.chooseBoardMode(await person("alex"), meetingId, "participation");
    expect((await t.store.meetings.get(meetingId))!.participants.some((p) => p.person.id === "bo")).toBe(true);
    const access = await d.guestLinks.resolve(tokenOf(before.url));
    expect(access).toMatchObject({ role: "bestyrelsesrepraesentant", participant: true });
    expect((await d.guestLinks.linkFor(meetingId, "bo")).linkId).toBe(before.linkId);
  });
});
