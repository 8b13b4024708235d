import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";
import { onPostgres } from "../helpers/test-database.js";

/** The record of handled activities: Teams may deliver the same one twice, even at once. */
describe("activity log", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());

  it("claims an activity once, also when two deliveries race, and answers the second with the first's response", async () => {
    const log = t.store.activityLog;
    // One of the three wins (on PostgreSQL, whichever connection's insert lands first).
    expect((await Promise.all([log.firstDelivery("c:1"), log.firstDelivery("c:1"), log.firstDelivery("c:1")])).sort()).toEqual([false, false, true]);
    expect(await t.another().activityLog.firstDelivery("c:1")).toBe(false); // another process on the same file
    expect(await log.response("c:1")).toBeUndefined();
    await log.recordResponse("c:1", '{"type":"AdaptiveCard"}');
    expect(await log.response("c:1")).toBe('{"type":"AdaptiveCard"}');
    await log.recordResponse("never-claimed", "x"); // nothing to answer: no error, no row
    expect(await t.store.db.processedActivity.count()).toBe(1);
  });

  it("stores the time it was handled as Prisma does, so pruning by time finds it", async () => {
    const log = t.store.activityLog;
    const before = new Date();
    await log.firstDelivery("c:2");
    await t.store.db.processedActivity.create({ data: { id: "by-prisma" } });
    const rows = await t.store.db.processedActivity.findMany({ orderBy: { id: "asc" } });
    for (const r of rows) expect(Math.abs(r.at.getTime() - before.getTime()), r.id).toBeLessThan(60_000);
    // Stored in the same format as Prisma's own rows (SQLite compares them as text; PostgreSQL
    // has a timestamp type of its own).
    // (PostgreSQL's text of a timestamp drops trailing zeros of the milliseconds: to_char keeps them.)
    const typeOf = onPostgres ? `pg_typeof("at")::text` : `typeof("at")`;
    const asText = onPostgres ? `to_char("at", 'YYYY-MM-DD HH24:MI:SS.MS')` : `CAST("at" AS TEXT)`;
    const raw = await t.store.db.$queryRawUnsafe<{ id: string; kind: string; at: string }[]>(`SELECT "id", ${typeOf} AS "kind", ${asText} AS "at" FROM "ProcessedActivity" ORDER BY "id"`);
    const shape = (s: string) => s.replace(/\d/g, "9");
    expect(raw.map((r) => r.kind)).toEqual(onPostgres ? ["timestamp without time zone", "timestamp without time zone"] : ["text", "text"]);
    expect(shape(raw[1]!.at)).toBe(shape(raw[0]!.at));
    expect(await log.prune(new Date(before.getTime() - 60_000))).toBe(0);
    expect(await log.prune(new Date(before.getTime() + 60_000))).toBe(2);
  });
});
