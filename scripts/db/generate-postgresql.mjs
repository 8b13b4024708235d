// postinstall: generates the PostgreSQL client (src/generated/prisma-pg) beside the SQLite one.
// Prisma 6.19's CLI tries to download a native engine for this config unless these two point at
// an existing file (they are not used: the client runs through the pg driver adapter; STACK.md).
// Runs Prisma's CLI by its path, so it works outside npm's scripts too (node scripts/db/…).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import process from "node:process";

const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: process.execPath, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath };
const res = spawnSync(process.execPath, [cli, "generate", "--config", "prisma/postgresql/prisma.config.ts"], { env, stdio: "inherit" });
if (res.error) process.stderr.write(`${res.error.message}\n`);
process.exit(res.status ?? 1);
