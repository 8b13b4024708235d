import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, cardsOf, findAction } from "../helpers/fake-connector.js";
import { strings } from "../../src/lib/strings.da.js";
import { onPostgres, testClient } from "../helpers/test-database.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

/**
 * A click or command is claimed by the attempt handling it, for as long as that attempt lives:
 * a redelivery while it runs gets its answer, one after it died (the process was killed between
 * the claim and the answer) is carried out, once. Dead attempts are set up as the database shows
 * them after a SIGKILL: a claim without an answer. test/scheduler/crash-restart.test.ts kills real processes.
 */
describe("claims on delivered activities", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  const key = (a: Record<string, unknown>) => `${(a.conversation as { id: string }).id}:${a.id as string}`;
  /** What a killed attempt leaves: the claim, no answer, its lease running until `leaseUntil`. */
  const deadClaim = (a: Record<string, unknown>, leaseUntil: Date) => db().processedActivity.create({ data: { id: key(a), holder: "killed-attempt", leaseUntil } });
  const submit = (date: string, time: string) =>
    h.activity("invoke-action", users.alex, {
      value: { action: { type: "Action.Execute", verb: "schedule.submit", data: { leader: "solsikken/megan", date, time } }, trigger: "manual" },
    });
  const answerOf = (body: unknown) => cardText((body as { value: unknown }).value);

  beforeEach(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { ACTIVITY_LEASE_SECONDS: "2" } });
    await h.install(users.alex);
    await h.install(users.megan);
  });
  afterEach(() => h.stop());

  it("a click whose attempt died unanswered is carried out by the redelivery once its lease has run out, exactly once", async () => {
    const click = submit("2027-01-18", "10:00");
    await deadClaim(click, new Date(Date.now() + 60_000));
    // The attempt may still be alive (its lease runs): the redelivery is told so and does nothing.
    const early = await h.post(click);
    expect(answerOf(early.body)).toContain("Dit klik er modtaget og bliver behandlet");
    expect(await db().meeting.count()).toBe(0);

    await db().processedActivity.update({ where: { id: key(click) }, data: { leaseUntil: new Date(Date.now() - 1) } });
    const late = await h.post(click);
    expect(answerOf(late.body)).toContain("planlagt");
    expect(await db().meeting.count()).toBe(1);
    // Answered now: the next redelivery gets the same answer and changes nothing.
    const again = await h.post(click);
    expect(again.body).toEqual(late.body);
    expect(await db().meeting.count()).toBe(1);
    expect(await db().processedActivity.findUniqueOrThrow({ where: { id: key(click) } })).toMatchObject({ response: JSON.stringify((late.body as { value: unknown }).value) });
  });

  it("a command whose attempt died is answered by the redelivery, once", async () => {
    const message = h.activity("message", users.alex, { text: "planlæg 1:1" });
    await deadClaim(message, new Date(Date.now() - 1));
    const first = await h.send(users.alex, message);
    expect(first.cards.map(cardText).join()).toContain("Planlæg");
    const second = await h.send(users.alex, message);
    expect(second.cards).toHaveLength(0);
    expect((await db().processedActivity.findUniqueOrThrow({ where: { id: key(message) } })).response).not.toBeNull();
  });

  it("while the attempt runs, its claim is renewed: another instance cannot take it over, and a redelivery gets its answer", async () => {
    const { meetingId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    // Opening the form posts it as a new message: Teams takes 5 s to accept it, longer than the 2 s lease.
    h.connector.respondDelayMs = 5000;
    const open = h.activity("invoke-action", users.alex, { value: { action: { type: "Action.Execute", verb: "form.open", data: { meetingId, from: "meetings" } }, trigger: "manual" } });
    const before = h.connector.posted.length;
    const first = h.post(open);
    const other = testClient(h.database!.url); // another instance on the same database
    try {
      await new Promise((r) => setTimeout(r, 3500));
      const now = new Date();
      const taken = await other.$executeRaw`
        UPDATE "ProcessedActivity" SET "holder" = 'other-instance' WHERE "id" = ${key(open)} AND "response" IS NULL AND "leaseUntil" < ${now}`;
      expect(taken).toBe(0);
      const redelivered = h.post(open);
      const [a, b] = await Promise.all([first, redelivered]);
      expect(b.body).toEqual(a.body);
      expect(h.connector.posted.slice(before).flatMap((p) => cardsOf(p.activity))).toHaveLength(1);
    } finally {
      await other.$disconnect();
    }
  });

  it("an attempt that failed without an answer gives its claim up: the redelivery tries again", async () => {
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    // The follow-up's reminders cannot be cancelled for a moment (the database refuses).
    if (onPostgres) {
      await db().$executeRawUnsafe(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
      await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse BEFORE UPDATE ON "Notification" FOR EACH ROW WHEN (OLD."subjectId" = '${followUpId}') EXECUTE FUNCTION test_refuse()`);
    } else {
      await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse BEFORE UPDATE ON "Notification" WHEN OLD."subjectId" = '${followUpId}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    }
    const done = h.activity("invoke-action", users.megan, { value: { action: { type: "Action.Execute", verb: "followup.done", data: { followUpId, version: 1 } }, trigger: "manual" } });
    expect(answerOf((await h.post(done)).body)).toContain("Noget gik galt");
    expect(await db().processedActivity.count({ where: { id: key(done) } })).toBe(0);
    await db().$executeRawUnsafe(onPostgres ? `DROP TRIGGER test_refuse ON "Notification"` : `DROP TRIGGER test_refuse`);
    expect(answerOf((await h.post(done)).body)).toContain("Markeret som udført.");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).status).toBe("done");
  });

  it("schedule.submit from a card without a form id: a repeated attempt finds the meeting its first attempt made", async () => {
    const click = submit("2027-01-19", "10:00");
    const first = await h.post(click);
    expect(answerOf(first.body)).toContain("planlagt");
    // The answer was lost (the process died right after the meeting was made): the claim is still open.
    await db().processedActivity.update({ where: { id: key(click) }, data: { response: null, leaseUntil: new Date(Date.now() - 1) } });
    const again = await h.post(click);
    expect(answerOf(again.body)).toContain("planlagt");
    expect(await db().meeting.count()).toBe(1);
  });

  /**
   * Every writing verb, repeated after its first attempt stopped between its change and its answer
   * (the process killed): the repeated attempt does not do the change again, answers as the first
   * did, and plans what the first had not got to planning yet (here: every row it had planned is
   * removed again, as if it never got there).
   */
  describe("a writing click whose first attempt made its change but was killed before answering", () => {
    const snapshot = async () => ({
      rows: {
        meetings: await db().meeting.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } }),
        topics: await db().agendaItem.count({ where: { kind: "topic" } }),
        decisions: await db().decision.count(),
        followUps: await db().followUp.groupBy({ by: ["status", "dueDate", "evaluateOn"], _count: { _all: true }, orderBy: { status: "asc" } }),
        events: await db().followUpEvent.groupBy({ by: ["kind"], _count: { _all: true }, orderBy: { kind: "asc" } }),
        reflections: await db().reflection.count({ where: { status: "sent" } }),
        revisions: await db().formRevision.count(),
      },
      notifications: (await db().notification.findMany({ select: { key: true, status: true }, orderBy: { key: "asc" } })).map((n) => `${n.key} ${n.status}`),
    });

    /** The click once, then again as Teams would redeliver it after the kill. */
    async function repeatedAfterKill(activity: Record<string, unknown>) {
      const planned = new Set((await db().notification.findMany({ select: { id: true } })).map((n) => n.id));
      const first = await h.post(activity);
      await h.bot.settled();
      const after = await snapshot();
      // What the killed attempt left: its change, no answer, its lease run out, and nothing it
      // would have planned after the change.
      await db().processedActivity.update({ where: { id: key(activity) }, data: { response: null, holder: "killed-attempt", leaseUntil: new Date(Date.now() - 1) } });
      await db().notification.deleteMany({ where: { id: { notIn: [...planned] }, status: "pending" } });
      const again = await h.post(activity);
      await h.bot.settled();
      expect(await snapshot()).toEqual(after);
      return { first: answerOf(first.body), again: answerOf(again.body) };
    }
    const act = (user: (typeof users)[keyof typeof users], verb: string, data: Record<string, unknown>) =>
      h.activity("invoke-action", user, { value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } });
    const version = async (followUpId: string) => (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;

    it("planlæg 1:1: one meeting, its pack planned", async () => {
      const form = await h.say(users.alex, "planlæg 1:1");
      const data = { ...findAction(form.cards[0], "schedule.submit")!.data, leader: "solsikken/megan", date: "2027-01-18", time: "10:00" };
      const { first, again } = await repeatedAfterKill(act(users.alex, "schedule.submit", data));
      expect(first).toContain("planlagt");
      expect(again).toContain("planlagt");
      expect(await db().notification.count({ where: { kind: "meeting_agenda" } })).toBe(2);
    });

    it("a topic, a reflection, a comment, a postponement, a reopened and a done follow-up: each once, answered as done", async () => {
      const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-18", due: "2027-01-25" });
      const topic = await repeatedAfterKill(act(users.megan, "agenda.addTopic", { meetingId, topic: "Vikardækning" }));
      expect(topic.again).toContain("tilføjet");
      const reflection = await repeatedAfterKill(act(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: "Data", q_sparring: "Sparring" }));
      expect(reflection.first).toContain(strings.reflection.sentNotice);
      expect(reflection.again).toContain(strings.reflection.sentNotice);
      const comment = await repeatedAfterKill(act(users.megan, "followup.comment", { followUpId, version: await version(followUpId), comment: "Godt i gang" }));
      expect(comment.again).toContain("Kommentaren er gemt.");
      const postpone = await repeatedAfterKill(act(users.megan, "followup.postpone", { followUpId, version: await version(followUpId), newDueDate: "2027-02-01" }));
      expect(postpone.again).toBe(postpone.first);
      const done = await repeatedAfterKill(act(users.megan, "followup.done", { followUpId, version: await version(followUpId) }));
      expect(done.again).toContain("allerede udført");
      const reopen = await repeatedAfterKill(act(users.megan, "followup.reopen", { followUpId, version: await version(followUpId) }));
      expect(reopen.again).toBe(reopen.first);
      expect(await db().notification.count({ where: { subjectId: followUpId, kind: "followup_overdue", status: "pending" } })).toBe(1);
    });

    it("the opfølgningsskema saved, then saved and closed, then reopened: one decision and follow-up, its owner told once, the referat sent once, reopened once", async () => {
      await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
      const meetingId = (await db().meeting.findFirstOrThrow()).id;
      const opened = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
      const save = findAction(opened.posted[0], "form.save")!;
      const typed = { ...save.data, decision_0: "Beslutning", followup_0: "Opfølgning", owner_0: "megan", due_0: "2027-01-25", eval_0: "2027-03-01" };
      const saved = await repeatedAfterKill(act(users.alex, "form.save", typed));
      expect(saved.again).toContain("Gemt");
      expect(await db().notification.count({ where: { kind: "followup_assigned" } })).toBe(1);
      expect(await db().notification.count({ where: { kind: "followup_expiry" } })).toBe(2);
      const reopened = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
      const close = findAction(reopened.posted[0], "form.close")!;
      await repeatedAfterKill(act(users.alex, "form.close", { ...close.data, decision_0: "Beslutning", followup_0: "Opfølgning", owner_0: "megan", due_0: "2027-01-25", eval_0: "2027-03-01" }));
      expect(await db().notification.count({ where: { kind: "referat" } })).toBe(2);
      // Reopened for a correction: once, its second run answered as done.
      const reopening = await repeatedAfterKill(act(users.alex, "meeting.reopen", { meetingId, referatVersion: 1, from: "form" }));
      expect(reopening.first).toContain(strings.closing.reopened);
      expect(reopening.again).toContain(strings.closing.reopenAlready);
      expect(await db().auditEntry.count({ where: { meetingId, action: "meeting.reopened" } })).toBe(1);
      expect(await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({ status: "planned", referatVersion: 1 });
    });

    it("«Aflys mødet» and «Forlæng»: cancelled once, the others told once; extended once, its cards planned", async () => {
      const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-18", due: "2027-01-25" });
      const v = await version(followUpId);
      const extended = await repeatedAfterKill(act(users.megan, "evaluation.extend", { subject: "followup", id: followUpId, version: v, newEvaluateOn: "2027-04-01" }));
      expect(extended.again).toBe(extended.first);
      expect(await db().notification.count({ where: { kind: "followup_expiry", status: "pending" } })).toBe(2);
      await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-20", time: "10:00" });
      const meetingId = (await db().meeting.findFirstOrThrow({ where: { decisions: { none: {} } } })).id;
      const cancelled = await repeatedAfterKill(act(users.alex, "meeting.cancel", { meetingId }));
      expect(cancelled.first).toContain(strings.meeting.cancelDone);
      expect(await db().notification.count({ where: { kind: "meeting_cancelled", subjectId: meetingId } })).toBe(1);
    });
  });
});
