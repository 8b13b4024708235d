import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";

/** A rejected configuration file (organisation, template): every problem with file, line and field, in Danish. */
export class ConfigFileError extends Error {
  constructor(
    heading: string,
    readonly problems: string[],
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigFileError";
  }
}

export interface FileIssue {
  path: (string | number)[];
  message: string;
}

const fieldName = (path: (string | number)[]): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "(filen)";

/**
 * Reads a YAML or JSON file and validates it; on any problem returns them as
 * "file:line: field message" lines, the line being the nearest node that exists.
 */
export function readYamlFile<T>(path: string, validate: (raw: unknown) => { ok: true; value: T } | { ok: false; issues: FileIssue[] }): { ok: true; value: T } | { ok: false; problems: string[] } {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    return { ok: false, problems: [`${path}: filen kan ikke læses`] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => `${path}:${e.linePos?.[0]?.line ?? "?"}: ugyldig YAML/JSON (${e.code})`) };
  }
  const result = validate(doc.toJS());
  if (result.ok) return result;
  const problems = result.issues.map((issue) => {
    let node: unknown;
    for (let n = issue.path.length; n >= 0 && !node; n--) node = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n), true);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    const line = offset === undefined ? "?" : lines.linePos(offset).line;
    return `${path}:${line}: ${fieldName(issue.path)} ${issue.message}`;
  });
  return { ok: false, problems };
}
