import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";
import { withSolsikkenConfirmed } from "../helpers/confirmed-loop.js";

/**
 * The læringsloop's rules on a real SQLite store with the example organisation, no Teams in
 * between: carry-over between læringssamtaler and 1:1s, intentionstrængsel, evaluation dates,
 * and templates that change before a meeting's pack is sent. Solsikken: Alex (chief), Megan
 * (leader), Jonas (pædagogisk leder), Hanne (staff), Bo (board), Karim (consultant).
 */
describe("læringsloop rules", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const refusal = (p: Promise<unknown>) => p.then(() => "accepted", (e: unknown) => (e instanceof AppError ? e.code : String(e)));
  const meetingsOf = async (kind: string, chairId?: string) =>
    (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind, ...(chairId ? { chairId } : {}) }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  const meeting = async (id: string) => (await t.store.meetings.get(id)) as Meeting;
  const row = (text: string, ownerId: string, extra: { evaluateOn?: string; dueDate?: string } = {}) => ({
    decision: `Beslutning: ${text}`,
    followUpText: text,
    ownerId,
    dueDate: extra.dueDate ?? "2027-12-01",
    evaluateOn: extra.evaluateOn,
  });
  /** Saves the form of a meeting as its chair, adding rows to what is there. */
  const addRows = async (meetingId: string, rows: ReturnType<typeof row>[]) => {
    const m = await meeting(meetingId);
    const chair = await person(m.chairId);
    const open = await d.forms.open(chair, meetingId);
    const kept = open.rows.map((r) => ({ keep: true, decisionId: r.decisionId, followUpId: r.followUpId, decision: r.decision, followUpText: r.followUpText ?? "" }));
    return d.forms.save(chair, meetingId, m.version, [...kept, ...rows], false);
  };

  beforeEach(async () => {
    ({ t, clock, d } = await withSolsikkenConfirmed());
  });
  afterEach(() => t.close());

  describe("carry-over between læringssamtaler and 1:1s", () => {
    it("a 1:1 follows up on the læringssamtale agreements of the person it follows up on; the next læringssamtale on all of them", async () => {
      const [first, second] = await meetingsOf("laeringssamtale");
      await addRows(first!, [row("Sprogindsats i vuggestuen", "megan"), row("Dialogisk læsning i to grupper", "jonas"), row("Forankring i personalegruppen", "hanne")]);

      const after = [];
      for (const id of await meetingsOf("one_on_one", "alex")) if ((await meeting(id)).startsAt > (await meeting(first!)).startsAt) after.push(id);
      const carried = async (id: string, viewer: string) => (await d.meetings.agenda(await person(viewer), id)).carried.map((c) => c.followUp.text);
      expect(await carried(after[0]!, "megan")).toEqual(["Sprogindsats i vuggestuen"]);

      const plAfter = [];
      for (const id of await meetingsOf("leader_pl", "megan")) if ((await meeting(id)).startsAt > (await meeting(first!)).startsAt) plAfter.push(id);
      expect(await carried(plAfter[0]!, "jonas")).toEqual(["Dialogisk læsning i to grupper"]);

      // A 1:1's own agreements stay between its two people: the læringssamtale sees counts only.
      await addRows(after[0]!, [row("Budgetopfølgning med økonomi", "megan"), row("Sygefravær drøftes i MED", "megan")]);
      const done = await t.store.db.followUp.findFirstOrThrow({ where: { text: "Sygefravær drøftes i MED" } });
      await d.followUps.markDone(await person("megan"), done.id, done.version);
      // Before the 1:1s are held they do not count; the day before the next læringssamtale all three do.
      expect((await d.meetings.agenda(await person("hanne"), second!)).oneOnOneInput).toMatchObject({ meetings: 0 });
      clock.set(new Date((await meeting(second!)).startsAt.getTime() - 86_400_000).toISOString());
      const next = await d.meetings.agenda(await person("hanne"), second!);
      expect(next.carried.map((c) => c.followUp.text).sort()).toEqual(["Dialogisk læsning i to grupper", "Forankring i personalegruppen", "Sprogindsats i vuggestuen"]);
      expect(next.oneOnOneInput).toMatchObject({ meetings: 3, open: 1, done: 1 });
      expect(next.oneOnOneInput?.since?.toISOString()).toBe((await meeting(first!)).startsAt.toISOString());
    });

    it("a læringssamtale follows up on the unit's earlier ones whoever chaired, never on later ones", async () => {
      const [first, second] = await meetingsOf("laeringssamtale");
      await addRows(first!, [row("Sprogindsats i vuggestuen", "megan")]);
      // A new chief takes over the area between the two conversations.
      await t.store.db.meeting.update({ where: { id: second! }, data: { chairId: "megan" } });
      expect((await d.meetings.agenda(await person("megan"), second!)).carried.map((c) => c.followUp.text)).toEqual(["Sprogindsats i vuggestuen"]);
      await addRows(second!, [row("Evaluering af sprogindsats", "jonas")]);
      expect((await d.meetings.agenda(await person("megan"), first!)).carried).toEqual([]);
    });
  });

  describe("intentionstrængsel", () => {
    it("counts open follow-ups and active focus areas against the unit's ceiling, tells the chief once per crossing", async () => {
      await t.store.db.unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 3 } });
      const [first] = await meetingsOf("laeringssamtale");
      const notices = () => t.store.db.notification.count({ where: { kind: "unit_congested", subjectId: "solsikken" } });
      const flagged = async () => (await t.store.db.unit.findUniqueOrThrow({ where: { id: "solsikken" } })).congestedSince !== null;

      const saved = await addRows(first!, [row("Et", "megan"), row("To", "jonas")]);
      expect(saved.load).toMatchObject({ count: 2, ceiling: 3, over: false });
      await d.focusAreas.save(await person("alex"), first!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }]);
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 3, over: false });
      expect(await flagged()).toBe(false);

      // Adding beyond the ceiling is allowed; the unit is flagged and the chief told once.
      const over = await addRows(first!, [row("Tre", "hanne")]);
      expect(over.load).toMatchObject({ count: 4, ceiling: 3, over: true });
      expect(await flagged()).toBe(true);
      expect(await notices()).toBe(1);
      await addRows(first!, [row("Fire", "megan")]);
      expect(await notices()).toBe(1);

      // Back at the ceiling the flag clears; the next crossing is a new signal.
      for (const text of ["Tre", "Fire"]) {
        const f = await t.store.db.followUp.findFirstOrThrow({ where: { text } });
        await d.followUps.markDone(await person(f.ownerId), f.id, f.version);
      }
      expect(await flagged()).toBe(false);
      clock.set("2026-11-24T09:00:00+01:00");
      await addRows(first!, [row("Fem", "megan")]);
      expect(await flagged()).toBe(true);
      expect(await notices()).toBe(2);
    });

    it("writes the flag only when it changes (a check on a unit already as it should be writes nothing)", async () => {
      await t.store.db.unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 1 } });
      const [first] = await meetingsOf("laeringssamtale");
      const writes = vi.spyOn(t.store.units, "setCongested");
      await addRows(first!, [row("Et", "megan")]);
      expect(writes).not.toHaveBeenCalled(); // at the ceiling, not flagged
      await addRows(first!, [row("To", "jonas")]);
      expect(writes).toHaveBeenCalledTimes(1); // over: flagged
      expect(await d.congestion.check("solsikken", "alex")).toMatchObject({ load: { count: 2, over: true }, planned: 0 });
      expect(writes).toHaveBeenCalledTimes(1); // still over, already flagged
      const f = await t.store.db.followUp.findFirstOrThrow({ where: { text: "To" } });
      await d.followUps.markDone(await person(f.ownerId), f.id, f.version);
      expect(writes).toHaveBeenCalledTimes(2); // back at the ceiling: cleared
      expect((await t.store.db.unit.findUniqueOrThrow({ where: { id: "solsikken" } })).congestedSince).toBeNull();
      writes.mockRestore();
    });

    it("after a follow-up is marked done, counts the unit only when it is flagged and the follow-up is a læringssamtale's (done can only lower the load)", async () => {
      await t.store.db.unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 1 } });
      const [first] = await meetingsOf("laeringssamtale");
      const [oneToOne] = await meetingsOf("one_on_one", "alex");
      const flagged = async () => (await t.store.db.unit.findUniqueOrThrow({ where: { id: "solsikken" } })).congestedSince !== null;
      const markDone = async (text: string) => {
        const f = await t.store.db.followUp.findFirstOrThrow({ where: { text } });
        return d.followUps.markDone(await person(f.ownerId), f.id, f.version);
      };
      await addRows(first!, [row("Et", "megan")]);
      await t.store.db.followUp.create({ data: { id: "privat", meetingId: oneToOne!, unitId: "solsikken", meetingKind: "one_on_one", text: "Privat", ownerId: "megan", dueDate: "2027-12-01" } });
      const counts = vi.spyOn(t.store.units, "countOpenFollowUps");
      const reads = vi.spyOn(t.store.units, "get");
      // Not flagged: marking done cannot flag it, so nothing is counted.
      await markDone("Et");
      expect([counts.mock.calls.length, await flagged()]).toEqual([0, false]);
      // Flagged: counted, and cleared once back at the ceiling.
      await addRows(first!, [row("To", "megan"), row("Tre", "jonas")]);
      expect(await flagged()).toBe(true);
      counts.mockClear();
      reads.mockClear();
      // A 1:1's follow-up does not weigh on the unit: its unit is not even read.
      await markDone("Privat");
      expect([reads.mock.calls.length, counts.mock.calls.length, await flagged()]).toEqual([0, 0, true]);
      await markDone("To");
      expect(counts).toHaveBeenCalledTimes(1);
      expect(await flagged()).toBe(false);
      counts.mockRestore();
      reads.mockRestore();
    });

    it("decides the flag the same whether it counts everything (check) or only up to one past the ceiling (checkFlag)", async () => {
      await t.store.db.unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 2 } });
      const [first] = await meetingsOf("laeringssamtale");
      const flagged = async () => (await t.store.db.unit.findUniqueOrThrow({ where: { id: "solsikken" } })).congestedSince !== null;
      const setTo = async (open: number, focus: number) => {
        await t.store.db.followUp.deleteMany({});
        await t.store.db.focusArea.deleteMany({});
        await t.store.db.followUp.createMany({ data: Array.from({ length: open }, (_, i) => ({ id: `f${i}`, meetingId: first!, unitId: "solsikken", meetingKind: "laeringssamtale", text: "x", ownerId: "megan", dueDate: "2027-12-01" })) });
        await t.store.db.followUp.create({ data: { id: "done", meetingId: first!, unitId: "solsikken", meetingKind: "laeringssamtale", text: "x", ownerId: "megan", dueDate: "2027-12-01", status: "done" } });
        await t.store.db.focusArea.createMany({ data: Array.from({ length: focus }, (_, i) => ({ id: `a${i}`, unitId: "solsikken", loopId: "l", themeId: "t", title: "x", meetingId: first!, position: i })) });
      };
      for (const [open, focus] of [[0, 0], [2, 0], [3, 0], [0, 3], [1, 1], [1, 2], [2, 1], [5, 5], [1, 0]] as const) {
        await setTo(open, focus);
        await d.congestion.checkFlag("solsikken");
        const byFlag = await flagged();
        const full = (await d.congestion.check("solsikken", "alex")).load;
        expect({ open, focus, flagged: byFlag }).toEqual({ open, focus, flagged: full!.over });
        expect(await flagged(), `${open}+${focus}`).toBe(full!.over);
      }
    });

    it("uses the default ceiling where the unit has none, and the unit's own where it has", async () => {
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 0, ceiling: 8 });
      expect(await d.congestion.load("aaskolen", "alex")).toMatchObject({ ceiling: 10 });
    });
  });

  describe("evaluation dates (solnedgangsklausul)", () => {
    it("plans one card for owner and chair on the date, next working day if it is closed; extend re-plans, end cancels", async () => {
      const [first] = await meetingsOf("laeringssamtale");
      // Saturday 1 May 2027: the card comes on Monday 3 May at the start of the working day.
      await addRows(first!, [row("Dialogisk læsning", "jonas", { evaluateOn: "2027-05-01" })]);
      const fu = await t.store.db.followUp.findFirstOrThrow({ where: { text: "Dialogisk læsning" } });
      const pending = () => t.store.db.notification.findMany({ where: { kind: "followup_expiry", subjectId: fu.id, status: "pending" }, orderBy: { personId: "asc" } });
      expect((await pending()).map((n) => `${n.personId}@${n.dueAt.toISOString()}`)).toEqual(["alex@2027-05-03T06:00:00.000Z", "jonas@2027-05-03T06:00:00.000Z"]);

      const jonas = await person("jonas");
      const hanne = await person("hanne");
      expect(await refusal(d.evaluations.extend(hanne, "followup", fu.id, fu.version, "2027-09-01"))).toBe("not-authorised");
      expect(await refusal(d.evaluations.extend(jonas, "followup", fu.id, fu.version, "2026-11-01"))).toBe("invalid-input");
      expect(await refusal(d.evaluations.extend(jonas, "followup", fu.id, fu.version + 1, "2027-09-01"))).toBe("stale-card");
      await d.evaluations.extend(jonas, "followup", fu.id, fu.version, "2027-09-01");
      expect((await pending()).map((n) => n.key.split(":").pop())).toEqual(["2027-09-01", "2027-09-01"]);

      const now = await t.store.db.followUp.findUniqueOrThrow({ where: { id: fu.id } });
      await d.evaluations.end(await person("alex"), "followup", fu.id, now.version);
      expect((await t.store.db.followUp.findUniqueOrThrow({ where: { id: fu.id } })).status).toBe("cancelled");
      expect(await pending()).toEqual([]);
      expect(await refusal(d.evaluations.end(await person("alex"), "followup", fu.id, now.version + 1))).toBe("invalid-input");
    });

    it("lets the chief or leader put a focus area up for evaluation on the next læringssamtale", async () => {
      const [first, second] = await meetingsOf("laeringssamtale");
      const alex = await person("alex");
      await d.focusAreas.save(alex, first!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet", evaluateOn: "2027-08-02" }]);
      const area = await t.store.db.focusArea.findFirstOrThrow();
      expect((await t.store.db.notification.findMany({ where: { kind: "focus_expiry", subjectId: area.id } })).map((n) => n.personId).sort()).toEqual(["alex", "megan"]);
      expect(await refusal(d.evaluations.view(await person("jonas"), "focus", area.id))).toBe("not-authorised");

      clock.set("2027-08-02T09:00:00+02:00");
      expect(await d.evaluations.view(alex, "focus", area.id)).toMatchObject({ due: true, state: "open", text: "Sprogmiljøet" });
      await d.evaluations.evaluateNext(await person("megan"), "focus", area.id, area.version);
      // A repeated click changes nothing.
      await d.evaluations.evaluateNext(await person("megan"), "focus", area.id, area.version);
      const agenda = await d.meetings.agenda(alex, second!);
      expect(agenda.focusAreas.map((f) => [f.title, f.evaluateAtNextMeeting])).toEqual([["Sprogmiljøet", true]]);
    });
  });

  describe("templates as data", () => {
    it("gives meetings whose pack is not sent the changed template, and leaves sent ones alone", async () => {
      const [first, second] = await meetingsOf("laeringssamtale");
      await t.store.meetings.freezeTemplate(first!);
      const base = domainSettings(loadConfig({}));
      const later = base.templates["laeringssamtale-opfoelgende"];
      const changed = {
        ...base,
        templates: { ...base.templates, "laeringssamtale-opfoelgende": { ...later, agenda: [...later.agenda, { id: "nyt-punkt", title: "Nyt fast punkt", minutes: 10, closing: false }] } },
      };
      const refreshed = createDomainServices(t.store, clock, changed);
      expect(await refreshed.meetings.refreshTemplates()).toBe(3); // the three later læringssamtaler
      expect(await t.store.db.auditEntry.count({ where: { action: "meeting.template_applied", actorId: "system:templates" } })).toBe(3);
      expect(await refreshed.meetings.refreshTemplates()).toBe(0);
      const titles = async (id: string) => (await t.store.meetings.agendaItems(id)).map((i) => i.title);
      expect(await titles(second!)).toContain("Nyt fast punkt");
      expect(await titles(first!)).not.toContain("Nyt fast punkt");
      expect((await meeting(second!)).template?.agenda.at(-1)?.title).toBe("Nyt fast punkt");
    });
  });
});
