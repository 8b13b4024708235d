/**
 * `npm run status`: what the outbox is doing, for the administrator running the bot — how many
 * reminders are planned, sent, waiting and failed; each send not gone yet with when it is due and
 * why it waits; for each failure whom it was for and why; and the people the bot cannot reach
 * (how many cards wait for them since when, the automatic installation, who was told).
 * Reads only DATABASE_URL and TIMEZONE; changes nothing. `--json` prints the same as JSON (times in ISO 8601, UTC);
 * `--all` lists every send not gone yet (else the first 50). Last, the bot's credential as its last
 * check left it, and a client secret that expires within 30 days (BOT_SECRET_EXPIRES, as the bot has it).
 */
import { parseArgs } from "node:util";
import type { WaitingReason } from "../src/domain/wait-reasons.js";
import { formatDateShort, formatDateTime, formatInstantDateShort, formatTime } from "../src/lib/format-da.js";
import { strings } from "../src/lib/strings.da.js";
import { outboxReport } from "../src/store/outbox-report.js";
import { createCredentialCheckRepository } from "../src/store/credential-check-repository.js";
import { credentialHealth } from "../src/domain/credential-health.js";
import { fail, openDatabase } from "./lib/database.js";

const s = strings.status;
const WAITING_SHOWN = 50;
let args;
try {
  args = parseArgs({ args: process.argv.slice(2), options: { json: { type: "boolean" }, all: { type: "boolean" } }, strict: true }).values;
} catch {
  fail(s.usage, 2);
}
const { config, db } = await openDatabase({ readOnly: true });
try {
  const now = new Date();
  const r = await outboxReport(db, now, { waitingLimit: args.all ? undefined : WAITING_SHOWN, tz: config.timezone });
  // The bot's credential as its last check left it, with the secret's expiry date the bot was given.
  const credentials = (await createCredentialCheckRepository(db).list()).map((c) => ({ ...c, health: credentialHealth(c, c.secretExpires, now, config.timezone) }));
  if (args.json) {
    console.log(JSON.stringify({ ...r, credentials }, null, 2));
  } else {
    const when = (d: Date) => formatDateTime(d, config.timezone);
    const short = (d: Date) => `${formatInstantDateShort(d, config.timezone)} kl. ${formatTime(d, config.timezone)}`;
    const why = (w: WaitingReason & { attempts: number }): string => {
      const t = s.waiting;
      switch (w.reason) {
        case "sending": return t.sending;
        case "muted": return t.muted;
        case "absent": return t.absent(formatDateShort(w.until));
        case "outside-working-hours": return t.outsideHours(short(w.until));
        case "no-conversation": return t.noConversation(w.since && short(w.since));
        case "unreachable": return t.unreachable(w.error, w.since && short(w.since));
        case "retrying": return t.retrying(w.error, w.attempts);
        case "not-due": return t.notDue;
        case "due": return t.due;
      }
    };
    console.log(s.heading);
    for (const c of r.counts) console.log(`  ${(s.statusNames[c.status] ?? c.status).padEnd(12)} ${c.kind.padEnd(22)} ${c.count}`);
    if (r.counts.length === 0) console.log(`  ${s.none}`);
    console.log(r.late > 0 ? s.late(r.late) : s.notLate);
    console.log(s.waitingHeading(r.waitingTotal));
    for (const w of r.waiting) console.log(`  ${short(w.dueAt)}  ${w.kind.padEnd(22)} ${w.personId}  ${why(w)}`);
    if (r.waitingTotal === 0) console.log(`  ${s.none}`);
    if (r.waitingTotal > r.waiting.length) console.log(s.waitingMore(r.waitingTotal - r.waiting.length));
    console.log(s.failedHeading);
    for (const f of r.failed) console.log(`  ${when(f.dueAt)}  ${f.kind}  ${f.person}  ${s.reason(f.reason, f.attempts)}`);
    if (r.failed.length === 0) console.log(`  ${s.none}`);
    if (r.unconfirmed.length) {
      console.log(s.unconfirmedHeading);
      for (const u of r.unconfirmed) console.log(`  ${when(u.sentAt)}  ${u.kind}  ${u.person}`);
    }
    if (r.unreachable.length) {
      const u = s.unreachable;
      console.log(s.unreachableHeading(r.unreachable.length));
      for (const p of r.unreachable) {
        const state = p.conversation.state === "never" ? u.never : p.conversation.state === "refused" ? u.refused(p.conversation.reason) : u.back;
        const install = !p.install
          ? u.install.none
          : p.install.status === "sent"
            ? u.install.done
            : p.install.status === "failed"
              ? u.install.failed(p.install.reason ?? "")
              : p.install.status === "cancelled"
                ? u.install.none
                : u.install.waiting(p.install.attempts);
        const told = p.told.length
          ? p.told
              .map((t) => (t.status === "sent" ? u.told(t.to, short(t.at)) : t.status === "pending" || t.status === "sending" ? u.toTell(t.to, short(t.at)) : u.notTold(t.to, t.reason ?? t.status)))
              .join("; ")
          : u.nobody;
        console.log(`  ${p.personId}  ${u.cards(p.waiting)}${p.since ? ` ${u.since(short(p.since))}` : ""}  ${state}  ${install}  ${told}`);
      }
    }
    if (r.inactive.length) {
      console.log(s.inactiveHeading);
      for (const c of r.inactive) console.log(`  ${c.person}  ${c.reason}${c.since ? `  ${when(c.since)}` : ""}`);
    }
    console.log(s.credentialHeading);
    if (credentials.length === 0) console.log(s.credentialNone);
    for (const c of credentials) {
      console.log(s.credentialState(c.appId, short(c.checkedAt), c.state, c.reason));
      if (c.secretExpires && c.health.secretExpiresInDays !== undefined) {
        console.log(s.secretExpires(formatDateShort(c.secretExpires), c.health.secretExpiresInDays, c.health.warnings.includes("bot-secret-expires-soon")));
      }
    }
  }
} finally {
  await db.$disconnect();
}
