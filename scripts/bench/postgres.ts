import pg from "pg";

/** The PostgreSQL server the benchmarks may create databases on: `BENCH_POSTGRES_URL`, else `TEST_POSTGRES_URL`. */
export function benchPostgresServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.BENCH_POSTGRES_URL || env.TEST_POSTGRES_URL || undefined;
}

/** One statement on the server's maintenance database (creating and dropping databases); tests use it too. */
export async function adminQuery<T extends pg.QueryResultRow>(server: string, sql: string): Promise<T[]> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    return (await admin.query<T>(sql)).rows;
  } finally {
    await admin.end();
  }
}

/** The server's URL with another database name. */
export function databaseOn(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The server's version (what the report says the figures were measured on; never its address). */
export async function postgresVersion(server: string): Promise<string> {
  return (await adminQuery<{ server_version: string }>(server, "SHOW server_version"))[0]?.server_version ?? "unknown";
}

/**
 * Runs `run` on a new, empty database `laeringsloop_bench_<label>_<time>` on the server, and drops
 * it afterwards, whether `run` succeeded or not (as test/helpers/test-database.ts does for tests).
 */
export async function withNewDatabase<T>(server: string, label: string, run: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `laeringsloop_bench_${label.replace(/\W/g, "_")}_${Date.now().toString(36)}`;
  await adminQuery(server, `CREATE DATABASE "${name}"`);
  try {
    return await run(databaseOn(server, name));
  } finally {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
