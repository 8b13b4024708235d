import { readdirSync } from "node:fs";
import { join } from "node:path";
import { meetingTemplateSchema, templateIds, type MeetingTemplate, type TemplateId, type TemplateSet } from "../domain/meeting-template.js";
import { ConfigFileError, readYamlFile } from "./yaml-file.js";

/** Rejected template files: every problem with file, line and field, in Danish. */
export class TemplateFileError extends ConfigFileError {
  constructor(problems: string[]) {
    super("Skabelonerne blev afvist", problems);
    this.name = "TemplateFileError";
  }
}

/**
 * Reads every `*.yaml`/`*.yml`/`*.json` file in `dir` as a meeting template. All four
 * templates must be there, each once; otherwise throws TemplateFileError listing every problem.
 */
export function readTemplates(dir: string): TemplateSet {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
  } catch {
    throw new TemplateFileError([`${dir}: mappen kan ikke læses`]);
  }
  const problems: string[] = [];
  const found = new Map<TemplateId, MeetingTemplate>();
  for (const file of files) {
    const path = join(dir, file);
    const result = readYamlFile(path, (raw) => {
      const parsed = meetingTemplateSchema.safeParse(raw);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
    });
    if (!result.ok) problems.push(...result.problems);
    else if (found.has(result.value.id)) problems.push(`${path}: skabelonen "${result.value.id}" findes allerede i en anden fil`);
    else found.set(result.value.id, result.value);
  }
  for (const id of Object.values(templateIds)) {
    if (!found.has(id) && !problems.some((p) => p.includes(id))) problems.push(`${dir}: skabelonen "${id}" mangler`);
  }
  if (problems.length > 0) throw new TemplateFileError(problems);
  return Object.fromEntries(found) as TemplateSet;
}
