import Database from "better-sqlite3";
import pg from "pg";

type Run = (this: { source: string }, ...args: unknown[]) => unknown;

/**
 * Calls `seen` with every SQL statement better-sqlite3 runs in this process (`run`, `get`, `all`,
 * `iterate`: Prisma runs each query it sends, BEGIN and COMMIT included), until the returned
 * function is called. Runs, not prepares: the bot keeps its prepared statements (decision 0036),
 * so a statement prepared before the watch began is still seen each time it runs.
 */
export function watchStatements(seen: (sql: string) => void): () => void {
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<"run" | "get" | "all" | "iterate", Run>;
  probe.close();
  const methods = (["run", "get", "all", "iterate"] as const).map((name) => [name, proto[name]] as const);
  for (const [name, original] of methods) {
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      seen(this.source);
      return original.apply(this, args);
    };
  }
  return () => {
    for (const [name, original] of methods) proto[name] = original;
  };
}

/**
 * The same on PostgreSQL: calls `seen` with every statement a pg client of this process sends
 * (Prisma's pg adapter sends each query it runs, BEGIN and COMMIT included, as SQLite's are
 * seen), with its parameters, until the returned function is called.
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
