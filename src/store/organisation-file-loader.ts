import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { validateOrganisation, type OrganisationFile } from "../domain/organisation-file.js";

/** A rejected organisation file: every problem with file, line and field, in Danish. */
export class OrganisationFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Organisationsfilen blev afvist:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "OrganisationFileError";
  }
}

const fieldName = (path: (string | number)[]): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "(filen)";

/** Reads a YAML or JSON organisation file and validates it; throws OrganisationFileError. */
export function readOrganisationFile(path: string): OrganisationFile {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    throw new OrganisationFileError([`${path}: filen kan ikke læses`]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new OrganisationFileError(
      doc.errors.map((e) => `${path}:${e.linePos?.[0]?.line ?? "?"}: ugyldig YAML/JSON (${e.code})`),
    );
  }
  const result = validateOrganisation(doc.toJS());
  if (result.ok) return result.org;
  const problems = result.issues.map((issue) => {
    // The nearest node that exists in the file tells the line (a missing key points at its parent).
    let node: unknown;
    for (let n = issue.path.length; n >= 0 && !node; n--) node = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n), true);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    const line = offset === undefined ? "?" : lines.linePos(offset).line;
    return `${path}:${line}: ${fieldName(issue.path)} ${issue.message}`;
  });
  throw new OrganisationFileError(problems);
}
