import { defineConfig } from "vitest/config";

/** Tests about SQLite itself (its migrations, its driver): they have their PostgreSQL counterparts in test/store/postgresql.test.ts. */
export const SQLITE_ONLY = ["test/store/migrate.test.ts", "test/store/one-writer.test.ts", "test/store/postgresql.test.ts"];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
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
