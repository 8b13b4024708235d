import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 offline recipe (docs/decisions/0001-prisma-offline-and-migrations-at-start.md): the
// CLI runs migrations through its bundled WebAssembly engine and talks to SQLite through the
// better-sqlite3 driver adapter, so nothing is downloaded at install or run time.
// The CLI is a boundary of its own: it reads DATABASE_URL like the bot does (src/config.ts).
const url = process.env.DATABASE_URL ?? "file:./data/laeringsloop.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    // better-sqlite3 cannot create the folder; on a fresh clone data/ does not exist yet.
    const file = url.replace(/^file:/, "");
    if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
