/**
 * The data subject's rights, for the administrator:
 *   `npm run gdpr:export -- <person> [--out <file>]`: everything stored about the person, as JSON
 *     (default data/gdpr/<person>-<date>.json, readable only by the file's owner; `--out -` prints it).
 *   `npm run gdpr:erase -- <person>`: anonymises a person who has left the organisation file.
 * <person> is the organisation file's key, the Entra object id or the e-mail address.
 * Reads only DATABASE_URL and TIMEZONE, so it runs from an administrator's own machine against
 * the production database (docs/admin-from-your-machine.md): export with the read-only role,
 * erase with one that may write.
 * Exit codes: 0 done, 1 unknown person / still active / no database / another version / read-only role, 2 bad arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createGdprService } from "../src/domain/gdpr-service.js";
import { systemClock } from "../src/domain/ports.js";
import { strings } from "../src/lib/strings.da.js";
import { localDateOf } from "../src/lib/zoned-time.js";
import { createGdprRepository } from "../src/store/gdpr-repository.js";
import { shownUrl } from "../src/store/database.js";
import { fail, isPermissionDenied, openDatabase } from "./lib/database.js";

const s = strings.gdpr;
let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), options: { out: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
} catch {
  fail(s.usage, 2);
}
const [command, who, ...rest] = parsed.positionals;
if (parsed.values.help) {
  console.log(s.usage);
  process.exit(0);
}
if ((command !== "export" && command !== "erase") || !who?.trim() || rest.length > 0 || (command === "erase" && parsed.values.out)) fail(s.usage, 2);

const { config, db } = await openDatabase({ readOnly: command === "export" });
try {
  const gdpr = createGdprService({ gdpr: createGdprRepository(db), clock: systemClock });
  if (command === "export") {
    const result = await gdpr.export(who.trim());
    if (!result.ok) fail(result.message, 1);
    const json = `${JSON.stringify(result.value, null, 2)}\n`;
    if (parsed.values.out === "-") {
      process.stdout.write(json);
    } else {
      const file = resolve(parsed.values.out ?? join("data", "gdpr", `${result.value.person.id}-${localDateOf(new Date(), config.timezone)}.json`));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, json, { mode: 0o600 });
      console.log(s.exported(file));
    }
  } else {
    const result = await gdpr.erase(who.trim()).catch((err: unknown) => {
      if (isPermissionDenied(err)) fail(strings.database.readOnlyRole(shownUrl(config.databaseUrl)), 1);
      throw err;
    });
    if (!result.ok) fail(result.message, 1);
    console.log(s.erased(result.value.anonymousId));
    console.log(JSON.stringify(result.value.counts));
    if (result.value.nameMentions.length > 0) {
      console.log(s.nameMentions(result.value.nameMentions.length));
      for (const m of result.value.nameMentions) console.log(`  ${m.kind} ${m.id}`);
    }
  }
} finally {
  await db.$disconnect();
}
