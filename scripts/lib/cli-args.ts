import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { fail } from "./database.js";

/**
 * The command line of an admin script: its options (plus `--help`/`-h`, which prints `usage` and
 * exits 0), checked with `schema`; anything else prints `usage` and exits 2.
 */
export function parseCliArgs<S extends z.ZodTypeAny>(options: NonNullable<ParseArgsConfig["options"]>, schema: S, usage: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = parseArgs({ args: process.argv.slice(2), options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values;
  } catch {
    fail(usage, 2);
  }
  if ((raw as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) fail(usage, 2);
  return parsed.data;
}
