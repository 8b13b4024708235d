/**
 * `npm run status`: what the outbox is doing, for the administrator running the bot — how many
 * reminders are planned, sent, waiting and failed, and for each failure whom it was for and why.
 * Reads DATABASE_URL; changes nothing. `--json` prints the same as JSON.
 */
import { formatDateTime } from "../src/lib/format-da.js";
import { strings } from "../src/lib/strings.da.js";
import { outboxReport } from "../src/store/outbox-report.js";
import { openDatabase } from "./lib/database.js";

const s = strings.status;
const { config, db } = await openDatabase({ readOnly: true });
try {
  const r = await outboxReport(db, new Date());
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(r, null, 2));
  } else {
    const when = (d: Date) => formatDateTime(d, config.timezone);
    console.log(s.heading);
    for (const c of r.counts) console.log(`  ${(s.statusNames[c.status] ?? c.status).padEnd(12)} ${c.kind.padEnd(22)} ${c.count}`);
    if (r.counts.length === 0) console.log(`  ${s.none}`);
    console.log(r.late > 0 ? s.late(r.late) : s.notLate);
    if (r.waiting.length) console.log(`${s.waitingHeading}\n${r.waiting.map((w) => `  ${s.waitReasons[w.reason] ?? w.reason}: ${w.count}`).join("\n")}`);
    console.log(s.failedHeading);
    for (const f of r.failed) console.log(`  ${when(f.dueAt)}  ${f.kind}  ${f.person}  ${s.reason(f.reason, f.attempts)}`);
    if (r.failed.length === 0) console.log(`  ${s.none}`);
    if (r.unconfirmed.length) {
      console.log(s.unconfirmedHeading);
      for (const u of r.unconfirmed) console.log(`  ${when(u.sentAt)}  ${u.kind}  ${u.person}`);
    }
    if (r.inactive.length) {
      console.log(s.inactiveHeading);
      for (const c of r.inactive) console.log(`  ${c.person}  ${c.reason}${c.since ? `  ${when(c.since)}` : ""}`);
    }
  }
} finally {
  await db.$disconnect();
}
