import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

/**
 * One logger for the process. Handlers log ids and outcomes; card contents, names and
 * reflection text are never logged above debug level.
 */
export function createLogger(config: Pick<Config, "logLevel">, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { app: "laeringsloop" },
      redact: { paths: ["*.text", "*.answers", "*.reference"], censor: "[skjult]" },
    },
    destination,
  );
}
