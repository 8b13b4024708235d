import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES_DIR } from "../../src/bot.js";
import { readTemplates, TemplateFileError } from "../../src/store/template-loader.js";

const copyTemplates = (edit?: (name: string, text: string) => string): string => {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-templates-"));
  for (const f of readdirSync(DEFAULT_TEMPLATES_DIR).filter((f) => f.endsWith(".yaml"))) {
    const text = readFileSync(join(DEFAULT_TEMPLATES_DIR, f), "utf8");
    writeFileSync(join(dir, f), edit ? edit(f, text) : text);
  }
  return dir;
};

describe("meeting templates as data files", () => {
  it("reads the four shipped templates with required and optional questions", () => {
    const t = readTemplates(DEFAULT_TEMPLATES_DIR);
    expect(Object.keys(t).sort()).toEqual(["1-1-ledelsesopfoelgning", "1-1-paedagogisk-leder", "laeringssamtale-foerste", "laeringssamtale-opfoelgende"]);
    expect(t["laeringssamtale-foerste"].reflection.questions.map((q) => q.source).filter(Boolean)).toEqual(["A", "B", "C", "D", "E"]);
    expect(t["laeringssamtale-foerste"].agenda.map((a) => a.step).filter(Boolean)).toEqual(["data", "refleksion", "beslutning", "beslutning", "opfoelgning"]);
    expect(t["1-1-ledelsesopfoelgning"].reflection.questions.filter((q) => q.required)).toHaveLength(2);
  });

  it("rejects a bad template with file, line and field in Danish, and a missing one by name", () => {
    const dir = copyTemplates((name, text) => (name === "1-1-ledelsesopfoelgning.yaml" ? text.replace("required: true", "required: ja") : text));
    let err: unknown;
    try {
      readTemplates(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateFileError);
    const problems = (err as TemplateFileError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/1-1-ledelsesopfoelgning\.yaml:\d+: reflection\.questions\[0\]\.required skal være true eller false/);
  });
});
