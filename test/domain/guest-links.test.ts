import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createGuestLinkService, guestLinkToken, guestTokenHash } from "../../src/domain/guest-link-service.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * A person outside Teams' link to a meeting's page (issue 22, point 2; decision 0025) on a real
 * store (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set): derived token, hash stored,
 * lifetime after the meeting, revocation by the chair, and what stops it working.
 */
describe("guest links", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  const config = loadConfig({ PUBLIC_URL: "https://laeringsloop.example.dk/", GUEST_LINK_SECRET: "a-test-secret-of-at-least-32-characters!", GUEST_LINK_DAYS: "30" });
  const settings = domainSettings(config);
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const tokenOf = (url: string) => url.split("/m/")[1]!;
  let laering = "";
  let later = "";
  let anne = "";

  beforeAll(async () => {
    t = await testStore();
    d = createDomainServices(t.store, clock, settings);
    const alex = await person("alex");
    const wheel = await d.yearWheels.view(alex, "solsikken");
    await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
    const ids = (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
    [laering, later] = [ids[0]!, ids[1]!];
    const { meeting } = await d.meetings.addAdHoc(alex, laering, { guestName: "Anne Holm", guestEmail: "anne.holm@eksempel.dk" });
    anne = meeting.participants.find((p) => p.person.name === "Anne Holm")!.person.id;
  });
  afterAll(() => t.close());

  it("gives an external participant one live link: PUBLIC_URL/m/<43 characters>, the token derived from the link's id, only its hash stored", async () => {
    const first = await d.guestLinks.linkFor(laering, anne);
    const again = await d.guestLinks.linkFor(laering, anne);
    expect(again).toEqual(first);
    expect(first.url).toMatch(/^https:\/\/laeringsloop\.example\.dk\/m\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(first.url);
    expect(token).toBe(guestLinkToken(config.guestLinks.secret, first.linkId));
    const rows = await t.store.db.guestLink.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(guestTokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    // The meeting's end plus GUEST_LINK_DAYS.
    const m = (await t.store.meetings.get(laering))!;
    expect(first.expiresAt.getTime()).toBe(m.startsAt.getTime() + m.durationMinutes * 60_000 + 30 * 86_400_000);
    expect(await t.store.db.auditEntry.count({ where: { action: "guest_link.created", subjectId: first.linkId, personId: anne } })).toBe(1);
  });

  it("resolves the token to the meeting, the person and their role, and notes when it was used", async () => {
    const { url, linkId } = await d.guestLinks.linkFor(laering, anne);
    const access = await d.guestLinks.resolve(tokenOf(url));
    expect(access).toMatchObject({ linkId, role: "ad_hoc", person: { id: anne, name: "Anne Holm", aadObjectId: null }, meeting: { id: laering } });
    expect((await t.store.db.guestLink.findUniqueOrThrow({ where: { id: linkId } })).lastUsedAt?.getTime()).toBe(clock.now().getTime());
  });

  it("opens nothing for a malformed, guessed or other-secret token", async () => {
    const { url } = await d.guestLinks.linkFor(laering, anne);
    for (const bad of ["", "abc", `${tokenOf(url)}x`, tokenOf(url).slice(1), "../../etc/passwd", "a".repeat(43).replace(/a$/, "="), "ü".repeat(43)]) {
      expect(await d.guestLinks.resolve(bad), bad).toBeUndefined();
    }
    let hits = 0;
    for (let i = 0; i < 300; i++) if (await d.guestLinks.resolve(randomBytes(32).toString("base64url"))) hits++;
    expect(hits).toBe(0);
    // A new GUEST_LINK_SECRET: every link given out stops working.
    const rotated = createGuestLinkService({ links: t.store.guestLinks, meetings: t.store.meetings, clock, settings: { ...settings.guestLinks, secret: "another-secret-of-at-least-32-characters" } });
    expect(await rotated.resolve(tokenOf(url))).toBeUndefined();
  });

  it("makes links only for external participants of the meeting", async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e.text : String(e)));
    expect(await refusal(d.guestLinks.linkFor(laering, "alex"))).toBe("Kun deltagere uden Teams får et link til mødets side.");
    expect(await refusal(d.guestLinks.linkFor(later, anne))).toBe("Personen deltager ikke i mødet.");
  });

  it("follows the meeting when it moves, and stops working GUEST_LINK_DAYS after its end", async () => {
    const { url, expiresAt } = await d.guestLinks.linkFor(laering, anne);
    const m = (await t.store.meetings.get(laering))!;
    const moved = new Date(m.startsAt.getTime() + 2 * 86_400_000);
    expect(await t.store.meetings.reschedule(laering, moved, { actorId: "alex", at: clock.now() })).toBe("moved");
    const access = await d.guestLinks.resolve(tokenOf(url));
    expect(access!.expiresAt.getTime()).toBe(expiresAt.getTime() + 2 * 86_400_000);
    expect((await d.guestLinks.linkFor(laering, anne)).expiresAt).toEqual(access!.expiresAt);
    const before = clock.now();
    clock.set(new Date(access!.expiresAt.getTime() - 1000).toISOString());
    expect(await d.guestLinks.resolve(tokenOf(url))).toBeDefined();
    clock.set(access!.expiresAt.toISOString());
    expect(await d.guestLinks.resolve(tokenOf(url))).toBeUndefined();
    clock.set(before.toISOString());
    expect(await t.store.meetings.reschedule(laering, m.startsAt, { actorId: "alex", at: clock.now() })).toBe("moved");
  });

  it("is revoked by the chair only; a new link then works and the old one does not", async () => {
    const old = await d.guestLinks.linkFor(laering, anne);
    expect(await d.guestLinks.revoke(await person("megan"), old.linkId)).toBe("not-chair");
    expect(await d.guestLinks.revoke(await person("alex"), "no-such-link")).toBe("not-chair");
    expect(await d.guestLinks.resolve(tokenOf(old.url))).toBeDefined();
    expect(await d.guestLinks.revoke(await person("alex"), old.linkId)).toBe("revoked");
    expect(await d.guestLinks.revoke(await person("alex"), old.linkId)).toBe("already-revoked");
    expect(await d.guestLinks.resolve(tokenOf(old.url))).toBeUndefined();
    const fresh = await d.guestLinks.linkFor(laering, anne);
    expect(fresh.linkId).not.toBe(old.linkId);
    expect(await d.guestLinks.resolve(tokenOf(fresh.url))).toMatchObject({ linkId: fresh.linkId });
    expect(await d.guestLinks.resolve(tokenOf(old.url))).toBeUndefined();
    expect(await t.store.db.auditEntry.count({ where: { action: "guest_link.revoked", actorId: "alex", subjectId: old.linkId } })).toBe(1);
    // The chair's view shows the live link.
    const view = await d.guestLinks.forChair(await person("alex"), laering);
    expect(view.guests.map((g) => [g.person.id, g.link?.linkId, g.link?.revoked])).toEqual([[anne, fresh.linkId, false]]);
  });

  it("makes one live link when two ask at once (two clients)", async () => {
    const { meeting } = await d.meetings.addAdHoc(await person("alex"), laering, { guestName: "Per Lund", guestPhone: "12 34 56 78" });
    const per = meeting.participants.find((p) => p.person.name === "Per Lund")!.person.id;
    // Another client on PostgreSQL (another instance); SQLite has one writer, so the same client there.
    const other = createGuestLinkService({ links: (process.env.TEST_DATABASE === "postgresql" ? t.another() : t.store).guestLinks, meetings: t.store.meetings, clock, settings: settings.guestLinks });
    const [a, b] = await Promise.all([d.guestLinks.linkFor(laering, per), other.linkFor(laering, per)]);
    expect(a.linkId).toBe(b.linkId);
    expect(await t.store.db.guestLink.count({ where: { personId: per } })).toBe(1);
  });

  it("stops working when the guest is removed or the meeting is cancelled", async () => {
    const alex = await person("alex");
    const { url } = await d.guestLinks.linkFor(laering, anne);
    await d.meetings.removeAdHoc(alex, laering, { guestId: anne });
    expect(await d.guestLinks.resolve(tokenOf(url))).toBeUndefined();
    expect(await t.store.db.guestLink.count({ where: { personId: anne, revokedAt: null } })).toBe(0);

    const { meeting } = await d.meetings.addAdHoc(alex, later, { guestName: "Eva Berg", guestEmail: "eva@eksempel.dk" });
    const eva = meeting.participants.find((p) => p.person.name === "Eva Berg")!.person.id;
    const link = await d.guestLinks.linkFor(later, eva);
    expect(await d.guestLinks.resolve(tokenOf(link.url))).toBeDefined();
    expect(await t.store.meetings.cancel(later, { actorId: "alex", at: clock.now() })).toBe("cancelled");
    expect(await d.guestLinks.resolve(tokenOf(link.url))).toBeUndefined();
    expect((await t.store.db.guestLink.findUniqueOrThrow({ where: { id: link.linkId } })).revokedAt).not.toBeNull();
  });
});
