import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

const at = (iso: string) => new Date(iso);
const PLANNED = at("2027-01-11T09:00:00Z");
const row = (key: string, dueAt = "2027-01-20T07:00:00Z") => ({ key, kind: "followup_overdue" as const, personId: "megan", subjectId: `s-${key}`, dueAt: at(dueAt) });

describe("the outbox (Notification rows)", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  it("plans each key once, however often it is planned", async () => {
    await t.store.notifications.plan([row("a"), row("a"), row("b")], PLANNED);
    await t.store.notifications.plan([row("a")], PLANNED);
    expect(await t.store.db.notification.count()).toBe(2);
  });

  it("claims only due rows, and a claimed row is not claimed again until its lease runs out", async () => {
    await t.store.notifications.plan([row("due", "2027-01-20T07:00:00Z"), row("later", "2027-01-21T07:00:00Z")], PLANNED);
    const now = at("2027-01-20T08:00:00Z");
    const first = await t.store.notifications.claimDue(now, 60_000, 10);
    expect(first.map((n) => n.key)).toEqual(["due"]);
    expect(first[0]!.attempts).toBe(1);
    expect(await t.store.notifications.claimDue(at("2027-01-20T08:00:59Z"), 60_000, 10)).toEqual([]);
    const again = await t.store.notifications.claimDue(at("2027-01-20T08:01:01Z"), 60_000, 10);
    expect(again.map((n) => [n.key, n.attempts])).toEqual([["due", 2]]);
    expect(await t.store.notifications.markSent(again[0]!, at("2027-01-20T08:01:02Z"))).toBe(true);
    expect(await t.store.notifications.claimDue(at("2027-01-22T08:00:00Z"), 60_000, 10).then((r) => r.map((n) => n.key))).toEqual(["later"]);
  });

  it("notes, clears and marks a post sent with one raw statement each, as the model API writes those rows, and only under the lease it holds", async () => {
    await t.store.notifications.plan([row("raw"), row("model")], PLANNED);
    const now = at("2027-01-20T08:00:00Z");
    const claimed = await t.store.notifications.claimDue(now, 60_000, 10);
    const raw = claimed.find((n) => n.key === "raw")!;
    const model = claimed.find((n) => n.key === "model")!;
    const read = async (id: string) => {
      const r = await t.store.db.notification.findUniqueOrThrow({ where: { id } });
      return { status: r.status, leaseUntil: r.leaseUntil, postStartedAt: r.postStartedAt, sentAt: r.sentAt, lastError: r.lastError };
    };
    const noted = at("2027-01-20T08:00:01.234Z");
    // Another lease (the row was taken over): nothing is written.
    expect(await t.store.notifications.markPostStarted({ ...raw, leaseUntil: at("2027-01-20T08:00:30Z") }, noted)).toBe(false);
    expect(await t.store.notifications.markPostStarted({ ...raw, leaseUntil: undefined }, noted)).toBe(false);
    expect((await read(raw.id)).postStartedAt).toBeNull();
    expect(await t.store.notifications.markPostStarted(raw, noted)).toBe(true);
    await t.store.db.notification.updateMany({ where: { id: model.id, status: "sending", leaseUntil: model.leaseUntil! }, data: { postStartedAt: noted } });
    expect(await read(raw.id)).toEqual(await read(model.id));
    expect((await read(raw.id)).postStartedAt).toEqual(noted);
    await t.store.notifications.clearPostStarted({ ...raw, leaseUntil: at("2027-01-20T08:00:30Z") });
    expect((await read(raw.id)).postStartedAt).toEqual(noted);
    await t.store.notifications.clearPostStarted(raw);
    expect((await read(raw.id)).postStartedAt).toBeNull();
    const sent = at("2027-01-20T08:00:02.5Z");
    expect(await t.store.notifications.markSent({ ...raw, leaseUntil: at("2027-01-20T08:00:30Z") }, sent)).toBe(false);
    expect((await read(raw.id)).status).toBe("sending");
    expect(await t.store.notifications.markSent(raw, sent, "unconfirmed")).toBe(true);
    await t.store.db.notification.updateMany({ where: { id: model.id, status: "sending", leaseUntil: model.leaseUntil! }, data: { status: "sent", sentAt: sent, leaseUntil: null, postStartedAt: null, lastError: "unconfirmed" } });
    expect(await read(raw.id)).toEqual({ status: "sent", leaseUntil: null, postStartedAt: null, sentAt: sent, lastError: "unconfirmed" });
    expect(await read(raw.id)).toEqual(await read(model.id));
    // Marked once: a second mark under the same lease finds the row no longer sending.
    expect(await t.store.notifications.markSent(raw, sent)).toBe(false);
    // The rows the model API reads back are the ones the claim finds: neither is claimed again.
    expect(await t.store.notifications.claimDue(at("2027-01-21T08:00:00Z"), 60_000, 10)).toEqual([]);
  });

  it("never hands the same row to two workers on one database file", async () => {
    await t.store.notifications.plan(Array.from({ length: 200 }, (_, i) => row(`k${i}`)), PLANNED);
    const other = t.another();
    const now = at("2027-01-20T08:00:00Z");
    const claims = await Promise.all([
      t.store.notifications.claimDue(now, 60_000, 200),
      other.notifications.claimDue(now, 60_000, 200),
      t.store.notifications.claimDue(now, 60_000, 200),
    ]);
    const ids = claims.flat().map((n) => n.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it("rows that waited for their person, brought forward together, are claimed in the order they fell due", async () => {
    // "late" was planned first but falls due after "early"; both found Megan unreachable.
    await t.store.notifications.plan([row("late", "2027-01-20T09:00:00Z")], PLANNED);
    await t.store.notifications.plan([row("early", "2027-01-20T07:00:00Z")], at("2027-01-12T09:00:00Z"));
    const wait = async (now: string) => {
      for (const n of await t.store.notifications.claimDue(at(now), 60_000, 10)) {
        await t.store.notifications.retryLater(n, at("2027-01-20T12:00:00Z"), "no-conversation", { countAttempt: false, waitingSince: n.waitingSince ?? at(now) });
      }
    };
    await wait("2027-01-20T07:00:00Z");
    await wait("2027-01-20T09:00:00Z");
    const since = await t.store.db.notification.findMany({ orderBy: { key: "asc" }, select: { key: true, waitingSince: true, attempts: true } });
    expect(since).toEqual([
      { key: "early", waitingSince: at("2027-01-20T07:00:00Z"), attempts: 0 },
      { key: "late", waitingSince: at("2027-01-20T09:00:00Z"), attempts: 0 },
    ]);
    expect(await t.store.notifications.wakeWaitingFor("megan", at("2027-01-20T10:00:00Z"), "no-conversation")).toBe(2);
    const claimed = await t.store.notifications.claimDue(at("2027-01-20T10:00:00Z"), 60_000, 10);
    expect(claimed.map((n) => n.key)).toEqual(["early", "late"]);
    // A row planned again (revived) starts without a wait behind it.
    await t.store.notifications.markCancelled(claimed[0]!, "followup-not-open");
    await t.store.notifications.plan([row("early", "2027-01-27T07:00:00Z")], at("2027-01-21T09:00:00Z"));
    expect((await t.store.db.notification.findUniqueOrThrow({ where: { key: "early" } })).waitingSince).toBeNull();
  });

  it("cancels pending rows of a subject except the keys still wanted, and revives a re-planned one", async () => {
    await t.store.notifications.plan([
      { ...row("x1"), subjectId: "f" },
      { ...row("x2"), subjectId: "f" },
    ], PLANNED);
    expect(await t.store.notifications.cancelPending("f", { exceptKeys: ["x2"] })).toBe(1);
    const statuses = async () => (await t.store.db.notification.findMany({ orderBy: { key: "asc" } })).map((n) => `${n.key}:${n.status}`);
    expect(await statuses()).toEqual(["x1:cancelled", "x2:pending"]);
    await t.store.notifications.plan([{ ...row("x1"), subjectId: "f" }], PLANNED);
    expect(await statuses()).toEqual(["x1:pending", "x2:pending"]);
  });
  it("cancels a subject's pending rows of the kinds named, or all of them, and leaves others alone", async () => {
    await t.store.notifications.plan([
      { ...row("d1"), subjectId: "f", kind: "followup_due_soon" },
      { ...row("o1"), subjectId: "f", kind: "followup_overdue" },
      { ...row("a1"), subjectId: "f", kind: "followup_assigned" },
      { ...row("g1"), subjectId: "g", kind: "followup_due_soon" },
    ], PLANNED);
    const statuses = async () => (await t.store.db.notification.findMany({ orderBy: { key: "asc" } })).map((n) => `${n.key}:${n.status}:${n.lastError ?? ""}`);
    expect(await t.store.notifications.cancelPending("f", { kinds: [] })).toBe(0);
    expect(await t.store.notifications.cancelPending("f", { kinds: ["followup_due_soon", "followup_overdue"] })).toBe(2);
    expect(await statuses()).toEqual(["a1:pending:", "d1:cancelled:superseded", "g1:pending:", "o1:cancelled:superseded"]);
    expect(await t.store.notifications.cancelPending("f", { kinds: ["followup_due_soon"] })).toBe(0); // only pending rows
    expect(await t.store.notifications.cancelPending("f")).toBe(1);
    expect(await statuses()).toEqual(["a1:cancelled:superseded", "d1:cancelled:superseded", "g1:pending:", "o1:cancelled:superseded"]);
  });
});
