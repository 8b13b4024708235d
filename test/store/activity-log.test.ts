import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";
import { onPostgres } from "../helpers/test-database.js";

const at = (s: number) => new Date(Date.UTC(2027, 0, 11, 8, 0, s));

/**
 * The record of handled activities: Teams may deliver the same one twice, even at once, to
 * another instance, or again after the process that took it was killed.
 */
describe("activity log", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());

  it("claims an activity for one attempt, also when two deliveries race, and answers the others with its response", async () => {
    const log = t.store.activityLog;
    // One of the three wins (on PostgreSQL, whichever connection's insert lands first).
    const claims = await Promise.all(["a", "b", "c"].map((holder) => log.claim("c:1", holder, at(0), at(10))));
    expect(claims.sort()).toEqual([false, false, true]);
    expect(await t.another().activityLog.claim("c:1", "d", at(1), at(11))).toBe(false); // another process, while the lease runs
    expect(await log.response("c:1")).toBeUndefined();
    await log.recordResponse("c:1", '{"type":"AdaptiveCard"}');
    expect(await log.response("c:1")).toBe('{"type":"AdaptiveCard"}');
    // Answered: never claimed again, however late the redelivery; the first answer stays.
    expect(await t.another().activityLog.claim("c:1", "e", at(60), at(70))).toBe(false);
    await log.recordResponse("c:1", '"later"');
    expect(await log.response("c:1")).toBe('{"type":"AdaptiveCard"}');
    await log.recordResponse("never-claimed", "x"); // nothing to answer: no error, no row
    expect(await t.store.db.processedActivity.count()).toBe(1);
  });

  it("a claim lasts as long as its attempt: renewed it holds, unanswered after its lease it is taken over once, and the old attempt can no longer renew it", async () => {
    const log = t.store.activityLog;
    const other = t.another().activityLog;
    expect(await log.claim("c:2", "first", at(0), at(10))).toBe(true);
    expect(await log.renew("c:2", "first", at(20))).toBe(true);
    expect(await other.claim("c:2", "second", at(15), at(25))).toBe(false); // renewed: still held
    expect(await log.renew("c:2", "someone", at(30))).toBe(false); // only the holder renews
    // The first attempt's process died: its lease runs out, and of two redeliveries one takes it over.
    const takeovers = await Promise.all([other.claim("c:2", "second", at(21), at(31)), log.claim("c:2", "third", at(21), at(31))]);
    expect(takeovers.sort()).toEqual([false, true]);
    const holder = (await t.store.db.processedActivity.findUniqueOrThrow({ where: { id: "c:2" } })).holder!;
    expect(["second", "third"]).toContain(holder);
    expect(await log.renew("c:2", "first", at(40))).toBe(false);
    expect(await log.renew("c:2", holder, at(40))).toBe(true);
    await log.recordResponse("c:2", '"done"');
    expect(await log.renew("c:2", holder, at(50))).toBe(false); // answered: nothing left to hold
    expect(await t.store.db.processedActivity.count()).toBe(1);
  });

  it("an attempt that gives its claim up leaves the activity to the next delivery; only the holder can", async () => {
    const log = t.store.activityLog;
    expect(await log.claim("c:3", "first", at(0), at(10))).toBe(true);
    await log.release("c:3", "someone");
    expect(await log.claim("c:3", "second", at(1), at(11))).toBe(false);
    await log.release("c:3", "first");
    expect(await log.claim("c:3", "second", at(1), at(11))).toBe(true);
    await log.recordResponse("c:3", '"done"');
    await log.release("c:3", "second"); // answered: the answer stays
    expect(await log.response("c:3")).toBe('"done"');
  });

  it("stores the times as Prisma does, so pruning and the lease's comparison by time find them", async () => {
    const log = t.store.activityLog;
    const before = new Date();
    await log.claim("c:4", "h", before, new Date(before.getTime() + 10_000));
    await t.store.db.processedActivity.create({ data: { id: "by-prisma", leaseUntil: new Date(before.getTime() + 10_000) } });
    const rows = await t.store.db.processedActivity.findMany({ orderBy: { id: "asc" } });
    for (const r of rows) expect(Math.abs(r.at.getTime() - before.getTime()), r.id).toBeLessThan(60_000);
    expect(rows.map((r) => r.leaseUntil!.getTime() - before.getTime())).toEqual([10_000, 10_000]);
    // Stored in the same format as Prisma's own rows (SQLite compares them as text; PostgreSQL
    // has a timestamp type of its own).
    // (PostgreSQL's text of a timestamp drops trailing zeros of the milliseconds: to_char keeps them.)
    const typeOf = (c: string) => (onPostgres ? `pg_typeof("${c}")::text` : `typeof("${c}")`);
    const asText = (c: string) => (onPostgres ? `to_char("${c}", 'YYYY-MM-DD HH24:MI:SS.MS')` : `CAST("${c}" AS TEXT)`);
    const raw = await t.store.db.$queryRawUnsafe<{ id: string; kind: string; at: string; leaseKind: string; lease: string }[]>(
      `SELECT "id", ${typeOf("at")} AS "kind", ${asText("at")} AS "at", ${typeOf("leaseUntil")} AS "leaseKind", ${asText("leaseUntil")} AS "lease" FROM "ProcessedActivity" ORDER BY "id"`,
    );
    const shape = (s: string) => s.replace(/\d/g, "9");
    const kind = onPostgres ? "timestamp without time zone" : "text";
    expect(raw.map((r) => [r.kind, r.leaseKind])).toEqual([
      [kind, kind],
      [kind, kind],
    ]);
    expect(shape(raw[1]!.at)).toBe(shape(raw[0]!.at));
    expect(shape(raw[1]!.lease)).toBe(shape(raw[0]!.lease));
    // A lease compared with a moment a millisecond after it has run out; one at it has not.
    const lease = rows[0]!.leaseUntil!;
    expect(await log.claim("c:4", "late", lease, new Date(lease.getTime() + 10_000))).toBe(false);
    expect(await log.claim("c:4", "late", new Date(lease.getTime() + 1), new Date(lease.getTime() + 10_000))).toBe(true);
    expect(await log.prune(new Date(before.getTime() - 60_000))).toBe(0);
    expect(await log.prune(new Date(before.getTime() + 60_000))).toBe(2);
  });
});
