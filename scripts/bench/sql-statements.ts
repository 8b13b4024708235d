import Database from "better-sqlite3";
import pg from "pg";

/**
 * Calls `seen` with every SQL statement better-sqlite3 prepares in this process (Prisma prepares
 * the queries it runs), until the returned function is called.
 */
export function watchStatements(seen: (sql: string) => void): () => void {
  const proto = (Database as unknown as { prototype: { prepare: (this: unknown, sql: string) => unknown } }).prototype;
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    seen(sql);
    return prepare.call(this, sql);
  };
  return () => {
    proto.prepare = prepare;
  };
}

/**
 * The same on PostgreSQL: calls `seen` with every statement a pg client of this process sends
 * (Prisma's pg adapter sends each query it runs, BEGIN and COMMIT included, as SQLite's prepares
 * them), with its parameters, until the returned function is called.
 */
export function watchPostgresStatements(seen: (sql: string, values: unknown[]) => void): () => void {
  const proto = pg.Client.prototype as unknown as { query: (this: unknown, ...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") seen(first, Array.isArray(second) ? second : []);
    else if (first && typeof first === "object" && "text" in first && typeof first.text === "string") {
      const values = Array.isArray(second) ? second : "values" in first && Array.isArray(first.values) ? first.values : [];
      seen(first.text, values);
    }
    return query.apply(this, args);
  };
  return () => {
    proto.query = query;
  };
}
