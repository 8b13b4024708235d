import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { noEffects } from "../../src/domain/effects.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * Commands return what they changed (src/domain/effects.ts): the subjects, with the ids the Teams
 * layer needs to find the cards that show them, and how many rows the outbox was offered. A repeat
 * (a double click, a save that changes nothing) changes nothing and says so.
 */
describe("commands return their effects", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let alex: Person;
  let megan: Person;
  let meetingId = "";
  const followUp = (text: string) => t.store.db.followUp.findFirstOrThrow({ where: { text } });

  beforeAll(async () => {
    t = await testStore();
    d = createDomainServices(t.store, new ManualClock(new Date("2027-01-11T09:00:00+01:00")), domainSettings(loadConfig({})));
    alex = (await t.store.people.byId("alex"))!;
    megan = (await t.store.people.byId("megan"))!;
  });
  afterAll(() => t.close());

  it("scheduling: the new meeting with its participants, and its pack offered to the outbox", async () => {
    const { meeting, effects } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    meetingId = meeting.id;
    expect(effects.changed).toEqual([{ subject: "meeting", id: meeting.id, unitId: "solsikken", participantIds: ["alex", "megan"] }]);
    expect(effects.planned).toBeGreaterThanOrEqual(4); // agenda and guide to both, the reflection nudge
  });

  it("a topic: the meeting; the same topic again: nothing", async () => {
    expect((await d.meetings.addTopic(megan, meetingId, "Sygefravær")).effects.changed).toEqual([expect.objectContaining({ subject: "meeting", id: meetingId })]);
    expect((await d.meetings.addTopic(megan, meetingId, " sygefravær ")).effects).toEqual(noEffects);
  });

  it("a reflection: whose, for which meeting", async () => {
    const { effects } = await d.reflections.send(megan, meetingId, { data_drift: "Data", sparring: "Sparring" }, undefined);
    expect(effects).toEqual({ changed: [{ subject: "reflection", meetingId, authorId: "megan" }], planned: 0 });
  });

  it("the form: the meeting and every follow-up it creates, with owners; a save that changes nothing: nothing", async () => {
    const m = (await t.store.meetings.get(meetingId))!;
    const saved = await d.forms.save(alex, meetingId, m.version, [{ decision: "A", followUpText: "Opgave", ownerId: "megan", dueDate: "2027-02-01" }], false);
    const f = await followUp("Opgave");
    expect(saved.effects.changed).toEqual([
      expect.objectContaining({ subject: "meeting", id: meetingId }),
      { subject: "followUp", id: f.id, meetingId, unitId: "solsikken", ownerIds: ["megan"] },
    ]);
    expect(saved.effects.planned).toBeGreaterThan(0); // the owner is told
    const row = saved.view.rows[0]!;
    const again = await d.forms.save(alex, meetingId, saved.view.meeting.version, [{ decisionId: row.decisionId, followUpId: row.followUpId, shown: { ownerId: "megan", dueDate: "2027-02-01" }, decision: "A", followUpText: "Opgave", ownerId: "megan", dueDate: "2027-02-01" }], false);
    expect(again.effects).toEqual(noEffects);
  });

  it("follow-ups: done names it; done again changes nothing; a new owner names the former one too and tells the new", async () => {
    const f = await followUp("Opgave");
    const done = await d.followUps.markDone(megan, f.id, f.version);
    expect(done.effects.changed).toEqual([{ subject: "followUp", id: f.id, meetingId, unitId: "solsikken", ownerIds: ["megan"] }]);
    expect((await d.followUps.markDone(megan, f.id, f.version)).effects).toEqual(noEffects);
    const reopened = await d.followUps.reopen(megan, f.id, f.version + 1);
    expect(reopened.effects.planned).toBeGreaterThan(0); // its reminders again
    const given = await d.followUps.reassign(alex, f.id, reopened.view.followUp.version, "alex");
    expect(given.effects.changed).toEqual([{ subject: "followUp", id: f.id, meetingId, unitId: "solsikken", ownerIds: ["alex", "megan"] }]);
    expect(given.effects.planned).toBeGreaterThan(0); // the new owner's card
  });

  it("cancelling: the meeting, and the notice to the other participant; cancelling again: nothing new to send", async () => {
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-02-15", time: "10:00" });
    const cancelled = await d.meetings.cancel(alex, meeting.id);
    expect(cancelled.effects).toEqual({ changed: [expect.objectContaining({ subject: "meeting", id: meeting.id })], planned: 1 });
    // A repeat may be the redelivery of a click whose attempt died before its copies were brought
    // up to date (decision 0010): it names the meeting again, and plans nothing twice.
    expect((await d.meetings.cancel(alex, meeting.id)).effects).toEqual({ changed: [expect.objectContaining({ subject: "meeting", id: meeting.id })], planned: 0 });
  });

  it("absence: ending it counts what waited for it", async () => {
    await d.preferences.setAbsence(megan, "2027-01-20");
    await t.store.db.notification.create({ data: { key: "held", kind: "followup_due_soon", personId: "megan", subjectId: "x", dueAt: new Date("2027-01-21T07:00:00Z"), lastError: "absent" } });
    expect((await d.preferences.setAbsence(megan, undefined)).effects.planned).toBeGreaterThanOrEqual(1);
  });
});
