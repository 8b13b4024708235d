/**
 * `npm run referat -- --meeting <id> [--out <dir>]`: the referat in force of a closed meeting as a
 * PDF for the case system (ESDH), named `<date> <unit> <meeting kind>.pdf`, with its approval line
 * (docs/decisions/0028-referat-pdf.md). Never contains reflections. Prints the file's path.
 * Reads only DATABASE_URL (through a read-only connection: it never migrates or writes the database) and TIMEZONE.
 * Exit codes: 0 written, 1 unknown, not closed or refused (e.g. erased) meeting or no database, 2 bad arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { domainSettings } from "../src/bot.js";
import { referatFileName } from "../src/documents/referat-content.js";
import { renderReferatPdf } from "../src/documents/referat-pdf.js";
import { systemClock } from "../src/domain/ports.js";
import { createDomainServices } from "../src/domain/services.js";
import { isAppError } from "../src/lib/errors.js";
import { strings } from "../src/lib/strings.da.js";
import { localDateOf } from "../src/lib/zoned-time.js";
import { createStore } from "../src/store/index.js";
import { parseCliArgs } from "./lib/cli-args.js";
import { openDatabase } from "./lib/database.js";

const s = strings.referatPdf;
/** Where the file goes without --out: beside the database, in a folder git ignores (it names people). */
const DEFAULT_OUT = "data/referater";

const argsSchema = z.object({ meeting: z.string().trim().min(1).max(200), out: z.string().trim().min(1).default(DEFAULT_OUT), help: z.boolean().optional() });

const args = parseCliArgs({ meeting: { type: "string" }, out: { type: "string" } }, argsSchema, s.usage);

const { config, db, dialect } = await openDatabase({ readOnly: true });
try {
  const tz = config.timezone;
  const domain = createDomainServices(createStore(db, dialect), systemClock, domainSettings(config));
  // A refusal (the texts erased after the retention period, the chair no longer taking part) is its Danish text, not a stack trace.
  const found = await domain.referatFiles.forFiling(args.meeting).catch((err: unknown) => {
    if (!isAppError(err)) throw err;
    return err;
  });
  if (isAppError(found)) {
    console.error(String(found.text));
    process.exitCode = 1;
  } else if (found === "unknown") {
    console.error(s.unknownMeeting(args.meeting));
    process.exitCode = 1;
  } else if (found === "not-closed") {
    console.error(s.cliNotClosed(args.meeting));
    process.exitCode = 1;
  } else {
    const now = systemClock.now();
    const pdf = await renderReferatPdf({ ...found, tz, today: localDateOf(now, tz), createdAt: now });
    const out = resolve(args.out);
    mkdirSync(out, { recursive: true });
    const path = join(out, referatFileName(found.referat.meeting, tz));
    writeFileSync(path, pdf);
    console.log(s.written(path));
  }
} finally {
  await db.$disconnect();
}
