import { Sql, type SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import type { Db, Dialect } from "./prisma-client.js";

/** A connected driver adapter (Prisma exports only the factory's type). */
export type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type SqlQuery = Parameters<SqlDriverAdapter["queryRaw"]>[0];
type ArgType = SqlQuery["argTypes"][number];
type ResultSet = Awaited<ReturnType<SqlDriverAdapter["queryRaw"]>>;
type Queryable = Pick<SqlDriverAdapter, "provider" | "queryRaw" | "executeRaw">;

/**
 * Raw statements, written as Prisma's tagged templates (`Prisma.sql`, `Prisma.join` and the rest
 * inside them). A Prisma client or transaction is one; so is what `rawSqlOf` gives, which runs them
 * on the client's own driver adapter.
 */
export interface RawSql {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Sql, ...values: unknown[]): PromiseLike<number>;
}

/** Raw statements, and a transaction of raw statements. */
export interface RawSqlClient extends RawSql {
  $transaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T>;
  /** True when the statements go to the driver adapter, not through Prisma's client. */
  readonly direct: boolean;
}

/**
 * A Prisma client made over `factory`'s adapter, connected once: the client and its `rawSqlOf`
 * share the connection (SQLite: the one connection and its one-writer lock; PostgreSQL: the pool).
 * Prisma connects when it first needs to, and again after `$disconnect` (which disposes it).
 */
export function clientWithDirectSql<T extends object>(factory: SqlDriverAdapterFactory, make: (adapter: SqlDriverAdapterFactory) => T): T {
  let connected: Promise<SqlDriverAdapter> | undefined;
  const connect = (): Promise<SqlDriverAdapter> =>
    (connected ??= factory.connect().then(
      (adapter) => bound(adapter, () => (connected = undefined)),
      (err: unknown) => {
        connected = undefined;
        throw err;
      },
    ));
  const db = make({ provider: factory.provider, adapterName: factory.adapterName, connect });
  direct.set(db, connect);
  return db;
}

/** An adapter factory that may also open a shadow database (Prisma's migrate uses it). */
export type ConnectionFactory = SqlDriverAdapterFactory & { connectToShadowDb?(): Promise<SqlDriverAdapter> };

/** The factory, each connection it opens (the shadow database's too) passed through `setUp`. */
export function eachConnection(factory: ConnectionFactory, setUp: (adapter: SqlDriverAdapter) => SqlDriverAdapter | Promise<SqlDriverAdapter>): ConnectionFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => setUp(await factory.connect()),
    ...(factory.connectToShadowDb ? { connectToShadowDb: async () => setUp(await factory.connectToShadowDb!()) } : {}),
  };
}

/** Each client's shared adapter, for `rawSqlOf`. */
const direct = new WeakMap<object, () => Promise<SqlDriverAdapter>>();

/** The adapter's methods bound to it; `disposed` is told when Prisma lets the connection go. */
function bound(adapter: SqlDriverAdapter, disposed: () => void): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q) => adapter.queryRaw(q),
    executeRaw: (q) => adapter.executeRaw(q),
    executeScript: (s) => adapter.executeScript(s),
    startTransaction: (level) => adapter.startTransaction(level),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => {
      disposed();
      return adapter.dispose();
    },
  };
}

/**
 * Raw statements for the hot paths (decision 0035). On a client made by `clientWithDirectSql`
 * (as `createPrismaClient` and `createPostgresPrismaClient` make theirs), they go to its driver adapter directly:
 * the same SQL, the same arguments and the same result values as Prisma's `$queryRaw`, without
 * its client runtime and query compiler, which cost about 0.2 ms of CPU a statement. On any other
 * client they go through Prisma.
 */
export function rawSqlOf(db: Db): RawSqlClient {
  const connect = direct.get(db);
  if (!connect) return { $queryRaw: (q, ...v) => db.$queryRaw(q, ...v), $executeRaw: (q, ...v) => db.$executeRaw(q, ...v), $transaction: (work) => db.$transaction((tx) => work(tx)), direct: false };
  return directSql(connect);
}

