import pg from "pg";
import type { TestProject } from "vitest/node";
import { databaseOn } from "../../scripts/bench/postgres.js";
import { migratePostgresql } from "../../src/store/migrate-postgresql.js";

/**
 * The PostgreSQL pass: one migrated template database per run, which each test's database is
 * copied from; at the end every database of the run is dropped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) throw new Error("TEST_POSTGRES_URL is not set");
  const prefix = `laeringsloop_t${Date.now().toString(36)}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await migratePostgresql(databaseOn(server, template));
  project.provide("postgresTemplate", template);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}
