// postinstall: generates the PostgreSQL client (src/generated/prisma-pg) beside the SQLite one.
// Prisma 6.19's CLI tries to download a native engine for this config unless these two point at
// an existing file (they are not used: the client runs through the pg driver adapter; STACK.md).
import { spawnSync } from "node:child_process";
import process from "node:process";

const env = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: process.execPath, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath };
const res = spawnSync("prisma", ["generate", "--config", "prisma/postgresql/prisma.config.ts"], { env, stdio: "inherit", shell: process.platform === "win32" });
process.exit(res.status ?? 1);
