import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { strings } from "../../src/lib/strings.da.js";
import { users, type BotHarness } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";
import { botWithExternalBo, domainOf, guestLink } from "./guest-link.js";

/**
 * The guest page through real HTTP against the real bot (issue 22 points 2, 4 and 5;
 * docs/decisions/0026-guest-page.md): Bo, on Solsikken's board and outside Teams, opens his link to
 * the loop's first læringssamtale. Every answer carries the security headers; the forms post back
 * (303 to the page, or the page with what to correct and 422); what he sends lands as a Teams
 * participant's would (the chair's dagsorden copy is updated), once, however often it is posted;
 * a revoked, unknown or guessed link gets one polite page; the token is never logged.
 */
describe("the guest page over HTTP", () => {
  let h: BotHarness;
  let stop: () => Promise<void>;
  let meetingId = "";
  let link: { path: string; url: string; linkId: string };
  const logged: string[] = [];
  const base = () => h.url.replace("/api/messages", "");
  const get = (path: string) => fetch(`${base()}${path}`, { redirect: "manual" });
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }) =>
    fetch(`${base()}${path}`, { method: "POST", body: new URLSearchParams(fields).toString(), headers, redirect: "manual" });

  beforeAll(async () => {
    const log = pino({ level: "debug" }, new Writable({ write: (chunk, _enc, done) => (logged.push(String(chunk)), done()) }));
    const bot = await botWithExternalBo({ scheduler: true, log });
    ({ h, stop } = bot);
    meetingId = bot.meetingIds[0]!;
    link = await guestLink(h, meetingId, "bo");
  });
  afterAll(() => stop());

  const expectHeaders = (res: Response) => {
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
  };

  it("opens the dagsorden for the link's person, with the security headers", async () => {
    const res = await get(link.path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expectHeaders(res);
    const body = await res.text();
    expect(body).toContain('<html lang="da">');
    expect(body).toContain("Dagtilbud Solsikken");
    expect(body).toContain(strings.agenda.standing);
    expect(body).toContain(strings.guestPage.forPerson("Bo Kristensen"));
  });

  it("a guide sent with a required answer missing: the page again, 422, the error at the field; then sent, 303, once however often posted; the chair's dagsorden copy updated", async () => {
    const guide = await domainOf(h).reflections.view((await h.bot.store.people.byId("bo"))!, meetingId);
    const required = guide.questions.find((q) => q.required)!;
    const refused = await post(`${link.path}/refleksion`, { version: "0", handling: "send" });
    expect(refused.status).toBe(422);
    expectHeaders(refused);
    const page = await refused.text();
    expect(page).toContain(`id="q_${required.id}-fejl"`);
    expect(page).toContain(`href="#q_${required.id}"`);

    // Alex (the chair) opens the dagsorden in Teams: his copy shows Bo's reflection as not sent.
    await h.click(users.alex, "agenda.open", { meetingId, from: "meetings" });
    const agendaCopy = h.connector.posted.filter((p) => p.conversationId === h.conversationId(users.alex) && cardText(p.activity).includes("Refleksion fra Bo Kristensen")).at(-1)!;
    expect(cardText(agendaCopy.activity)).toContain("Refleksion fra Bo Kristensen (bestyrelsesrepræsentant): ikke sendt endnu");
    const updatesBefore = h.connector.updated.length;

    const fields = { version: "0", handling: "send", ...Object.fromEntries(guide.questions.map((q) => [`q_${q.id}`, "Forældrene spørger til overgangen til skole."])) };
    const sent = await post(`${link.path}/refleksion`, fields);
    expect(sent.status).toBe(303);
    expectHeaders(sent);
    expect(sent.headers.get("location")).toBe(`${link.path}/refleksion?gemt=ja`);
    const again = await post(`${link.path}/refleksion`, fields);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`${link.path}/refleksion?gemt=uaendret`);
    expect(await h.bot.store.db.reflection.count({ where: { meetingId, authorId: "bo" } })).toBe(1);

    await h.bot.settled();
    const update = h.connector.updated.slice(updatesBefore).filter((u) => u.activityId === agendaCopy.activityId).at(-1);
    expect(update && cardText(update.activity)).toContain("Refleksion fra Bo Kristensen (bestyrelsesrepræsentant): sendt");

    const shown = await get(`${link.path}/refleksion?gemt=ja`);
    expect(await shown.text()).toContain(strings.guestPage.saved);
  });

  it("an unknown ?gemt= (constructor, __proto__, toString) shows the page without a notice, never an error", async () => {
    const errorsBefore = logged.filter((l) => JSON.parse(l).level >= 50).length;
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const res = await get(`${link.path}/refleksion?gemt=${word}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).not.toContain('role="status"');
      expect(body).toContain(strings.guestPage.sections.refleksion);
    }
    expect(logged.filter((l) => JSON.parse(l).level >= 50).length).toBe(errorsBefore);
  });

  it("refuses what is not a form, or too large, calmly; other methods are not allowed", async () => {
    const json = await post(`${link.path}/refleksion`, { version: "0" }, { "content-type": "application/json" });
    expect(json.status).toBe(415);
    expectHeaders(json);
    const big = await fetch(`${base()}${link.path}/refleksion`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `q_x=${"a".repeat(300 * 1024)}` });
    expect(big.status).toBe(413);
    const put = await fetch(`${base()}${link.path}`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
    const bad = await post(`${link.path}/refleksion`, { version: "x" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(strings.guestPage.invalidForm);
  });

  it("a revoked link, an unknown token and a malformed one: the same polite page, 404", async () => {
    const alex = (await h.bot.store.people.byId("alex"))!;
    const other = await guestLink(h, meetingId, "bo");
    expect(other.path).toBe(link.path);
    const unknown = `/m/${"A".repeat(43)}`;
    const malformed = "/m/%3Cscript%3E";
    const before = await Promise.all([get(unknown), get(malformed), get(`${unknown}/udtalelse`), post(`${unknown}/refleksion`, { version: "0" })]);
    const bodies = await Promise.all(before.map((r) => r.text()));
    for (const [i, r] of before.entries()) {
      expect(r.status).toBe(404);
      expectHeaders(r);
      expect(bodies[i]).toBe(bodies[0]);
    }
    expect(bodies[0]).toContain(strings.guestPage.goneTitle);
    expect(await domainOf(h).guestLinks.revoke(alex, link.linkId)).toBe("revoked");
    const revoked = await get(link.path);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe(bodies[0]);
  });

  it("a link past its expiry (the meeting's end plus GUEST_LINK_DAYS): the same polite page, 404", async () => {
    const fresh = await guestLink(h, meetingId, "bo");
    expect((await get(fresh.path)).status).toBe(200);
    const unknown = await (await get(`/m/${"B".repeat(43)}`)).text();
    const { expiresAt } = await domainOf(h).guestLinks.linkFor(meetingId, "bo");
    h.clock.set(new Date(expiresAt.getTime() + 60_000).toISOString());
    const expired = await get(fresh.path);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(unknown);
  });

  it("never logs the token", () => {
    const token = link.path.split("/")[2]!;
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).toContain("guest page");
    expect(logged.join("\n")).not.toContain(token);
  });
});
