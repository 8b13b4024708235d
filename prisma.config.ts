import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 offline recipe (see docs/decisions/0001-prisma-offline.md): the CLI runs
// migrations through its bundled WebAssembly engine and talks to SQLite through the
// better-sqlite3 driver adapter, so nothing is downloaded at install or run time.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  // The CLI is a boundary of its own: it reads DATABASE_URL like the bot does (src/config.ts).
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/laeringsloop.db" }),
});
