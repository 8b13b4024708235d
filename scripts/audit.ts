/**
 * `npm run audit -- <id> [--json]`: the audit log for a meeting (everything in it), a follow-up,
 * a decision or a person (what they did and what was done about them), oldest first. Ids and
 * dates only: the log holds no texts. Reads only DATABASE_URL (read-only) and TIMEZONE.
 * Exit codes: 0 printed, 1 no database, 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { formatDateTime } from "../src/lib/format-da.js";
import { strings } from "../src/lib/strings.da.js";
import { createAuditLog } from "../src/store/audit-log.js";
import { fail, openDatabase } from "./lib/database.js";

const s = strings.audit;
let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
} catch {
  fail(s.usage, 2);
}
if (parsed.values.help) {
  console.log(s.usage);
  process.exit(0);
}
const [id, ...rest] = parsed.positionals;
if (!id?.trim() || rest.length > 0) fail(s.usage, 2);

const { config, db } = await openDatabase({ readOnly: true });
try {
  const log = createAuditLog(db);
  const [bySubject, byPerson] = await Promise.all([log.list({ subjectId: id }), log.list({ personId: id })]);
  const entries = [...new Map([...bySubject, ...byPerson].map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);
  if (parsed.values.json) {
    console.log(JSON.stringify(entries, null, 2));
  } else if (entries.length === 0) {
    console.log(s.none(id));
  } else {
    for (const e of entries) {
      const people = [e.personId && `${s.person} ${e.personId}`, e.formerPersonId && `${s.formerPerson} ${e.formerPersonId}`].filter(Boolean).join(", ");
      const detail = Object.keys(e.detail).length ? JSON.stringify(e.detail) : "";
      console.log([formatDateTime(e.at, config.timezone), e.actorId, e.action, `${e.subjectKind} ${e.subjectId}`, people, detail].filter(Boolean).join("  "));
    }
  }
} finally {
  await db.$disconnect();
}
