/**
 * `npm run package`: builds the Teams app package, offline.
 *
 *   BOT_ID=<bot app id> BOT_DOMAIN=laeringsloop.kommune.dk npm run package
 *
 * Reads BOT_ID (required, a GUID), BOT_DOMAIN (the host of the public messaging endpoint;
 * default: the host of BOT_ENDPOINT) and TEAMS_APP_ID (default: BOT_ID) from the environment,
 * fills them into appPackage/manifest.json, validates it against the manifest schema bundled
 * with @microsoft/app-manifest, checks the icons, and writes
 * appPackage/build/laeringsloop-<version>.zip. It reads no secret and writes none.
 *
 * Exit codes: 0 written; 1 the package is invalid; 2 a setting is missing or bad.
 */
import path from "node:path";
import { APP_PACKAGE_DIR, AppPackageError, buildAppPackage, parsePackageEnv } from "./app-package.js";

const env = parsePackageEnv(process.env);
if (!env.ok) {
  console.error(
    `Apppakken kan ikke bygges; ret disse miljøvariabler:\n${env.problems.map((p) => `  - ${p}`).join("\n")}\n\n` +
      "Eksempel: BOT_ID=<bot-registreringens app-id> BOT_DOMAIN=laeringsloop.kommune.dk npm run package",
  );
  process.exit(2);
}

try {
  const { zipPath, schemaVersion } = await buildAppPackage(APP_PACKAGE_DIR, env.values);
  const shown = path.relative(process.cwd(), zipPath);
  console.log(`Manifestet er gyldigt (skema ${schemaVersion})`);
  console.log(`Apppakken er skrevet: ${shown.startsWith("..") ? zipPath : shown}`);
  console.log(`  bot-id ${env.values.BOT_ID}, app-id ${env.values.TEAMS_APP_ID}, domæne ${env.values.BOT_DOMAIN}`);
} catch (err) {
  if (err instanceof AppPackageError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
