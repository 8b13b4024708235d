import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DomainServices } from "../../src/domain/services.js";
import { INDSTILLING_MAX, indstillingInputId } from "../../src/domain/meeting-service.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { strings } from "../../src/lib/strings.da.js";
import { shortHash } from "../../src/lib/short-hash.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";
import { withSolsikkenConfirmed } from "../helpers/confirmed-loop.js";

/**
 * The leaders' proposals before a læringssamtale (issue 21, points 9 and 10;
 * docs/decisions/0024-proposals-and-indstilling.md), on a real store with the example
 * organisation: Alex (Børn og Unge-chef) chairs Solsikken's læringssamtaler, Megan leads it.
 * Monday 23 November 2026; the 0–6 loop runs 2027–2028.
 */
describe("proposals and indstillinger", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const meeting = async (id: string) => (await t.store.meetings.get(id)) as Meeting;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
  const firstSamtale = async () => (await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", firstOfLoop: true } })).id;

  beforeEach(async () => {
    ({ t, clock, d } = await withSolsikkenConfirmed());
  });
  afterEach(() => t.close());

  describe("the indstilling drafted on the dagsorden (point 10)", () => {
    it("the chair drafts any point, the leader her own topics; the opfølgningsskema starts from the drafts", async () => {
      const id = await firstSamtale();
      const [alex, megan] = [await person("alex"), await person("megan")];
      await d.meetings.addTopic(megan, id, "Sprogvurderinger i vuggestuen");
      const agenda = await d.meetings.agenda(megan, id);
      const topic = agenda.topics[0]!;
      const standing = agenda.standing[0]!;
      // What each may draft: Megan her topic, Alex every point except carried follow-ups.
      expect(agenda.indstilling?.draftable).toEqual([topic.id]);
      expect((await d.meetings.agenda(alex, id)).indstilling?.draftable).toEqual([...agenda.standing, ...agenda.topics, ...agenda.closing].map((i) => i.id));

      expect((await d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "  sprogvurderingerne gennemgås  ", shown: "" }])).changed).toBe(1);
      const notYours = await refusal(d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: standing.id, text: "noget", shown: "" }]));
      expect(notYours?.code).toBe("not-authorised");
      expect(notYours?.text).toBe(strings.proposals.indstilling.notYours);
      const before = (await meeting(id)).version;
      await d.meetings.draftIndstillinger(alex, id, [{ agendaItemId: standing.id, text: "fokusområderne godkendes", shown: "" }]);
      // The meeting's version moves on: an opfølgningsskema opened before cannot overwrite the draft.
      expect((await meeting(id)).version).toBe(before + 1);
      // The same text again (a double click) changes nothing.
      expect((await d.meetings.draftIndstillinger(alex, id, [{ agendaItemId: standing.id, text: "fokusområderne godkendes", shown: "" }])).changed).toBe(0);

      const form = await d.forms.open(alex, id);
      expect(form.agendaItems.find((i) => i.id === topic.id)?.recommendation).toBe("sprogvurderingerne gennemgås");
      expect(form.agendaItems.find((i) => i.id === standing.id)?.recommendation).toBe("fokusområderne godkendes");
      const stored = await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } });
      expect(stored.recommendationById).toBe("megan");
    });

    it("keeps a text changed by someone else meanwhile, refuses too long texts in Danish, and stops when the meeting is closed", async () => {
      const id = await firstSamtale();
      const [alex, megan] = [await person("alex"), await person("megan")];
      await d.meetings.addTopic(megan, id, "Sprogvurderinger");
      const topic = (await d.meetings.agenda(megan, id)).topics[0]!;
      await d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "Megans udkast", shown: "" }]);
      const meanwhile = await refusal(d.meetings.draftIndstillinger(alex, id, [{ agendaItemId: topic.id, text: "Alex' udkast", shown: "" }]));
      expect(meanwhile?.code).toBe("stale-card");
      expect(meanwhile?.fieldErrors?.[indstillingInputId(topic.id)]).toBe(strings.proposals.indstilling.changedMeanwhileField);
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("Megans udkast");

      const long = await refusal(d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "x".repeat(INDSTILLING_MAX + 1), shown: "Megans udkast" }]));
      expect(long?.code).toBe("invalid-input");
      expect(long?.fieldErrors?.[indstillingInputId(topic.id)]).toBe(strings.generic.tooLong(INDSTILLING_MAX + 1, INDSTILLING_MAX));

      // Emptied, from a card that carries the short hash of what it showed: no indstilling.
      expect((await refusal(d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "", shown: shortHash("Andet") }])))?.code).toBe("stale-card");
      await d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "", shown: shortHash("Megans udkast") }]);
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBeNull();

      // Closed: refused, and the agenda offers nothing to draft.
      const m = await meeting(id);
      clock.set(new Date(m.startsAt.getTime() + 3_600_000).toISOString());
      await d.forms.save(alex, id, m.version, [{ decision: "Fokusområderne er valgt.", followUpText: "" }], true);
      const closed = await refusal(d.meetings.draftIndstillinger(alex, id, [{ agendaItemId: topic.id, text: "for sent", shown: "" }]));
      expect(closed?.code).toBe("meeting-closed");
      expect(closed?.text).toBe(strings.proposals.indstilling.closed);
      expect((await d.meetings.agenda(alex, id)).indstilling?.draftable).toEqual([]);
    });

    it("after a reopening the referat as sent keeps the drafted indstillinger, and drafting is over: only the skema changes them", async () => {
      const id = await firstSamtale();
      const [alex, megan] = [await person("alex"), await person("megan")];
      await d.meetings.addTopic(megan, id, "Sprogvurderinger");
      const agenda = await d.meetings.agenda(alex, id);
      const [standing, topic] = [agenda.standing[0]!, agenda.topics[0]!];
      await d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "Megans udkast", shown: "" }]);
      await d.meetings.draftIndstillinger(alex, id, [{ agendaItemId: standing.id, text: "Alex' udkast", shown: "" }]);
      const m = await meeting(id);
      clock.set(new Date(m.startsAt.getTime() + 3_600_000).toISOString());
      // The skema changes one of them in the meeting; the other stays as drafted.
      await d.forms.save(alex, id, m.version, [{ decision: "Fokusområderne er valgt.", followUpText: "" }], false, { [topic.id]: "Ændret på mødet" });
      await d.forms.save(alex, id, (await meeting(id)).version, [{ decision: "Fokusområderne er valgt.", followUpText: "" }], { after: 0 });
      await d.meetings.reopen(alex, id, 1);

      const sent = await d.forms.referat(megan, id, 1);
      expect(sent.agendaItems.find((i) => i.id === standing.id)?.recommendation).toBe("Alex' udkast");
      expect(sent.agendaItems.find((i) => i.id === topic.id)?.recommendation).toBe("Ændret på mødet");
      // Reopened: nothing to draft on the dagsorden, a draft is refused (the topic's author included).
      expect((await d.meetings.agenda(alex, id)).indstilling?.draftable).toEqual([]);
      const refused = await refusal(d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "Bagefter", shown: "Ændret på mødet" }]));
      expect([refused?.code, refused?.text]).toEqual(["meeting-closed", strings.proposalFixes.heldOnce]);
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("Ændret på mødet");
      // The skema corrects one; the referat as sent still shows what was sent.
      await d.forms.save(alex, id, (await meeting(id)).version, [], false, { [standing.id]: "Rettet efter genåbning" });
      expect((await d.forms.referat(megan, id, 1)).agendaItems.find((i) => i.id === standing.id)?.recommendation).toBe("Alex' udkast");
    });

    it("a skema opened before a draft does not erase it: a text as the skema showed it keeps the stored one", async () => {
      const id = await firstSamtale();
      const [alex, megan] = [await person("alex"), await person("megan")];
      await d.meetings.addTopic(megan, id, "Sprogvurderinger");
      const topic = (await d.meetings.agenda(megan, id)).topics[0]!;
      const m = await meeting(id);
      clock.set(new Date(m.startsAt.getTime() + 3_600_000).toISOString());
      // Alex's skema shows no indstilling for the topic; Megan drafts it meanwhile.
      const shown = { [topic.id]: shortHash("") };
      await d.meetings.draftIndstillinger(megan, id, [{ agendaItemId: topic.id, text: "Megans udkast", shown: "" }]);
      const rows = [{ decision: "Sprogvurderingerne gennemgås.", followUpText: "" }];
      expect((await refusal(d.forms.save(alex, id, m.version, rows, false, { [topic.id]: "" }, shown)))?.code).toBe("stale-card");
      // His next save, from the card shown again (its field still empty as typed), keeps the draft.
      await d.forms.save(alex, id, (await meeting(id)).version, rows, false, { [topic.id]: "" }, shown);
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("Megans udkast");
      // A text he did change is his.
      await d.forms.save(alex, id, (await meeting(id)).version, rows, false, { [topic.id]: "Alex' tekst" }, { [topic.id]: shortHash("Megans udkast") });
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("Alex' tekst");
    });

    it("the store writes a draft only while the meeting was never closed and the text is still what was read", async () => {
      const id = await firstSamtale();
      const megan = await person("megan");
      await d.meetings.addTopic(megan, id, "Sprogvurderinger");
      const topic = (await d.meetings.agenda(megan, id)).topics[0]!;
      const by = { actorId: "megan", at: clock.now() };
      const version = (await meeting(id)).version;
      // Read "" but someone wrote meanwhile: nothing written, the version unchanged.
      expect(await t.store.meetings.draftIndstillinger(id, [{ agendaItemId: topic.id, text: "A", expected: "" }], by)).toBe(true);
      expect(await t.store.meetings.draftIndstillinger(id, [{ agendaItemId: topic.id, text: "B", expected: "" }], by)).toBe(false);
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("A");
      expect((await meeting(id)).version).toBe(version + 1);
      // Closed once (even reopened since): nothing written.
      await t.store.db.meeting.update({ where: { id }, data: { referatVersion: 1 } });
      expect(await t.store.meetings.draftIndstillinger(id, [{ agendaItemId: topic.id, text: "C", expected: "A" }], by)).toBe(false);
      expect((await t.store.db.agendaItem.findUniqueOrThrow({ where: { id: topic.id } })).recommendation).toBe("A");
    });

    it("a 1:1 has none unless its template asks for them, and a person outside the meeting sees nothing", async () => {
      const alex = await person("alex");
      const oneOnOne = (await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "one_on_one" } })).id;
      expect((await d.meetings.agenda(alex, oneOnOne)).indstilling).toBeUndefined();
      const item = (await d.meetings.agenda(alex, oneOnOne)).standing[0]!;
      expect((await refusal(d.meetings.draftIndstillinger(alex, oneOnOne, [{ agendaItemId: item.id, text: "x", shown: "" }])))?.text).toBe(strings.proposals.indstilling.notAsked);
      // Lars leads another unit: not a participant of Solsikken's meetings.
      const lars = await person("lars");
      const id = await firstSamtale();
      const outsider = await refusal(d.meetings.draftIndstillinger(lars, id, [{ agendaItemId: item.id, text: "x", shown: "" }]));
      expect(outsider?.code).toBe("not-authorised");
    });
  });
  describe("focus areas proposed by the leader (point 9)", () => {
    const row = (themeId: string, title: string) => ({ themeId, title });

    it("the leader proposes and may change it until the chair approves; the chair approves what the meeting decides; the record keeps who proposed and who approved", async () => {
      const id = await firstSamtale();
      const [alex, megan, jonas] = [await person("alex"), await person("megan"), await person("jonas")];
      expect((await d.focusAreas.view(megan, id)).proposing).toBe(true);
      expect((await d.focusAreas.view(jonas, id)).proposing).toBe(false);
      // Her dagsorden tells her she may propose; nobody else's does.
      expect((await d.meetings.agenda(megan, id)).focusProposal).toBe("propose");
      expect((await d.meetings.agenda(alex, id)).focusProposal).toBeUndefined();
      const told = () => t.store.db.notification.findMany({ where: { kind: "focus_proposal" }, orderBy: { key: "asc" } });
      const notLeader = await refusal(d.focusAreas.propose(jonas, id, [row("0-6-2027/sprog", "Sprog")], 0));
      expect(notLeader?.text).toBe(strings.proposals.focus.notLeader);

      // Validated as the chair's card is, in Danish, per field.
      const bad = await refusal(d.focusAreas.propose(megan, id, [row("ukendt", ""), row("0-6-2027/sprog", "x".repeat(201))], 0));
      expect(bad?.fieldErrors).toEqual({ theme_0: strings.focus.chooseTheme, title_0: strings.focus.titleRequired, title_1: strings.generic.tooLong(201, 200) });
      expect((await refusal(d.focusAreas.propose(megan, id, [], 0)))?.text).toBe(strings.proposals.focus.empty);
      const five = Array.from({ length: 5 }, (_, i) => row("0-6-2027/sprog", `Område ${i}`));
      expect((await refusal(d.focusAreas.propose(megan, id, five, 0)))?.text).toBe(strings.focus.tooMany(4));

      await d.focusAreas.propose(megan, id, [row("0-6-2027/sprog", "Sprogmiljøet"), row("0-6-2027/trivsel", "Fællesskaber")], 0);
      // The same again from the same card (a double click): one proposal, unchanged.
      await d.focusAreas.propose(megan, id, [row("0-6-2027/sprog", "Sprogmiljøet"), row("0-6-2027/trivsel", "Fællesskaber")], 0);
      // Another change from a card that showed no proposal: refused, the stored one kept.
      expect((await refusal(d.focusAreas.propose(megan, id, [row("0-6-2027/sprog", "Andet")], 0)))?.code).toBe("stale-card");
      const p1 = (await d.focusAreas.view(megan, id)).proposal!;
      expect([p1.version, p1.rows.map((r) => r.title)]).toEqual([1, ["Sprogmiljøet", "Fællesskaber"]]);
      // Each gets the loop's end as evaluation date, as the chair's rows do (solnedgang).
      expect(p1.rows[0]!.evaluateOn).toBe("2029-02-28");
      // The chair is told through the outbox, once per version (a double click added nothing).
      expect((await told()).map((n) => [n.personId, n.subjectId, n.status])).toEqual([["alex", id, "pending"]]);
      expect((await d.meetings.agenda(alex, id)).focusProposal).toBe("awaiting");
      await d.focusAreas.propose(megan, id, [row("0-6-2027/sprog", "Sprogmiljøet"), row("0-6-2027/trivsel", "Fællesskaber"), row("0-6-2027/overgange", "Overgange")], 1);
      // Changed before it went: the older card goes, the newer one waits.
      expect((await told()).map((n) => [n.key.split(":")[2], n.status])).toEqual([["1", "cancelled"], ["2", "pending"]]);
      expect(await t.store.db.focusArea.count()).toBe(0);

      // The chair's card must have shown the proposal as it is now.
      const rows = [
        { title: "Sprogmiljøet i hele huset", themeId: "0-6-2027/sprog", proposed: true },
        { title: "Fællesskaber", themeId: "0-6-2027/trivsel", proposed: true },
        { title: "", proposed: true },
      ];
      expect((await refusal(d.focusAreas.save(alex, id, rows, 1)))?.code).toBe("stale-card");
      expect((await refusal(d.focusAreas.save(alex, id, rows)))?.code).toBe("stale-card");
      await d.focusAreas.save(alex, id, rows, 2);
      const stored = await t.store.db.focusArea.findMany({ orderBy: { position: "asc" } });
      expect(stored.map((a) => [a.title, a.proposedById, a.approvedById])).toEqual([
        ["Sprogmiljøet i hele huset", "megan", "alex"],
        ["Fællesskaber", "megan", "alex"],
      ]);
      // The same card again (a double click) is the same areas; a renamed row from it is refused, not a new area.
      await d.focusAreas.save(alex, id, rows, 2);
      const renamed = await refusal(d.focusAreas.save(alex, id, [{ ...rows[0]!, title: "Sprog overalt" }, rows[1]!, rows[2]!], 2));
      expect([renamed?.code, renamed?.text]).toEqual(["stale-card", strings.proposalFixes.approvedMeanwhile]);
      expect(await t.store.db.focusArea.count()).toBe(2);
      const approved = (await d.focusAreas.view(alex, id)).proposal!;
      // Approved: the card not sent yet goes, and the dagsordener say nothing of a proposal any more.
      expect((await told()).map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
      expect((await d.meetings.agenda(alex, id)).focusProposal).toBeUndefined();
      expect((await d.meetings.agenda(megan, id)).focusProposal).toBeUndefined();
      expect([approved.status, approved.approvedById, approved.rows.length]).toEqual(["approved", "alex", 3]);
      const audit = await t.store.db.auditEntry.findMany({ where: { subjectKind: "focus_area_proposal" }, orderBy: { seq: "asc" } });
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([
        ["focus_area.proposed", "megan"],
        ["focus_area.proposed", "megan"],
        ["focus_area.proposal_approved", "alex"],
      ]);

      // Approved: no more proposing.
      expect((await d.focusAreas.view(megan, id)).proposing).toBe(false);
      const late = await refusal(d.focusAreas.propose(megan, id, [row("0-6-2027/sprog", "Noget nyt")], 3));
      expect(late?.text).toBe(strings.proposals.focus.alreadyApproved);
      // A new area the chair adds in a later meeting has no proposer.
      await d.focusAreas.save(alex, id, [
        { id: stored[0]!.id, version: stored[0]!.version, themeId: stored[0]!.themeId, title: stored[0]!.title },
        { id: stored[1]!.id, version: stored[1]!.version, themeId: stored[1]!.themeId, title: stored[1]!.title },
        { themeId: "0-6-2027/overgange", title: "Overgange" },
      ]);
      const added = await t.store.db.focusArea.findFirstOrThrow({ where: { title: "Overgange" } });
      expect([added.proposedById, added.approvedById]).toEqual([null, "alex"]);
    });
  });
});
