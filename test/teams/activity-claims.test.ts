import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, cardsOf } from "../helpers/fake-connector.js";
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
});
