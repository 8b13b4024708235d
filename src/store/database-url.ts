import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The SQLite file behind a `file:` URL, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
  return path === ":memory:" ? path : resolve(path);
}

/** Creates the folder the database file lives in (first start). */
export function ensureDatabaseFolder(databaseUrl: string): void {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
}
