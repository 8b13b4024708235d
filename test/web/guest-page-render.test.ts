import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import type { DomainServices } from "../../src/domain/services.js";
import type { Effects } from "../../src/domain/effects.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { strings } from "../../src/lib/strings.da.js";
import { basePathOf, createGuestPage, type GuestAccessView } from "../../src/web/guest-page.js";
import { withSolsikkenConfirmed } from "../helpers/confirmed-loop.js";
import type { ManualClock } from "../helpers/bot-harness.js";

/**
 * The guest page's controller and renderers on the real domain services and a real database (the
 * example organisation, Solsikken's årshjul confirmed): Bo is on Solsikken's board, a participant
 * in the loop's first læringssamtale and asked for the board's udtalelse before the later ones. The
 * link itself (its token and lifetime) is the guest link service's; here a token opens what the
 * test says, so the page is tested apart from it. Through HTTP and Chromium: guest-page-http.test.ts, guest-page-browser.test.ts.
 */
describe("the guest page on the real services", () => {
  let t: Awaited<ReturnType<typeof withSolsikkenConfirmed>>["t"];
  let d: DomainServices;
  let clock: ManualClock;
  let first: Meeting;
  let later: Meeting;
  let bo: Person;
  const applied: Effects[] = [];
  const TOKEN = "a".repeat(43);
  let opens: GuestAccessView | undefined;

  const page = (basePath?: string) =>
    createGuestPage({
      basePath,
      resolve: async (token) => (token === TOKEN && opens ? { ...opens, meeting: (await t.store.meetings.get(opens.meeting.id))! } : undefined),
      meetings: d.meetings,
      reflections: d.reflections,
      boardStatements: d.boardStatements,
      forms: d.forms,
      referatApprovals: d.referatApprovals,
      focusAreas: d.focusAreas,
      applyEffects: (e) => applied.push(e),
      clock,
      timezone: "Europe/Copenhagen",
      maxTextLength: 2000,
      boardStatementDays: 30,
      log: pino({ level: "silent" }),
    });
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

  beforeEach(async () => {
    ({ t, d, clock } = await withSolsikkenConfirmed());
    const ids = (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
    first = (await t.store.meetings.get(ids[0]!))!;
    later = (await t.store.meetings.get(ids[1]!))!;
    bo = (await t.store.people.byId("bo"))!;
    applied.length = 0;
  });
  afterEach(() => t.close());

  it("shows a participant the dagsorden, in Danish, with the meeting's facts and no script", async () => {
    opens = { meeting: first, person: bo, expiresAt: new Date("2027-06-01T10:00:00Z") };
    const res = await page().get(TOKEN, undefined, new URLSearchParams());
    expect(res.status).toBe(200);
    const body = res.body!;
    expect(body).toMatch(/^<!doctype html>\n<html lang="da">/);
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(body).toContain("Dagtilbud Solsikken");
    expect(body).toContain(strings.guestPage.sections.dagsorden);
    expect(body).toContain(strings.agenda.standing);
    expect(body).toContain('href="#indhold"');
    expect(body).not.toMatch(/<script/i);
    // Headings in order: one h1, then h2s.
    const levels = [...body.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    levels.slice(1).forEach((l, i) => expect(l - (levels[i] ?? 1)).toBeLessThanOrEqual(1));
  });

  it("the refleksionsguide: the role's questions and marks; errors next to the field and in the summary; sent once, however often posted", async () => {
    opens = { meeting: first, person: bo, expiresAt: new Date("2027-06-01T10:00:00Z") };
    const guide = await d.reflections.view(bo, first.id);
    const required = guide.questions.filter((q) => q.required);
    expect(guide.questions.length).toBeGreaterThan(0);
    const shown = await page().get(TOKEN, "refleksion", new URLSearchParams());
    expect(shown.status).toBe(200);
    for (const q of guide.questions) expect(shown.body).toContain(`<label for="q_${q.id}">`);
    if (required.length) expect(shown.body).toContain(strings.generic.requiredMark);

    // Nothing written where an answer is required: the page again, 422, the error beside the field and linked from the summary.
    if (required.length) {
      const refused = await page().post(TOKEN, "refleksion", form({ version: "0", handling: "send" }));
      expect(refused.status).toBe(422);
      const q = required[0]!;
      expect(refused.body).toContain(`href="#q_${q.id}"`);
      expect(refused.body).toContain(`id="q_${q.id}-fejl"`);
      expect(refused.body).toMatch(new RegExp(`<textarea id="q_${q.id}"[^>]*aria-describedby="q_${q.id}-fejl q_${q.id}-tekst q_${q.id}-hjaelp"[^>]*aria-invalid="true"`));
      expect(refused.body).toContain(strings.reflection.answerRequired);
      expect(refused.body).toMatch(/<title>Fejl: /);
      expect(applied).toHaveLength(0);
    }

    // Typed text with markup is shown as text when a send is refused and kept in the field.
    const answers = Object.fromEntries(guide.questions.map((q, i) => [`q_${q.id}`, i === 0 ? "Vi <b>lærer</b> & vokser" : "Svar"]));
    const sent = await page().post(TOKEN, "refleksion", form({ version: "0", handling: "send", ...answers }));
    expect(sent).toEqual({ status: 303, location: `/m/${TOKEN}/refleksion?gemt=ja` });
    expect(applied.at(-1)!.changed).toEqual([{ subject: "reflection", meetingId: first.id, authorId: "bo" }]);
    const again = await page().post(TOKEN, "refleksion", form({ version: "0", handling: "send", ...answers }));
    expect(again).toEqual({ status: 303, location: `/m/${TOKEN}/refleksion?gemt=uaendret` });
    expect(await t.store.db.reflection.count({ where: { meetingId: first.id, authorId: "bo" } })).toBe(1);
    const after = await page().get(TOKEN, "refleksion", new URLSearchParams("gemt=ja"));
    expect(after.body).toContain(strings.guestPage.saved);
    expect(after.body).toContain("Vi &lt;b&gt;lærer&lt;/b&gt; &amp; vokser");
  });

  it("the board's udtalelse for a representative asked for it: no dagsorden, the form, stored once", async () => {
    opens = { meeting: later, person: bo, expiresAt: new Date("2027-12-01T10:00:00Z") };
    const shown = await page().get(TOKEN, undefined, new URLSearchParams());
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(strings.board.label);
    expect(shown.body).not.toContain(strings.agenda.standing);
    // The placeholder without the card's «Højst … tegn» (the page says the limit beside the field).
    expect(shown.body).toContain(`placeholder="${strings.board.placeholder}"`);
    expect((await page().get(TOKEN, "dagsorden", new URLSearchParams())).status).toBe(303);

    const empty = await page().post(TOKEN, "udtalelse", form({ version: "0", statement: "  " }));
    expect(empty.status).toBe(422);
    expect(empty.body).toContain(strings.board.required);
    expect(empty.body).toContain('href="#statement"');

    const text = "Bestyrelsen ønsker mere fokus på overgange.";
    const first = await page().post(TOKEN, "udtalelse", form({ version: "0", statement: text }));
    expect(first).toEqual({ status: 303, location: `/m/${TOKEN}/udtalelse?gemt=ja` });
    const second = await page().post(TOKEN, "udtalelse", form({ version: "0", statement: text }));
    expect(second).toEqual({ status: 303, location: `/m/${TOKEN}/udtalelse?gemt=uaendret` });
    expect(await t.store.db.boardStatement.count({ where: { meetingId: later.id } })).toBe(1);
    expect(applied.flatMap((e) => e.changed)).toEqual([{ subject: "boardStatement", meetingId: later.id, authorId: "bo" }]);
    // A correction tapped twice at once: both answered as saved, one statement, one version more.
    const version = String((await d.boardStatements.view(bo, later.id)).statement!.version);
    const both = await Promise.all([1, 2].map(() => page().post(TOKEN, "udtalelse", form({ version, statement: `${text} Og om sprog.` }))));
    expect(both.map((b) => b.status)).toEqual([303, 303]);
    expect(await t.store.db.boardStatement.findMany({ where: { meetingId: later.id }, select: { text: true } })).toEqual([{ text: `${text} Og om sprog.` }]);

    // Once the meeting has been held: what the Teams card shows him, the udtalelse read-only, no form, no dagsorden.
    clock.set(new Date(later.startsAt.getTime() + (later.durationMinutes + 60) * 60_000).toISOString());
    const held = await page().get(TOKEN, undefined, new URLSearchParams());
    expect(held.status).toBe(200);
    expect(held.body).toContain(`${text} Og om sprog.`);
    expect(held.body).not.toContain("<form");
    expect(held.body).not.toContain(strings.agenda.standing);
    expect((await page().post(TOKEN, "udtalelse", form({ version, statement: "For sent" }))).status).toBe(422);
    expect(await t.store.db.boardStatement.findMany({ where: { meetingId: later.id }, select: { text: true } })).toEqual([{ text: `${text} Og om sprog.` }]);
  });

  it("after the meeting: the referat once it is closed, never the reflections' texts", async () => {
    opens = { meeting: first, person: bo, expiresAt: new Date("2027-06-01T10:00:00Z") };
    const guide = await d.reflections.view(bo, first.id);
    await d.reflections.send(bo, first.id, Object.fromEntries(guide.questions.map((q) => [q.id, "Forældrenes hemmelige svar"])), undefined);
    expect((await page().get(TOKEN, "referat", new URLSearchParams())).status).toBe(303);
    clock.set("2027-03-22T12:00:00+01:00");
    const alex = (await t.store.people.byId("alex"))!;
    const m = (await t.store.meetings.get(first.id))!;
    await d.forms.save(alex, first.id, m.version, [{ decision: "Vi vælger sprog som fokusområde", followUpText: "Plan for sprog", ownerId: "megan", dueDate: "2027-05-01" }], true);
    const res = await page().get(TOKEN, "referat", new URLSearchParams());
    expect(res.status).toBe(200);
    expect(res.body).toContain("Vi vælger sprog som fokusområde");
    expect(res.body).toContain(strings.guestPage.sections.referat);
    expect(res.body).not.toContain("Forældrenes hemmelige svar");
    // «Godkend referat» (docs/decisions/0027): twice is once; who approved is shown.
    expect(res.body).toContain(strings.referatApproval.approveButton);
    const version = String((await t.store.meetings.get(first.id))!.referatVersion);
    expect(await page().post(TOKEN, "referat", form({ referatVersion: version, handling: "godkend" }))).toEqual({ status: 303, location: `/m/${TOKEN}/referat?gemt=godkendt` });
    expect(await page().post(TOKEN, "referat", form({ referatVersion: version, handling: "godkend" }))).toEqual({ status: 303, location: `/m/${TOKEN}/referat?gemt=uaendret` });
    expect((await d.referatApprovals.status(first.id))!.approvals.map((a) => a.personId)).toEqual(["bo"]);
    const approved = await page().get(TOKEN, "referat", new URLSearchParams("gemt=godkendt"));
    expect(approved.body).toContain(strings.referatApproval.approvedNow);
    expect(approved.body).toContain(strings.referatApproval.approvedBy("Bo Kristensen"));
    expect(approved.body).not.toContain(`value="godkend"`);
    // A remark: required (422, beside the field), then sent to the chair once.
    const empty = await page().post(TOKEN, "referat", form({ referatVersion: version, handling: "bemaerkning", remark: " " }));
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('id="remark-fejl"');
    expect(empty.body).toContain('href="#remark"');
    expect(await page().post(TOKEN, "referat", form({ referatVersion: version, handling: "bemaerkning", remark: "Punkt 2 mangler." }))).toEqual({ status: 303, location: `/m/${TOKEN}/referat?gemt=bemaerkning` });
    expect((await page().post(TOKEN, "referat", form({ referatVersion: version, handling: "bemaerkning", remark: "Punkt 2 mangler." }))).location).toBe(`/m/${TOKEN}/referat?gemt=uaendret`);
    expect((await d.referatApprovals.status(first.id))!.remarks.map((r) => r.text)).toEqual(["Punkt 2 mangler."]);
    expect((await page().get(TOKEN, "referat", new URLSearchParams("gemt=bemaerkning"))).body).toContain(strings.referatApproval.yourRemarks(1));
    // The same new remark POSTed twice at once (a double tap, two tabs): one row, one outbox row to the chair, one «sendt» and one «allerede gemt».
    const twice = await Promise.all([1, 2].map(() => page().post(TOKEN, "referat", form({ referatVersion: version, handling: "bemaerkning", remark: "Punkt 3 mangler." }))));
    expect(twice.map((a) => a.location).sort()).toEqual([`/m/${TOKEN}/referat?gemt=bemaerkning`, `/m/${TOKEN}/referat?gemt=uaendret`]);
    expect((await t.store.db.referatRemark.findMany({ where: { meetingId: first.id, personId: "bo" } })).map((r) => r.text).sort()).toEqual(["Punkt 2 mangler.", "Punkt 3 mangler."]);
    expect(await t.store.db.notification.count({ where: { kind: "referat_remark", personId: first.chairId } })).toBe(2);
    // An old version's form: the newest shown, what was typed kept.
    const stale = await page().post(TOKEN, "referat", form({ referatVersion: "0", handling: "bemaerkning", remark: "Gammel" }));
    expect(stale.status).toBe(422);
    expect(stale.body).toContain(">Gammel</textarea>");
    expect(stale.body).toContain(strings.guestPage.stale);
    // «Godkend referat» from an old version: the newest shown, without «det, du skrev» (nothing was typed).
    const staleApproval = await page().post(TOKEN, "referat", form({ referatVersion: "0", handling: "godkend" }));
    expect(staleApproval.status).toBe(422);
    expect(staleApproval.body).toContain(strings.guestPage.staleNothingTyped);
    expect(staleApproval.body).not.toContain(strings.guestPage.stale);

    // The guide after the start: read-only, no form.
    const locked = await page().get(TOKEN, "refleksion", new URLSearchParams());
    expect(locked.body).not.toContain("<form");
  });

  it("PUBLIC_URL with a path (https://host/laeringsloop): links, form actions and redirects start with it", async () => {
    expect(basePathOf("https://kommune.example.dk/laeringsloop/")).toBe("/laeringsloop");
    expect(basePathOf("https://kommune.example.dk")).toBe("");
    opens = { meeting: first, person: bo, expiresAt: new Date("2027-06-01T10:00:00Z") };
    const p = page("/laeringsloop");
    const agenda = await p.get(TOKEN, undefined, new URLSearchParams());
    expect(agenda.body).toContain(`href="/laeringsloop/m/${TOKEN}/refleksion"`);
    expect(agenda.body).not.toMatch(/(href|action)="\/m\//);
    const guide = await p.get(TOKEN, "refleksion", new URLSearchParams());
    expect(guide.body).toContain(`action="/laeringsloop/m/${TOKEN}/refleksion"`);
    expect(guide.body).not.toMatch(/(href|action)="\/m\//);
    expect(await p.get(TOKEN, "udtalelse", new URLSearchParams())).toEqual({ status: 303, location: `/laeringsloop/m/${TOKEN}` });
    const view = await d.reflections.view(bo, first.id);
    const sent = await p.post(TOKEN, "refleksion", form({ version: "0", handling: "send", ...Object.fromEntries(view.questions.map((q) => [`q_${q.id}`, "Svar"])) }));
    expect(sent).toEqual({ status: 303, location: `/laeringsloop/m/${TOKEN}/refleksion?gemt=ja` });
  });

  it("an unknown, mistyped or absent link: one polite page, 404, the same for all", async () => {
    opens = undefined;
    const answers = await Promise.all([page().get(TOKEN, undefined, new URLSearchParams()), page().get("kort", undefined, new URLSearchParams()), page().get("<script>", "refleksion", new URLSearchParams()), page().post(TOKEN, "udtalelse", form({ statement: "x", version: "0" }))]);
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.body).toContain(strings.guestPage.goneTitle);
  });
});
