import type { OrganisationFile } from "../../src/domain/organisation-file.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStore, type Store } from "../../src/store/index.js";
import { openDatabase } from "../../src/store/database.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { newTestDatabase, testClient, testDialect } from "./test-database.js";

/**
 * A real, migrated database of this pass's kind (a SQLite file in a temp folder, or a PostgreSQL
 * database: test/helpers/test-database.ts), with the example organisation loaded.
 */
export async function testStore(opts: { org?: boolean; /** Changes the example organisation before it is applied. */ edit?: (org: OrganisationFile) => OrganisationFile } = {}): Promise<{ store: Store; url: string; dir: string; close(): Promise<void>; another(): Store }> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-store-"));
  const database = await newTestDatabase(dir);
  const { db, dialect } = await openDatabase(database.url);
  const store = createStore(db, dialect);
  if (opts.org !== false) {
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    await store.people.applyOrganisation(opts.edit ? opts.edit(org) : org);
  }
  const others: Store[] = [];
  return {
    store,
    url: database.url,
    dir,
    /** A second client on the same database (another process, as far as the database can tell). */
    another() {
      const s = createStore(testClient(database.url), testDialect);
      others.push(s);
      return s;
    },
    async close() {
      await Promise.all([store, ...others].map((s) => s.db.$disconnect()));
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
