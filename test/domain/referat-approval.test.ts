import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { strings } from "../../src/lib/strings.da.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * Approving the referat (issue 22 point 6; docs/decisions/0027-referat-approval.md), on a real
 * store with the example organisation: Solsikken's læringssamtale (Alex chairs; Megan leads the
 * unit) and Alex's 1:1 with Megan.
 */
describe("referat approval", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
  const first = async (kind: string) => (await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind }, orderBy: { startsAt: "asc" }, select: { id: true } })).id;
  const close = async (meetingId: string) => {
    const m = (await t.store.meetings.get(meetingId))!;
    if (clock.now() < m.startsAt) clock.set(new Date(m.startsAt.getTime() + 3 * 3_600_000).toISOString());
    await d.forms.save(await person(m.chairId), meetingId, m.version, [{ decision: "Vi laver en plan for overgange", followUpText: "" }], true);
    return (await t.store.meetings.get(meetingId))!;
  };
  const start = async (oneToOne = false) => {
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({ REFERAT_APPROVAL_ONE_TO_ONE: oneToOne ? "true" : "false" })));
    const alex = await person("alex");
    const wheel = await d.yearWheels.view(alex, "solsikken");
    await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
  };

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  });
  afterEach(() => t.close());

  it("asks every participant of a closed læringssamtale but the chair; approving twice is once; the status says who and when", async () => {
    await start();
    const id = await first("laeringssamtale");
    expect(await d.referatApprovals.status(id)).toBeUndefined(); // not closed: no referat yet
    const m = await close(id);
    const others = m.participants.filter((p) => p.person.id !== m.chairId).map((p) => p.person.id);
    expect(others.length).toBeGreaterThan(0);
    expect(others).toContain("megan");
    const before = (await d.referatApprovals.status(id))!;
    expect(before).toMatchObject({ required: true, version: 1, approvals: [], remarks: [] });
    expect(before.pending.map((p) => p.personId)).toEqual(others);

    const first_ = await d.referatApprovals.approve("megan", id, 1);
    expect(first_.outcome).toBe("approved");
    expect(first_.effects).toEqual({ changed: [{ subject: "referatApproval", meetingId: id }], planned: 0 });
    expect(first_.status.approvals).toEqual([{ personId: "megan", name: "Megan Bowen", at: clock.now() }]);
    expect(first_.status.pending.map((p) => p.personId)).toEqual(others.filter((o) => o !== "megan"));

    const again = await d.referatApprovals.approve("megan", id, 1);
    expect(again.outcome).toBe("already");
    expect(again.effects.changed).toEqual([]);
    expect(await t.store.db.referatApproval.count({ where: { meetingId: id } })).toBe(1);
    expect(await t.store.db.auditEntry.count({ where: { action: "referat.approved", meetingId: id } })).toBe(1);

    // The chair wrote it; nobody outside the meeting may approve it.
    expect((await refusal(d.referatApprovals.approve("alex", id, 1)))?.text).toBe(strings.referatApproval.chairWrote);
    expect((await refusal(d.referatApprovals.approve("lars", id, 1)))?.code).toBe("not-authorised");
  });

  it("a remark needs text, reaches the chair through the outbox (once per text), and is kept with its version", async () => {
    await start();
    const id = await first("laeringssamtale");
    const m = await close(id);
    const empty = await refusal(d.referatApprovals.remark("megan", id, 1, "   "));
    expect(empty?.fieldErrors).toEqual({ remark: strings.referatApproval.remarkRequired });
    const long = await refusal(d.referatApprovals.remark("megan", id, 1, "x".repeat(5000)));
    expect(long?.code).toBe("invalid-input");

    const sent = await d.referatApprovals.remark("megan", id, 1, "  Punkt 2 mangler fristen  ");
    expect(sent.outcome).toBe("sent");
    expect(sent.remark.text).toBe("Punkt 2 mangler fristen");
    expect(sent.effects.planned).toBe(1);
    const rows = await t.store.db.notification.findMany({ where: { kind: "referat_remark" } });
    expect(rows.map((r) => [r.personId, r.subjectId])).toEqual([[m.chairId, sent.remark.id]]);
    expect(sent.status.remarks).toEqual([{ personId: "megan", name: "Megan Bowen", at: clock.now(), text: "Punkt 2 mangler fristen" }]);
    // The same click again: once.
    const twice = await d.referatApprovals.remark("megan", id, 1, "Punkt 2 mangler fristen");
    expect(twice.outcome).toBe("already");
    expect(await t.store.db.notification.count({ where: { kind: "referat_remark" } })).toBe(1);
    // The chair sees it; nobody else may open it.
    const view = await d.referatApprovals.remarkView(await person(m.chairId), sent.remark.id);
    expect(view).toMatchObject({ author: "Megan Bowen", remark: { version: 1 } });
    expect((await refusal(d.referatApprovals.remarkView(await person("megan"), sent.remark.id)))?.code).toBe("not-authorised");
  });

  it("two simultaneous clicks with the same remark store it once and send the chair one card (the store's unique index decides)", async () => {
    await start();
    const id = await first("laeringssamtale");
    await close(id);
    const both = await Promise.all([d.referatApprovals.remark("megan", id, 1, "Punkt 2 mangler fristen"), d.referatApprovals.remark("megan", id, 1, " Punkt 2 mangler fristen ")]);
    expect(both.map((r) => r.outcome).sort()).toEqual(["already", "sent"]);
    expect(both[0].remark.id).toBe(both[1].remark.id);
    expect(both.reduce((n, r) => n + r.effects.planned, 0)).toBe(1);
    expect(await t.store.db.referatRemark.count({ where: { meetingId: id } })).toBe(1);
    expect(await t.store.db.notification.count({ where: { kind: "referat_remark" } })).toBe(1);
    // Another text, and the same text from someone else, are remarks of their own.
    await d.referatApprovals.remark("megan", id, 1, "Og punkt 3");
    const other = (await t.store.meetings.get(id))!.participants.find((p) => p.person.id !== "megan" && p.person.id !== "alex")!.person.id;
    await d.referatApprovals.remark(other, id, 1, "Punkt 2 mangler fristen");
    expect(await t.store.db.referatRemark.count({ where: { meetingId: id } })).toBe(3);
    expect(await t.store.db.notification.count({ where: { kind: "referat_remark" } })).toBe(3);
  });

  it("a corrected referat is asked again; an approval of the old version is refused politely; the history keeps both", async () => {
    await start();
    const id = await first("laeringssamtale");
    const m = await close(id);
    await d.referatApprovals.approve("megan", id, 1);
    await d.referatApprovals.remark("megan", id, 1, "Navnet er stavet forkert");
    const chair = await person(m.chairId);
    const reopened = await d.meetings.reopen(chair, id, 1);
    // While it is reopened, the referat in force (udgave 1) still shows who approved it.
    expect((await d.referatApprovals.status(id))?.approvals.map((a) => a.personId)).toEqual(["megan"]);
    await d.forms.save(chair, id, reopened.meeting.version, [], true);
    const after = (await d.referatApprovals.status(id))!;
    expect(after).toMatchObject({ version: 2, approvals: [], remarks: [] });
    expect(after.pending.map((p) => p.personId)).toContain("megan");
    const stale = await refusal(d.referatApprovals.approve("megan", id, 1));
    expect(stale).toMatchObject({ code: "stale-card", text: strings.referatApproval.superseded });
    expect((await refusal(d.referatApprovals.remark("megan", id, 1, "Mere")))?.code).toBe("stale-card");
    await d.referatApprovals.approve("megan", id, 2);
    const history = await d.referatApprovals.history(id);
    expect(history.approvals.map((a) => [a.personId, a.version])).toEqual([
      ["megan", 1],
      ["megan", 2],
    ]);
    expect(history.remarks.map((r) => [r.personId, r.version, r.text])).toEqual([["megan", 1, "Navnet er stavet forkert"]]);
  });

  it("a referat closed before referat approval was introduced is not asked (its migration's cut-off); a correction made since is", async () => {
    await start();
    const id = await first("laeringssamtale");
    const m = await close(id);
    // What the migration 20261217110000 writes for every meeting closed before it.
    await t.store.db.referatApprovalStart.create({ data: { meetingId: id, fromVersion: m.referatVersion + 1 } });
    expect(await d.referatApprovals.status(id)).toMatchObject({ required: false, version: 1, approvals: [], pending: [] });
    expect(await refusal(d.referatApprovals.approve("megan", id, 1))).toMatchObject({ code: "not-authorised", text: strings.referatApproval.notAsked });
    expect((await refusal(d.referatApprovals.remark("megan", id, 1, "Punkt 2")))?.code).toBe("not-authorised");
    const chair = await person(m.chairId);
    const reopened = await d.meetings.reopen(chair, id, 1);
    await d.forms.save(chair, id, reopened.meeting.version, [], true);
    const corrected = (await d.referatApprovals.status(id))!;
    expect(corrected).toMatchObject({ required: true, version: 2 });
    expect(corrected.pending.map((p) => p.personId)).toContain("megan");
    expect((await d.referatApprovals.approve("megan", id, 2)).outcome).toBe("approved");
  });

  it("a referat whose minutes retention has erased (minutesErasedAt) is not asked", async () => {
    await start();
    const id = await first("laeringssamtale");
    await close(id);
    await t.store.db.meeting.update({ where: { id }, data: { minutesErasedAt: clock.now() } });
    expect(await d.referatApprovals.status(id)).toMatchObject({ required: false, pending: [] });
    expect((await refusal(d.referatApprovals.approve("megan", id, 1)))?.text).toBe(strings.referatApproval.notAsked);
  });

  it("a guest without Teams (an external participant) is asked too and approves through the same service; no Teams card goes to them", async () => {
    await start();
    const id = await first("laeringssamtale");
    const m0 = (await t.store.meetings.get(id))!;
    await d.meetings.addAdHoc(await person(m0.chairId), id, { guestName: "Gitte Gæst", guestEmail: "gitte@example.dk" });
    const guest = (await t.store.meetings.get(id))!.participants.find((p) => p.person.name === "Gitte Gæst")!.person;
    expect(guest.aadObjectId).toBeNull();
    await close(id);
    expect(await t.store.db.notification.count({ where: { personId: guest.id } })).toBe(0);
    expect((await d.referatApprovals.status(id))?.pending.map((p) => p.name)).toContain("Gitte Gæst");
    const res = await d.referatApprovals.approve(guest.id, id, 1);
    expect(res.status.approvals).toEqual([{ personId: guest.id, name: "Gitte Gæst", at: clock.now() }]);
    expect(res.status.pending.map((p) => p.personId)).not.toContain(guest.id);
  });

  it("a 1:1's referat needs no approval by default; with REFERAT_APPROVAL_ONE_TO_ONE its leader is asked", async () => {
    await start();
    const id = await first("one_on_one");
    await close(id);
    expect(await d.referatApprovals.status(id)).toMatchObject({ required: false, pending: [] });
    expect((await refusal(d.referatApprovals.approve("megan", id, 1)))?.text).toBe(strings.referatApproval.notAsked);
  });

  it("with REFERAT_APPROVAL_ONE_TO_ONE=true, the 1:1's leader approves", async () => {
    await start(true);
    const id = await first("one_on_one");
    await close(id);
    expect((await d.referatApprovals.status(id))?.pending.map((p) => p.personId)).toEqual(["megan"]);
    expect((await d.referatApprovals.approve("megan", id, 1)).status).toMatchObject({ required: true, pending: [] });
  });
});
