import type { Logger } from "pino";

/**
 * Logs an error without its message above debug level: database and SDK errors can quote the
 * values they were given (card text, names). The error's name and code say what kind of failure
 * it was; the message and stack go to debug, for a developer reproducing it.
 */
export function logError(log: Logger, err: unknown, msg: string, context: Record<string, unknown> = {}): void {
  const e = err as { name?: unknown; code?: unknown; statusCode?: unknown; message?: unknown; stack?: unknown } | undefined;
  log.error({ ...context, err: { name: typeof e?.name === "string" ? e.name : typeof err, code: e?.code ?? e?.statusCode } }, msg);
  log.debug({ ...context, err: { message: e?.message, stack: e?.stack } }, `${msg} (detail)`);
}
