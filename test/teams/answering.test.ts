import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";
import { onPostgres } from "../helpers/test-database.js";

/**
 * What one turn reads and writes on the paths people use most (the benchmark's «Answering
 * people»): the person is read once per turn, and «Udført» keeps every guarantee while it writes
 * less.
 */
describe("answering people: one turn's reads and writes", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeEach(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    return h.stop();
  });

  it("reads the person once per turn, for a message (the conversation is stored too) and for a click", async () => {
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const lookups = vi.spyOn(h.bot.store.people, "byAadObjectId");
    const tasks = await h.say(users.megan, "mine opgaver");
    expect(cardText(tasks.cards[0])).toContain("Opfølgning");
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockClear();
    await h.say(users.alex, "hjælp");
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockClear();
    const done = await h.click(users.megan, "followup.done", { followUpId, version: 1 });
    expect(cardText(done.card)).toContain("udført");
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it("«Udført» delivered twice: done once, one event, one audit entry, its reminders cancelled, the same card both times", async () => {
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const pending = () => db().notification.count({ where: { subjectId: followUpId, status: "pending", kind: { in: ["followup_due_soon", "followup_overdue", "followup_expiry"] } } });
    expect(await pending()).toBeGreaterThan(0);
    const click = h.activity("invoke-action", users.megan, { value: { action: { type: "Action.Execute", verb: "followup.done", data: { followUpId, version: 1 } }, trigger: "manual" } });
    const [first, again] = await Promise.all([h.post(click), h.post(click)]);
    expect(again.body).toEqual(first.body);
    expect(cardText((first.body as { value: Record<string, unknown> }).value)).toContain("Markeret som udført.");
    const row = await db().followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect({ status: row.status, version: row.version }).toEqual({ status: "done", version: 2 });
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "done" } })).toBe(1);
    expect(await db().auditEntry.findMany({ where: { subjectId: followUpId, action: "followup.done" }, select: { actorId: true, personId: true, meetingId: true } })).toEqual([
      { actorId: "megan", personId: "megan", meetingId: row.meetingId },
    ]);
    expect(await pending()).toBe(0);
    // A later click on the old card (a new activity) is answered kindly and changes nothing.
    const late = await h.click(users.megan, "followup.done", { followUpId, version: 1 });
    expect(cardText(late.card)).toContain("allerede udført");
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "done" } })).toBe(1);
  });

  it("«Udført»: the change, its history, its audit entry and the end of its reminders commit together or not at all", async () => {
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const pending = () => db().notification.count({ where: { subjectId: followUpId, status: "pending" } });
    const reminders = () => db().notification.count({ where: { subjectId: followUpId, status: "pending", kind: { in: ["followup_due_soon", "followup_overdue", "followup_expiry"] } } });
    const before = await pending();
    expect(before).toBeGreaterThan(0);
    // The last write of the transaction (cancelling the reminders) fails.
    if (onPostgres) {
      await db().$executeRawUnsafe(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
      await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse BEFORE UPDATE ON "Notification" FOR EACH ROW WHEN (OLD."subjectId" = '${followUpId}') EXECUTE FUNCTION test_refuse()`);
    } else {
      await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse BEFORE UPDATE ON "Notification" WHEN OLD."subjectId" = '${followUpId}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    }
    const res = await h.click(users.megan, "followup.done", { followUpId, version: 1 });
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toContain("Noget gik galt");
    const row = await db().followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect({ status: row.status, version: row.version }).toEqual({ status: "open", version: 1 });
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "done" } })).toBe(0);
    expect(await db().auditEntry.count({ where: { subjectId: followUpId, action: "followup.done" } })).toBe(0);
    expect(await pending()).toBe(before);
    await db().$executeRawUnsafe(onPostgres ? `DROP TRIGGER test_refuse ON "Notification"` : "DROP TRIGGER test_refuse");
    const retry = await h.click(users.megan, "followup.done", { followUpId, version: 1 });
    expect(cardText(retry.card)).toContain("Markeret som udført.");
    expect(await reminders()).toBe(0);
  });
});
