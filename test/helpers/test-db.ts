import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStore, type Store } from "../../src/store/index.js";
import { migrateSqlite } from "../../src/store/migrate.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { createPrismaClient } from "../../src/store/prisma-client.js";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";

/** A real SQLite file in a temp folder, migrated, with the example organisation loaded. */
export async function testStore(opts: { org?: boolean } = {}): Promise<{ store: Store; url: string; dir: string; close(): Promise<void>; another(): Store }> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-store-"));
  const url = `file:${join(dir, "test.db")}`;
  migrateSqlite(url);
  const store = createStore(createPrismaClient(url));
  if (opts.org !== false) await store.people.applyOrganisation(readOrganisationFile(EXAMPLE_ORG_FILE));
  const others: Store[] = [];
  return {
    store,
    url,
    dir,
    another() {
      const s = createStore(createPrismaClient(url));
      others.push(s);
      return s;
    },
    async close() {
      await Promise.all([store, ...others].map((s) => s.db.$disconnect()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
