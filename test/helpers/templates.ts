import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_TEMPLATES_DIR } from "../../src/bot.js";
import type { TemplateSet } from "../../src/domain/meeting-template.js";
import { readTemplates } from "../../src/store/template-loader.js";

/** The shipped meeting templates (config/templates), read once. */
export const shippedTemplates: TemplateSet = readTemplates(DEFAULT_TEMPLATES_DIR);

/**
 * The shipped templates, with the 1:1 guide's questions made required, as the administration may
 * (config/templates/README.md): for tests of what a required question does in a 1:1. Returns the folder.
 */
export function templatesWithRequiredOneOnOne(): string {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-templates-"));
  for (const f of readdirSync(DEFAULT_TEMPLATES_DIR).filter((f) => f.endsWith(".yaml"))) {
    const text = readFileSync(join(DEFAULT_TEMPLATES_DIR, f), "utf8");
    writeFileSync(join(dir, f), f === "1-1-ledelsesopfoelgning.yaml" ? text.replaceAll("required: false", "required: true") : text);
  }
  return dir;
}
