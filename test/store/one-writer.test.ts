import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** One SQLite connection shared by every request: a transaction must not take in other requests' queries. */
describe("one writer at a time on the SQLite connection", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());

  it("another request's write while a transaction is open is kept when that transaction rolls back", async () => {
    const db = t.store.db;
    let other: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.processedActivity.create({ data: { id: "inside" } });
        // Another request writes meanwhile (then() makes Prisma send it now, not when awaited).
        other = db.processedActivity.create({ data: { id: "another request" } }).then((r) => r);
        await new Promise((r) => setTimeout(r, 20));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await other;
    expect((await db.processedActivity.findMany({ orderBy: { id: "asc" } })).map((r) => r.id)).toEqual(["another request"]);
  });

  it("queries outside transactions go in the order they came, after the open transaction", async () => {
    const db = t.store.db;
    const order: string[] = [];
    const seen: Promise<unknown>[] = [];
    await db.$transaction(async (tx) => {
      await tx.processedActivity.create({ data: { id: "tx" } });
      for (const id of ["a", "b", "c"]) seen.push(db.processedActivity.create({ data: { id } }).then(() => order.push(id)));
      await new Promise((r) => setTimeout(r, 20));
      // Nothing from outside has run inside this transaction.
      expect(await tx.processedActivity.count()).toBe(1);
      order.push("commit");
    });
    await Promise.all(seen);
    expect(order).toEqual(["commit", "a", "b", "c"]);
    expect(await db.processedActivity.count()).toBe(4);
  });

  it("a COMMIT that fails rolls back and frees the connection (it does not hang every later query)", async () => {
    const db = t.store.db;
    await expect(
      db.$transaction(async (tx) => {
        await tx.processedActivity.create({ data: { id: "inside" } });
        // A foreign key checked only at COMMIT: the COMMIT statement itself fails.
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.$executeRawUnsafe(`INSERT INTO "FollowUpEvent" ("id", "followUpId", "kind", "actorId", "at", "data") VALUES ('e1', 'no-such-follow-up', 'created', 'x', '2026-11-22T10:00:00.000+00:00', '{}')`);
      }),
    ).rejects.toThrow(/ForeignKeyConstraintViolation|FOREIGN KEY/);
    expect(await db.processedActivity.count()).toBe(0);
    await db.$transaction(async (tx) => tx.processedActivity.create({ data: { id: "after" } }));
    expect((await db.processedActivity.findMany()).map((r) => r.id)).toEqual(["after"]);
  });

  it("a failed BEGIN or a rolled-back transaction does not leave the connection locked", async () => {
    const db = t.store.db;
    await expect(db.$transaction(async () => Promise.reject(new Error("nope")))).rejects.toThrow("nope");
    await db.$transaction([db.processedActivity.create({ data: { id: "batch" } })]);
    expect(await db.processedActivity.count()).toBe(1);
  });

  it("lets the event loop turn during a burst of queries: a timer set as they start fires before they are all done", async () => {
    const db = t.store.db;
    const burst = 500;
    let done = 0;
    let doneWhenTimerFired: number | undefined;
    setTimeout(() => (doneWhenTimerFired = done), 0);
    await Promise.all(Array.from({ length: burst }, (_, i) => db.processedActivity.findFirst({ where: { id: `a${i}` } }).then(() => (done += 1))));
    // Sockets and timers (a request's body, an answer, the admission's deadline) wait no longer
    // than LOOP_TURN_MS and one statement, not until the queue has run dry.
    expect(done).toBe(burst);
    expect(doneWhenTimerFired).toBeLessThan(burst);
  });
});
