/**
 * `npm run org:import -- <file>`: validates an organisation file and applies it to the
 * configured database (DATABASE_URL). A bad file is rejected with file, line and field named;
 * a good one updates people, units and roles and never deletes meetings or follow-ups.
 */
import { domainSettings } from "../src/bot.js";
import { ConfigError, loadConfig } from "../src/config.js";
import { createDomainServices } from "../src/domain/services.js";
import { systemClock } from "../src/domain/ports.js";
import { createStore } from "../src/store/index.js";
import { openDatabase } from "../src/store/database.js";
import { OrganisationFileError, readOrganisationFile } from "../src/store/organisation-file-loader.js";

const file = process.argv[2];
if (!file) {
  console.error("Brug: npm run org:import -- <organisationsfil.yaml>");
  process.exit(2);
}
let config;
try {
  config = loadConfig(); // the environment over .env, as npm start reads it
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
let org;
try {
  org = readOrganisationFile(file);
} catch (err) {
  if (err instanceof OrganisationFileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const { db, dialect } = await openDatabase(config.databaseUrl);
const store = createStore(db, dialect);
const summary = await store.people.applyOrganisation(org);
// Their chiefs get a card in Teams (sent by the running bot) to give the follow-ups to someone else.
if (summary.toReassign.length > 0) await createDomainServices(store, systemClock, domainSettings(config)).followUps.planOrphanedNotices();
await store.db.$disconnect();
const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
console.log(
  `Organisationen er indlæst fra ${file}: ${n(summary.areas, "område", "områder")}, ${n(summary.units, "enhed", "enheder")}, ${n(summary.people, "person", "personer")}` +
    (summary.deactivated ? `; ${n(summary.deactivated, "person", "personer")} findes ikke længere i filen og er markeret inaktiv(e).` : "."),
);
if (summary.toReassign.length > 0) {
  console.log("Disse personer er ikke længere med, men er ansvarlige for åbne opfølgningspunkter. Børn og Unge-chefen får et kort i Teams (og kan skrive «giv videre») for at give dem videre:");
  for (const p of summary.toReassign) console.log(`  - ${p.name}: ${n(p.openFollowUps, "åbent opfølgningspunkt", "åbne opfølgningspunkter")}`);
}
