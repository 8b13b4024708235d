import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import { migrateSqlite } from "../../src/store/migrate.js";
import { sqliteConnections } from "../../src/store/sqlite-connection.js";

type Adapter = Awaited<ReturnType<ReturnType<typeof sqliteConnections>["connect"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];
const text = { scalarType: "string", arity: "scalar" } as const;
const int = { scalarType: "int", arity: "scalar" } as const;
const q = (sql: string, args: unknown[] = [], argTypes: Query["argTypes"] = args.map(() => text)): Query => ({ sql, args, argTypes }) as Query;

/**
 * The bot's SQLite connection (decision 0036): Prisma's own better-sqlite3 adapter, its prepared
 * statements kept for use again, and PRAGMA synchronous as configured. On a real migrated file.
 */
describe("the SQLite connection: kept statements and synchronous", () => {
  let dir: string;
  let url: string;
  const opened: { dispose(): Promise<void> }[] = [];
  const connect = async (factory: { connect(): Promise<Adapter> }) => {
    const a = await factory.connect();
    opened.push(a);
    return a;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "laeringsloop-sqlite-connection-"));
    url = `file:${join(dir, "c.db")}`;
    migrateSqlite(url);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((a) => a.dispose()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps Prisma's adapter's prepared statements: the second run of a statement prepares nothing", async () => {
    const factory = sqliteConnections(new PrismaBetterSQLite3({ url }));
    const a = await connect(factory);
    // If a later adapter keeps its connection elsewhere, this says so (statements would be prepared anew).
    expect(factory.keptStatements()).toBeDefined();
    const before = { ...factory.keptStatements()! };
    for (let i = 0; i < 3; i++) await a.queryRaw(q(`SELECT "id" FROM "Person" WHERE "aadObjectId" = ?`, [`aad-${i}`]));
    const after = factory.keptStatements()!;
    expect(after.prepared - before.prepared).toBe(1);
    expect(after.reused - before.reused).toBe(2);
  });

  it("gives what the adapter gives without kept statements: rows, column types, counts, RETURNING, errors", async () => {
    const kept = await connect(sqliteConnections(new PrismaBetterSQLite3({ url })));
    const plain = await connect(new PrismaBetterSQLite3({ url }));
    const both = async <T>(run: (a: Adapter) => Promise<T>): Promise<[T, T]> => [await run(kept), await run(plain)];

    await kept.executeRaw(q(`INSERT INTO "Person" ("id", "name", "active", "updatedAt") VALUES (?, ?, ?, ?)`, ["p1", "Ærø Østergård «Å»", 1, "2027-01-05T09:00:00.250+00:00"], [text, text, int, text]));
    await plain.executeRaw(q(`INSERT INTO "Person" ("id", "name", "active", "updatedAt") VALUES (?, ?, ?, ?)`, ["p2", "Søren", 0, "2027-01-05T09:00:00.250+00:00"], [text, text, int, text]));
    // Twice each, so the kept connection's second answer comes from a statement used before.
    for (let i = 0; i < 2; i++) {
      const [k, p] = await both((a) => a.queryRaw(q(`SELECT "id", "name", "active", "email", "updatedAt", COUNT(*) OVER () AS "n", 1.5 AS "f" FROM "Person" ORDER BY "id"`)));
      expect(k).toEqual(p);
      expect(k.rows).toHaveLength(2);
      const [kc, pc] = await both((a) => a.executeRaw(q(`UPDATE "Person" SET "email" = ? WHERE "active" = ?`, [`x${i}@kommune.dk`, 1], [text, int])));
      expect([kc, pc]).toEqual([1, 1]);
      const [kr, pr] = await both((a) => a.queryRaw(q(`UPDATE "Person" SET "phone" = ? WHERE "id" = ? RETURNING "id", "phone"`, [`${i}`, "p2"])));
      expect(kr).toEqual(pr);
      expect(kr.rows).toEqual([["p2", `${i}`]]);
    }
    // A statement that failed is used again, and its error is the adapter's own, as without keeping.
    const insert = (a: Adapter, id: string) => a.executeRaw(q(`INSERT INTO "Person" ("id", "name", "updatedAt") VALUES (?, ?, ?)`, [id, "Dublet", "2027-01-05T09:00:00+00:00"]));
    const errors = await both((a) => insert(a, "p1").then(() => undefined, (e: unknown) => e as { name: string; cause: unknown }));
    expect(errors[0]?.name).toBe("DriverAdapterError");
    expect(errors[0]?.cause).toEqual(errors[1]?.cause);
    expect(await insert(kept, "p3")).toBe(1);
    // A statement with no arguments, and one with the wrong number of them.
    expect((await kept.queryRaw(q(`SELECT COUNT(*) AS "n" FROM "Person"`))).rows).toEqual([["3"]]);
    await expect(kept.queryRaw(q(`SELECT "id" FROM "Person" WHERE "id" = ?`, ["p1", "p2"]))).rejects.toThrow();
    expect((await kept.queryRaw(q(`SELECT "id" FROM "Person" WHERE "id" = ?`, ["p1"]))).rows).toEqual([["p1"]]);
  });

  it("runs Prisma's model API and its transactions on kept statements: a rolled-back transaction leaves nothing", async () => {
    const factory = sqliteConnections(new PrismaBetterSQLite3({ url }));
    const db = new PrismaClient({ adapter: factory });
    opened.push({ dispose: () => db.$disconnect() });
    await db.person.create({ data: { id: "alex", name: "Alex Wilber" } });
    await db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: "alex" }, data: { email: "alex@kommune.dk" } });
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.person.update({ where: { id: "alex" }, data: { email: "skal ikke gemmes" } });
        throw new Error("rul tilbage");
      }),
    ).rejects.toThrow("rul tilbage");
    for (let i = 0; i < 3; i++) expect((await db.person.findUniqueOrThrow({ where: { id: "alex" } })).email).toBe("alex@kommune.dk");
    expect(factory.keptStatements()!.reused).toBeGreaterThan(0);
  });

  it("keeps no more statements than it is told, letting go of the one used longest ago", async () => {
    const factory = sqliteConnections(new PrismaBetterSQLite3({ url }), { keptStatements: 2 });
    const a = await connect(factory);
    const base = { ...factory.keptStatements()! };
    const run = (n: number) => a.queryRaw(q(`SELECT ${n} AS "n"`));
    await run(1);
    await run(2);
    await run(1); // used again: now 2 is the oldest
    await run(3); // 2 is let go
    await run(1);
    expect(factory.keptStatements()!.kept).toBe(2);
    expect(factory.keptStatements()!.prepared - base.prepared).toBe(3);
    await run(2);
    expect(factory.keptStatements()!.prepared - base.prepared).toBe(4);
    // Told to keep none: nothing is kept, and the adapter works as it came.
    const none = sqliteConnections(new PrismaBetterSQLite3({ url }), { keptStatements: 0 });
    const b = await connect(none);
    expect(none.keptStatements()).toBeUndefined();
    expect((await b.queryRaw(q(`SELECT 7 AS "n"`))).rows).toEqual([["7"]]);
  });

  it("sets PRAGMA synchronous on its connection: normal unless told full", async () => {
    const sync = async (a: Adapter) => (await a.queryRaw(q(`PRAGMA synchronous`))).rows[0]![0];
    expect(await sync(await connect(sqliteConnections(new PrismaBetterSQLite3({ url }))))).toBe("1");
    expect(await sync(await connect(sqliteConnections(new PrismaBetterSQLite3({ url }), { synchronous: "full" })))).toBe("2");
    // The file's journal is WAL (set by the migrator), which is what makes normal keep each commit when the process dies.
    expect((await (await connect(sqliteConnections(new PrismaBetterSQLite3({ url })))).queryRaw(q(`PRAGMA journal_mode`))).rows).toEqual([["wal"]]);
  });

  it("with synchronous normal, a commit is kept when the process is killed the moment after it", async () => {
    const root = resolve(import.meta.dirname, "../..");
    const script = `
      import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
      import { sqliteConnections } from "./src/store/sqlite-connection.ts";
      const a = await sqliteConnections(new PrismaBetterSQLite3({ url: process.env.URL })).connect();
      for (let i = 0; i < 50; i++) await a.executeRaw({ sql: 'INSERT INTO "ProcessedActivity" ("id", "at") VALUES (?, ?)', args: ["a" + i, Date.now()], argTypes: [{ scalarType: "string", arity: "scalar" }, { scalarType: "int", arity: "scalar" }] });
      process.kill(process.pid, "SIGKILL");`;
    const signal = await new Promise<string | null>((ok, fail) => {
      const child = spawn(process.execPath, ["--import", join(root, "node_modules/tsx/dist/loader.mjs"), "--input-type=module", "-e", script], { cwd: root, env: { PATH: process.env.PATH ?? "", URL: url }, stdio: "inherit" });
      child.on("error", fail);
      child.on("close", (_code, sig) => ok(sig));
    });
    expect(signal).toBe("SIGKILL");
    const db = new Database(join(dir, "c.db"), { readonly: true });
    try {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM "ProcessedActivity"`).get()).toEqual({ n: 50 });
    } finally {
      db.close();
    }
  });
});
