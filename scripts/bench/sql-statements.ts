import Database from "better-sqlite3";

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
