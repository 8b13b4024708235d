import { validateOrganisation, type OrganisationFile } from "../domain/organisation-file.js";
import { ConfigFileError, readYamlFile } from "./yaml-file.js";

/** A rejected organisation file: every problem with file, line and field, in Danish. */
export class OrganisationFileError extends ConfigFileError {
  constructor(problems: string[]) {
    super("Organisationsfilen blev afvist", problems);
    this.name = "OrganisationFileError";
  }
}

/** Reads a YAML or JSON organisation file and validates it; throws OrganisationFileError. */
export function readOrganisationFile(path: string): OrganisationFile {
  const result = readYamlFile(path, (raw) => {
    const r = validateOrganisation(raw);
    return r.ok ? { ok: true, value: r.org } : r;
  });
  if (!result.ok) throw new OrganisationFileError(result.problems);
  return result.value;
}
