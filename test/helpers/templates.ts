import { DEFAULT_TEMPLATES_DIR } from "../../src/bot.js";
import type { TemplateSet } from "../../src/domain/meeting-template.js";
import { readTemplates } from "../../src/store/template-loader.js";

/** The shipped meeting templates (config/templates), read once. */
export const shippedTemplates: TemplateSet = readTemplates(DEFAULT_TEMPLATES_DIR);
