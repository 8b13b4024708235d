import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The nearest folder at or above `from` that holds a package.json. Files the bot reads beside its
 * code (cards/, config/, prisma/migrations) are found from here, so the same path resolves from
 * the TypeScript sources (src/…, any depth) and from the built bundle (dist/build-…/index.js and its chunks).
 */
export function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${from}`);
  }
}

/** The project's root folder (where package.json is), from src/ or from dist/. */
export const PACKAGE_ROOT = packageRoot(import.meta.dirname);