/** Raw statements on a driver adapter, as `rawSqlOf` describes. */
function directSql(connect: () => Promise<SqlDriverAdapter>): RawSqlClient {
  const on = (target: () => Promise<Queryable>): RawSql => ({
    async $queryRaw<T>(query: TemplateStringsArray | Sql, ...values: unknown[]): Promise<T> {
      const to = await target();
      return rowsOf(await to.queryRaw(render(query, values, dialectOf(to)))) as T;
    },
    async $executeRaw(query: TemplateStringsArray | Sql, ...values: unknown[]): Promise<number> {
      const to = await target();
      return to.executeRaw(render(query, values, dialectOf(to)));
    },
  });
  return {
    ...on(connect),
    direct: true,
    async $transaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T> {
      // As Prisma runs one: the adapter begins it; COMMIT or ROLLBACK is a statement of ours, then
      // the transaction gives its connection back.
      const tx = await (await connect()).startTransaction();
      let result: T;
      try {
        result = await work(on(async () => tx));
      } catch (err) {
        await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
        await tx.rollback();
        throw err;
      }
      try {
        await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      } catch (err) {
        // SQLite's one-writer has rolled back and given the connection back already; on
        // PostgreSQL the failed transaction is over, and its connection goes back to the pool.
        await tx.rollback();
        throw err;
      }
      await tx.commit();
      return result;
    },
  };
}

const dialectOf = (to: Queryable): Dialect => (to.provider === "postgres" ? "postgresql" : "sqlite");

/** The statement and its arguments, typed as Prisma's query compiler types a raw query's. */
function render(query: TemplateStringsArray | Sql, values: unknown[], dialect: Dialect): SqlQuery {
  const sql = query instanceof Sql ? query : new Sql(query, values);
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  for (const v of sql.values) {
    const [arg, type] = encode(v);
    args.push(arg);
    argTypes.push(type);
  }
  return { sql: dialect === "postgresql" ? sql.text : sql.sql, args, argTypes };
}

const scalar = (scalarType: ArgType["scalarType"]): ArgType => ({ arity: "scalar", scalarType });

function encode(v: unknown): [unknown, ArgType] {
  if (v === null || v === undefined) return [null, scalar("unknown")];
  if (typeof v === "string") return [v, scalar("string")];
  if (typeof v === "number") return [v, scalar(Number.isInteger(v) ? "int" : "float")];
  if (typeof v === "boolean") return [v, scalar("boolean")];
  if (typeof v === "bigint") return [v.toString(), scalar("bigint")];
  if (v instanceof Date) return [v.toISOString(), scalar("datetime")];
  if (Array.isArray(v)) {
    const items = v.map(encode);
    return [items.map(([a]) => a), { arity: "list", scalarType: items[0]?.[1].scalarType ?? "unknown" }];
  }
  throw new TypeError(`A raw statement's argument of type ${typeof v} is not supported here`);
}

/** The adapter's column types (`ColumnTypeEnum` of Prisma's driver adapters). */
const T = { Int32: 0, Int64: 1, Numeric: 4, Boolean: 5, Date: 8, Time: 9, DateTime: 10, Json: 11, Bytes: 13 } as const;
const ARRAY = 64;

/** Rows as objects, each value as Prisma's `$queryRaw` gives it for its column type. */
function rowsOf(set: ResultSet): Record<string, unknown>[] {
  const { columnNames: names, columnTypes: types } = set;
  return set.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = valueOf(row[i], types[i]!);
    return out;
  });
}

function valueOf(v: unknown, type: number): unknown {
  if (v === null || v === undefined) return null;
  if (type >= ARRAY && type < 128 && Array.isArray(v)) return v.map((x) => valueOf(x, type - ARRAY));
  switch (type) {
    case T.Int32:
      return Math.trunc(Number(v));
    case T.Int64:
      return typeof v === "number" ? BigInt(Math.trunc(v)) : BigInt(v as string);
    case T.Boolean:
      return typeof v === "boolean" ? v : typeof v === "number" ? v === 1 : v === "true" || v === "1";
    case T.Date:
    case T.DateTime:
      return new Date(v as string);
    case T.Time:
      return new Date(`1970-01-01T${v as string}Z`);
    case T.Json:
      return typeof v === "string" ? JSON.parse(v) : v;
    case T.Bytes:
      return Array.isArray(v) ? new Uint8Array(v as number[]) : v;
    case T.Numeric:
      throw new TypeError("A raw statement on the direct path returned a NUMERIC column; cast it in the SQL");
    default:
      return v;
  }
}
