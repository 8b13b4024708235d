import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "../../src/generated/prisma/client.js";
import { rawSqlOf, type RawSql } from "../../src/store/raw-sql.js";
import { onPostgres } from "../helpers/test-database.js";
import { testStore } from "../helpers/test-db.js";

/**
 * The hot paths' raw statements on the driver adapter (decision 0035): the same values as Prisma's
 * `$queryRaw`, transactions that commit or roll back whole, on a real database of this pass's kind.
 */
describe("raw statements on the driver adapter", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: true });
    const db = t.store.db;
    await db.meeting.create({ data: { id: "m", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2027-01-05T09:00:00.250Z"), durationMinutes: 60 } });
    await db.followUp.create({ data: { id: "f1", meetingId: "m", unitId: "solsikken", meetingKind: "one_on_one", text: "Ring til «Solsikken» & PPR", ownerId: "megan", dueDate: "2027-02-01", evaluateAtNextMeeting: true } });
    await db.followUp.create({ data: { id: "f2", meetingId: "m", unitId: "solsikken", meetingKind: "one_on_one", text: "Opfølgning", ownerId: "megan", dueDate: "2027-03-01", status: "done", doneAt: new Date("2027-01-10T08:00:00.123Z") } });
  });
  afterEach(() => t.close());

  const count = () => t.store.db.processedActivity.count();

  it("reads every column and argument type the store binds as Prisma's $queryRaw does", async () => {
    const db = t.store.db;
    const sql = rawSqlOf(db);
    expect(sql.direct).toBe(true);
    const at = new Date("2020-01-01T00:00:00.500Z");
    const read = (s: RawSql) =>
      s.$queryRaw`
        SELECT f."id", f."text", f."version", f."evaluateAtNextMeeting", f."createdAt", f."doneAt", m."startsAt",
               COUNT(*) OVER () AS "n", CAST(${"tekst"} AS TEXT) AS "s"
        FROM "FollowUp" f JOIN "Meeting" m ON m."id" = f."meetingId"
        WHERE f."id" IN (${Prisma.join(["f1", "f2", "f3"])}) AND f."createdAt" > ${at} AND f."version" < ${7} AND m."durationMinutes" < CAST(${60.5} AS REAL)
          AND (CAST(${null} AS TEXT) IS NULL)${Prisma.empty} ${Prisma.sql`AND f."ownerId" = ${"megan"}`}
        ORDER BY f."id" ASC`;
    const direct = await read(sql);
    expect(direct).toEqual(await read(db));
    expect(direct).toHaveLength(2);
    const [f1, f2] = direct as Record<string, unknown>[];
    expect(f1).toMatchObject({ id: "f1", text: "Ring til «Solsikken» & PPR", version: 1, evaluateAtNextMeeting: true, doneAt: null, n: 2n, s: "tekst" });
    expect(f1!.startsAt).toEqual(new Date("2027-01-05T09:00:00.250Z"));
    expect(f2!.doneAt).toEqual(new Date("2027-01-10T08:00:00.123Z"));
    // A boolean argument, and a write's count of rows changed.
    const mark = (s: RawSql) => s.$executeRaw`UPDATE "FollowUp" SET "evaluateAtNextMeeting" = ${false} WHERE "meetingId" = ${"m"}`;
    expect(await mark(sql)).toBe(2);
    expect(await mark(db)).toBe(2);
    expect((await db.followUp.findMany({ where: { evaluateAtNextMeeting: false } })).length).toBe(2);
  });

  it("writes dates as the model API does: a row written directly reads back through the model API to the millisecond", async () => {
    const at = new Date("2027-01-02T03:04:05.678Z");
    await rawSqlOf(t.store.db).$executeRaw`INSERT INTO "ProcessedActivity" ("id", "at") VALUES (${"a1"}, ${at})`;
    expect((await t.store.db.processedActivity.findUniqueOrThrow({ where: { id: "a1" } })).at).toEqual(at);
    expect(await t.store.db.processedActivity.count({ where: { at: { lt: new Date(at.getTime() + 1) }, AND: { at: { gte: at } } } })).toBe(1);
  });

  it("a transaction commits whole, or rolls back whole and passes the error on; the connection is free after either", async () => {
    const sql = rawSqlOf(t.store.db);
    const insert = (tx: RawSql, id: string) => tx.$executeRaw`INSERT INTO "ProcessedActivity" ("id", "at") VALUES (${id}, ${new Date()})`;
    expect(await sql.$transaction(async (tx) => (await insert(tx, "a"), await insert(tx, "b"), "svar"))).toBe("svar");
    expect(await count()).toBe(2);
    await expect(sql.$transaction(async (tx) => (await insert(tx, "c"), await insert(tx, "a")))).rejects.toThrow(/Unique|UNIQUE|duplicate/);
    await expect(
      sql.$transaction(async (tx) => {
        await insert(tx, "d");
        throw new Error("fortrudt");
      }),
    ).rejects.toThrow("fortrudt");
    expect((await t.store.db.processedActivity.findMany({ orderBy: { id: "asc" } })).map((r) => r.id)).toEqual(["a", "b"]);
    await t.store.db.$transaction(async (tx) => tx.processedActivity.create({ data: { id: "e" } }));
    await sql.$transaction(async (tx) => insert(tx, "f"));
    expect(await count()).toBe(4);
  });

  it.skipIf(onPostgres)("SQLite: another request's write while a direct transaction is open waits, and is kept when that transaction rolls back", async () => {
    const db = t.store.db;
    let other: Promise<unknown> | undefined;
    await expect(
      rawSqlOf(db).$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "ProcessedActivity" ("id", "at") VALUES (${"inside"}, ${new Date()})`;
        other = db.processedActivity.create({ data: { id: "another request" } }).then((r) => r);
        await new Promise((r) => setTimeout(r, 20));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await other;
    expect((await db.processedActivity.findMany()).map((r) => r.id)).toEqual(["another request"]);
  });

  it.skipIf(onPostgres)("SQLite: a COMMIT that fails rolls back and frees the connection", async () => {
    const sql = rawSqlOf(t.store.db);
    await expect(
      sql.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "ProcessedActivity" ("id", "at") VALUES (${"inside"}, ${new Date()})`;
        // A foreign key checked only at COMMIT: the COMMIT statement itself fails.
        await tx.$executeRaw`PRAGMA defer_foreign_keys = ON`;
        await tx.$executeRaw`INSERT INTO "FollowUpEvent" ("id", "followUpId", "kind", "actorId", "at", "data") VALUES (${"e1"}, ${"no-such-follow-up"}, ${"created"}, ${"x"}, ${new Date()}, ${"{}"})`;
      }),
    ).rejects.toThrow(/ForeignKeyConstraintViolation|FOREIGN KEY/);
    expect(await count()).toBe(0);
    await sql.$transaction(async (tx) => tx.$executeRaw`INSERT INTO "ProcessedActivity" ("id", "at") VALUES (${"after"}, ${new Date()})`);
    await t.store.db.processedActivity.create({ data: { id: "and after" } });
    expect(await count()).toBe(2);
  });

  it.skipIf(onPostgres)("a Prisma client made elsewhere gets its statements through Prisma, with the same values", async () => {
    const other = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: t.url }) });
    try {
      const sql = rawSqlOf(other as never);
      expect(sql.direct).toBe(false);
      const read = (s: RawSql) => s.$queryRaw`SELECT "id", "doneAt", "evaluateAtNextMeeting" FROM "FollowUp" ORDER BY "id"`;
      expect(await read(sql)).toEqual(await read(rawSqlOf(t.store.db)));
      await sql.$transaction(async (tx) => tx.$executeRaw`UPDATE "FollowUp" SET "text" = ${"ny"} WHERE "id" = ${"f1"}`);
      expect((await t.store.db.followUp.findUniqueOrThrow({ where: { id: "f1" } })).text).toBe("ny");
    } finally {
      await other.$disconnect();
    }
  });
});
