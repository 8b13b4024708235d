import { createBot } from "./bot.js";
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
  let bot;
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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    await bot.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`Læringsloop kunne ikke starte: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
