/**
 * `npm run export -- --area <areaId> --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--out <dir>] [--format csv|xlsx|begge]`:
 * an area's decisions, follow-ups and focus areas for a period, for the quality report, as three
 * CSV files (UTF-8 with BOM, `;`) and/or one formatted Excel workbook. Never contains reflections.
 * Reads only DATABASE_URL (through a read-only connection: it never migrates or writes the database) and TIMEZONE.
 * Exit codes: 0 written, 1 unknown area or no database, 2 bad arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { exportFileName, isValidPeriod, loadExport } from "../src/domain/export.js";
import { writeCsv } from "../src/lib/csv.js";
import { strings } from "../src/lib/strings.da.js";
import { writeXlsx } from "../src/lib/xlsx.js";
import { createLoopSummariser } from "../src/domain/loop-summary-service.js";
import { createStore } from "../src/store/index.js";
import { parseCliArgs } from "./lib/cli-args.js";
import { fail, openDatabase } from "./lib/database.js";

const s = strings.exportFile;
/** Where the files go without --out: beside the database, in a folder git ignores (they name people). */
const DEFAULT_OUT = "data/eksport";

const argsSchema = z.object({
  area: z.string().trim().min(1),
  from: z.string().trim().min(1),
  to: z.string().trim().min(1),
  out: z.string().trim().min(1).default(DEFAULT_OUT),
  format: z.enum(["csv", "xlsx", "begge"]).default("begge"),
  help: z.boolean().optional(),
});
const periodSchema = z.object({ from: z.string(), to: z.string() }).refine(isValidPeriod);

const args = parseCliArgs(
  {
    area: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    format: { type: "string" },
  },
  argsSchema,
  s.usage,
);
const periodParsed = periodSchema.safeParse({ from: args.from, to: args.to });
if (!periodParsed.success) fail(s.badPeriod, 2);
const period = periodParsed.data;

const { config, db, dialect } = await openDatabase({ readOnly: true });
try {
  const store = createStore(db, dialect);
  const repo = store.exports;
  // The «Opsamling» from the loop summary the chief's card uses (it only reads).
  const result = await loadExport({ exports: repo, loopSummaries: createLoopSummariser(store) }, args.area, period, config.timezone);
  if (!result) {
    const known = (await repo.areas()).map((a) => `${a.id} (${a.name})`).join(", ");
    console.error(s.unknownArea(args.area, known || strings.status.none));
    process.exitCode = 1;
  } else {
    const out = resolve(args.out);
    mkdirSync(out, { recursive: true });
    const written: string[] = [];
    if (args.format !== "xlsx") {
      for (const table of result.tables) {
        const path = join(out, exportFileName(result.area.id, period, table));
        writeFileSync(path, writeCsv(table));
        written.push(path);
      }
    }
    if (args.format !== "csv") {
      const path = join(out, exportFileName(result.area.id, period));
      writeFileSync(path, await writeXlsx(result.tables, { title: result.title }));
      written.push(path);
    }
    console.log(s.written(written.join(", ")));
  }
} finally {
  await db.$disconnect();
}
