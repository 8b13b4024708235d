import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "vitest/config";

// The local fakes of Microsoft's services (test/helpers/fake-graph.ts) serve https with a test
// certificate: the test processes (forked after this line) trust it, besides any extra
// certificates already trusted here. Nothing else does.
const fakeCa = resolve(import.meta.dirname, "test/fixtures/tls/fake-microsoft.crt");
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
if (extraCa === fakeCa || extraCa?.includes("laeringsloop-test-ca-")) {
  // Set already (the config read again in a process started under it).
} else if (extraCa) {
  // Named by its contents: every run with the same certificates shares one file (none pile up).
  const pem = `${readFileSync(extraCa, "utf8")}\n${readFileSync(fakeCa, "utf8")}`;
  const both = join(tmpdir(), `laeringsloop-test-ca-${createHash("sha256").update(pem).digest("hex").slice(0, 16)}.pem`);
  if (!existsSync(both)) writeFileSync(both, pem);
  process.env.NODE_EXTRA_CA_CERTS = both;
} else {
  process.env.NODE_EXTRA_CA_CERTS = fakeCa;
}

/** Tests about SQLite itself (its migrations, its driver): they have their PostgreSQL counterparts in test/store/postgresql.test.ts. */
export const SQLITE_ONLY = ["test/start.test.ts", "test/store/migrate.test.ts", "test/store/one-writer.test.ts", "test/store/sqlite-connection.test.ts", "test/store/postgresql.test.ts"];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    // At least two test processes: by default vitest leaves one core to itself, which on CI's two
    // cores leaves one, while much of a test's time is spent waiting on the bot processes and the
    // database it starts (decision 0034).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Every test runs on SQLite; with TEST_POSTGRES_URL (a server where databases may be created,
    // as .ci/run sets up) the whole suite runs again on PostgreSQL.
    projects: [
      { extends: true, test: { name: "sqlite" } },
      ...(process.env.TEST_POSTGRES_URL
        ? [{ extends: true as const, test: { name: "postgresql", env: { TEST_DATABASE: "postgresql" }, globalSetup: ["test/setup/postgresql.ts"], exclude: SQLITE_ONLY } }]
        : []),
    ],
  },
});
