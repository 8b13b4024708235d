/**
 * `npm run db:pg-schema`: writes prisma/postgresql/schema.prisma from prisma/schema.prisma, the one
 * source of the data model. Only the datasource and the client's output differ; a test fails when
 * the committed file is not what this writes (test/store/postgresql-schema.test.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
export const SQLITE_SCHEMA = resolve(ROOT, "prisma/schema.prisma");
export const POSTGRESQL_SCHEMA = resolve(ROOT, "prisma/postgresql/schema.prisma");

/** The PostgreSQL schema for this SQLite schema text. */
export function postgresqlSchema(sqlite: string): string {
  const swap = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma: expected ${String(from)}`);
    return text.replace(from, to);
  };
  let out = swap(sqlite, /output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output       = "../../src/generated/prisma-pg"');
  const datasource = [
    "datasource db {",
    '  provider = "postgresql"',
    '  url      = "postgresql://localhost/laeringsloop" // required by the parser; the pg driver adapter decides what is used',
    "}",
  ].join("\n");
  out = swap(out, /datasource db \{[^}]*\}/, datasource);
  return `// GENERATED from prisma/schema.prisma by \`npm run db:pg-schema\`: edit that file, not this one.\n${out}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(POSTGRESQL_SCHEMA, postgresqlSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  console.error(`written: ${POSTGRESQL_SCHEMA}`);
}
