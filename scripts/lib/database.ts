import { existsSync } from "node:fs";
import { ConfigError, loadConfig, type Config } from "../../src/config.js";
import { strings } from "../../src/lib/strings.da.js";
import { dialectOf, openClient, shownUrl } from "../../src/store/database.js";
import { sqliteFilePath } from "../../src/store/database-url.js";
import type { Db, Dialect } from "../../src/store/prisma-client.js";

/** Prints a message for the administrator and stops with `code` (1: not found / no database, 2: bad arguments). */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/**
 * The configuration and a client on the bot's existing database (the bot creates and migrates
 * it). Read-only: SQLite opens the file read-only, PostgreSQL runs read-only transactions.
 */
export async function openDatabase(opts: { readOnly: boolean }): Promise<{ config: Config; db: Db; dialect: Dialect }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
  const url = config.databaseUrl;
  if (dialectOf(url) === "sqlite") {
    const file = sqliteFilePath(url);
    if (file === ":memory:" || !existsSync(file)) fail(strings.status.noDatabase(file), 1);
  }
  const { db, dialect } = await openClient(url, { readOnly: opts.readOnly });
  // PostgreSQL: the server must answer, and the bot must have migrated the database once.
  if (dialect === "postgresql") {
    await db.$queryRawUnsafe(`SELECT 1 FROM "_prisma_migrations" LIMIT 1`).catch((err: unknown) => {
      // No such database, or never migrated: not there yet. Anything else: why it can't be reached.
      const text = err instanceof Error ? err.message : String(err);
      if (/3D000|42P01|does not exist/.test(text)) fail(strings.status.noDatabase(shownUrl(url)), 1);
      fail(strings.database.unreachable(shownUrl(url), text.split("\n").filter(Boolean).at(-1) ?? text), 1);
    });
  }
  return { config, db, dialect };
}
