import { createBot, type Bot } from "./bot.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { ConfigFileError } from "./store/yaml-file.js";

/** Entry point: config → logger → bot (store, services, Teams app, scheduler, server) → listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config);
  // Handlers first: a container's PID 1 without one ignores SIGTERM, also while start-up waits
  // for the database or another instance's migration. Until the bot exists there is nothing to
  // finish (migrations and the organisation import are transactions): it just exits.
  let bot: Bot | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, starting: !bot }, "stopping");
    await bot?.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  try {
    bot = await createBot({ config, log });
  } catch (err) {
    if (err instanceof ConfigFileError) {
      log.fatal({ problems: err.problems }, err.name === "TemplateFileError" ? "templates rejected" : "organisation file rejected");
      process.exit(2);
    }
    throw err;
  }
  await bot.listen();
}

main().catch((err: unknown) => {
  process.stderr.write(`Læringsloop kunne ikke starte: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
