/**
 * `npm run org:import -- [<file>]`: validates an organisation file and applies it to the
 * database DATABASE_URL names (without a file: the one ORG_FILE names). A bad file is rejected
 * with file, line and field named; a good one updates people, units and roles and never deletes
 * meetings or follow-ups. Runs from an administrator's own machine as well as beside the bot:
 * it reads only the database, the organisation file and the working calendar's settings
 * (ORG_IMPORT_KEYS), and never migrates the database (the bot does; this copy must be the
 * version the bot runs). Needs a role that may write.
 * Exit codes: 0 applied, 1 bad file / no database / another version / read-only role, 2 bad arguments or settings.
 */
import { domainSettings } from "../src/bot.js";
import type { ConfigKey } from "../src/config.js";
import { createDomainServices } from "../src/domain/services.js";
import { systemClock } from "../src/domain/ports.js";
import { strings } from "../src/lib/strings.da.js";
import { createStore } from "../src/store/index.js";
import { shownUrl } from "../src/store/database.js";
import { OrganisationFileError, readOrganisationFile } from "../src/store/organisation-file-loader.js";
import { adminConfig, ADMIN_KEYS, fail, isPermissionDenied, openDatabase } from "./lib/database.js";

/**
 * What it reads: the database, the organisation file, and what plans the chiefs' cards about
 * follow-ups to give on (working hours, closed days, templates; the bot's own values when they
 * are set, else the defaults: the bot checks working hours again when it sends).
 */
const ORG_IMPORT_KEYS = [
  ...ADMIN_KEYS,
  "ORG_FILE",
  "WORKDAY_START",
  "WORKDAY_END",
  "WORKDAYS",
  "CLOSED_DAYS",
  "CLOSED_PERIODS",
  "MEETING_BUFFER_MINUTES",
  "MEETING_PACK_LEAD_DAYS",
  "MEETING_REOPEN_DAYS",
  "FOLLOWUP_DUE_SOON_DAYS",
  "TEMPLATES_DIR",
  "BOARD_STATEMENT_DAYS",
  "INTENTION_CEILING",
  "MAX_TEXT_LENGTH",
  "CHANNEL_DIGEST_DAY",
  "CHANNEL_DIGEST_TIME",
] as const satisfies readonly ConfigKey[];

const s = strings.orgImport;
const args = process.argv.slice(2);
if (args.length > 1 || args[0]?.startsWith("-")) fail(s.usage, 2);
const file = args[0] ?? adminConfig(ORG_IMPORT_KEYS).orgFile;
if (!file) fail(s.usage, 2);
let org;
try {
  org = readOrganisationFile(file);
} catch (err) {
  if (err instanceof OrganisationFileError) fail(err.message, 1);
  throw err;
}
const { config, db, dialect } = await openDatabase({ readOnly: false, keys: ORG_IMPORT_KEYS });
const store = createStore(db, dialect);
let summary;
try {
  summary = await store.people.applyOrganisation(org);
  // Their chiefs get a card in Teams (sent by the running bot) to give the follow-ups to someone else.
  if (summary.toReassign.length > 0) await createDomainServices(store, systemClock, domainSettings(config)).followUps.planOrphanedNotices();
} catch (err) {
  if (isPermissionDenied(err)) fail(strings.database.readOnlyRole(shownUrl(config.databaseUrl)), 1);
  throw err;
} finally {
  await store.db.$disconnect();
}
const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
console.log(
  s.imported(file, `${n(summary.areas, "område", "områder")}, ${n(summary.units, "enhed", "enheder")}, ${n(summary.people, "person", "personer")}`) +
    (summary.deactivated ? s.deactivated(n(summary.deactivated, "person", "personer")) : "."),
);
const g = strings.loopsGone;
if (summary.removedLoops > 0) console.log(g.removed(n(summary.removedLoops, "læringsloop", "læringsloops")));
if (summary.keptLoops.length > 0) {
  console.log(g.kept);
  for (const l of summary.keptLoops) {
    const what = [l.meetings && g.meetings(l.meetings), l.yearWheels && g.yearWheels(l.yearWheels), l.focusAreas && g.focusAreas(l.focusAreas), l.calendarLinks && g.calendarLinks(l.calendarLinks)].filter(Boolean).join(", ");
    console.log(g.keptLoop(l.id, l.name, what));
  }
}
if (summary.toReassign.length > 0) {
  console.log(s.toReassign);
  for (const p of summary.toReassign) console.log(`  - ${p.name}: ${n(p.openFollowUps, "åbent opfølgningspunkt", "åbne opfølgningspunkter")}`);
}
