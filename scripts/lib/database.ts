import { existsSync } from "node:fs";
import { ConfigError, loadConfig, type Config } from "../../src/config.js";
import { strings } from "../../src/lib/strings.da.js";
import { sqliteFilePath } from "../../src/store/database-url.js";
import { createPrismaClient, createReadOnlyPrismaClient, type Db } from "../../src/store/prisma-client.js";

/** Prints a message for the administrator and stops with `code` (1: not found / no database, 2: bad arguments). */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** The configuration and a client on the bot's existing database (the bot creates and migrates it). */
export function openDatabase(opts: { readOnly: boolean }): { config: Config; db: Db } {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
  const file = sqliteFilePath(config.databaseUrl);
  if (file === ":memory:" || !existsSync(file)) fail(strings.status.noDatabase(file), 1);
  return { config, db: opts.readOnly ? createReadOnlyPrismaClient(config.databaseUrl) : createPrismaClient(config.databaseUrl) };
}
