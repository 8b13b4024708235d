/**
 * The Teams app package (`appPackage/`): filling the manifest template, validating it offline
 * against the manifest schema bundled with `@microsoft/app-manifest`, checking the icons, and
 * zipping manifest.json + color.png + outline.png. `scripts/package-app.ts` is the CLI
 * (`npm run package`); `test/app-package.test.ts` uses these pieces directly.
 *
 * Placeholders in `appPackage/manifest.json` use the Microsoft 365 Agents Toolkit's syntax,
 * `${{NAME}}`, so the same template works with `npm run package` and with the toolkit
 * (`m365agents.yml`), which fills them from its env files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { AppManifestUtils } from "@microsoft/app-manifest";
import AdmZip from "adm-zip";
import { z } from "zod";
import { manifestCommandLists } from "../src/teams/handlers/commands/index.js";

/** The repository's `appPackage/` folder. */
export const APP_PACKAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "appPackage");

/** The placeholders the manifest template may use, all filled by `fillManifest`. */
export const PLACEHOLDERS = ["TEAMS_APP_ID", "BOT_ID", "BOT_DOMAIN"] as const;
export type ManifestValues = Record<(typeof PLACEHOLDERS)[number], string>;

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

// ---------------------------------------------------------------------------------------------
// Settings (the CLI boundary: process.env)
// ---------------------------------------------------------------------------------------------

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

// Every key is optional at the type level so that the refinement below always runs and one
// message can name every missing or bad key (zod skips refinements after a missing key).
const envSchema = z
  .object({
    BOT_ID: z.string().regex(GUID, "skal være bot-registreringens app-id (en GUID, fx 3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b)").optional(),
    TEAMS_APP_ID: z.string().regex(GUID, "skal være en GUID (udelades den, bruges BOT_ID)").optional(),
    BOT_DOMAIN: z
      .string()
      .regex(HOST, "skal være værtsnavnet på bottens offentlige adresse uden https:// og sti, fx laeringsloop.kommune.dk")
      .optional(),
    BOT_ENDPOINT: z
      .string()
      .refine((s) => {
        try {
          const url = new URL(s);
          return url.protocol === "https:" && HOST.test(url.hostname);
        } catch {
          return false;
        }
      }, "skal være bottens offentlige https-adresse, fx https://laeringsloop.kommune.dk")
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_ID === undefined) {
      ctx.addIssue({ code: "custom", path: ["BOT_ID"], message: "mangler: bot-registreringens app-id (en GUID)" });
    }
    if (env.BOT_DOMAIN === undefined && env.BOT_ENDPOINT === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["BOT_DOMAIN"],
        message: "mangler: angiv værtsnavnet på bottens offentlige adresse (fx laeringsloop.kommune.dk) eller BOT_ENDPOINT (fx https://laeringsloop.kommune.dk)",
      });
    }
  });

export type PackageEnvResult = { ok: true; values: ManifestValues } | { ok: false; problems: string[] };

/**
 * Reads BOT_ID (required), BOT_DOMAIN (or the host of BOT_ENDPOINT) and TEAMS_APP_ID (default:
 * BOT_ID) from the environment. Empty strings count as not set. Never reads any secret.
 */
export function parsePackageEnv(env: Record<string, string | undefined>): PackageEnvResult {
  const keys = ["BOT_ID", "TEAMS_APP_ID", "BOT_DOMAIN", "BOT_ENDPOINT"] as const;
  const cleaned = Object.fromEntries(keys.flatMap((k) => (env[k] === undefined || env[k]?.trim() === "" ? [] : [[k, env[k]?.trim()]])));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(miljø)"}: ${i.message}`) };
  }
  const e = parsed.data;
  const botId = (e.BOT_ID ?? "").toLowerCase();
  const domain = e.BOT_DOMAIN ?? new URL(e.BOT_ENDPOINT ?? "").hostname;
  return {
    ok: true,
    values: { BOT_ID: botId, TEAMS_APP_ID: (e.TEAMS_APP_ID ?? botId).toLowerCase(), BOT_DOMAIN: domain.toLowerCase() },
  };
}

// ---------------------------------------------------------------------------------------------
// The manifest template
// ---------------------------------------------------------------------------------------------

export class ManifestTemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(`Manifest-skabelonen kan ikke udfyldes:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ManifestTemplateError";
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces every `${{NAME}}` in the manifest template (its JSON text) with `values[NAME]`
 * (JSON-escaped) and parses the result. Throws a ManifestTemplateError naming every placeholder
 * without a value, and any text that is not JSON.
 */
export function fillManifest(template: string, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return "";
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new ManifestTemplateError([...missing].map((n) => `\${{${n}}} har ingen værdi`));
  let manifest: unknown;
  try {
    manifest = JSON.parse(filled);
  } catch (err) {
    throw new ManifestTemplateError([`manifest.json er ikke gyldig JSON: ${(err as Error).message}`]);
  }
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw new ManifestTemplateError(["manifest.json skal være et JSON-objekt"]);
  }
  return manifest as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Offline schema validation with @microsoft/app-manifest
// ---------------------------------------------------------------------------------------------

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type AnyManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v\d+\.\d+)\/MicrosoftTeams\.schema\.json$/i;

/** The folder of JSON schemas that ships with @microsoft/app-manifest. */
export function bundledSchemaDir(): string {
  const entry = createRequire(import.meta.url).resolve("@microsoft/app-manifest");
  return path.join(path.dirname(entry), "json-schemas", "teams");
}

/** The Teams manifest schema versions bundled with @microsoft/app-manifest, oldest first. */
export function bundledSchemaVersions(): string[] {
  const dir = bundledSchemaDir();
  // Only released versions (vX.Y), not vDevPreview.
  const versions = existsSync(dir)
    ? readdirSync(dir).filter((v) => /^v\d+\.\d+$/.test(v) && existsSync(path.join(dir, v, "MicrosoftTeams.schema.json")))
    : [];
  return versions.sort((a, b) => {
    const [a1 = 0, a2 = 0] = a.slice(1).split(".").map(Number);
    const [b1 = 0, b2 = 0] = b.slice(1).split(".").map(Number);
    return a1 - b1 || a2 - b2;
  });
}

/**
 * Finds the manifest's `$schema` among the bundled schemas (never fetches it) and checks it
 * agrees with `manifestVersion`. Returns the schema version ("v1.30") and the schema, or problems.
 */
export function loadBundledSchema(manifest: Record<string, unknown>): { version: string; schema: ManifestSchema } | { problems: string[] } {
  const url = manifest.$schema;
  const match = typeof url === "string" ? SCHEMA_URL.exec(url) : null;
  const version = match?.[1]?.toLowerCase();
  if (!version) {
    return { problems: [`$schema skal være en Teams-manifestskema-adresse som https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json (er ${JSON.stringify(url)})`] };
  }
  const problems: string[] = [];
  if (`v${String(manifest.manifestVersion)}` !== version) {
    problems.push(`manifestVersion (${JSON.stringify(manifest.manifestVersion)}) passer ikke til $schema (${version})`);
  }
  const file = path.join(bundledSchemaDir(), version, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) {
    const known = bundledSchemaVersions();
    problems.push(`skema ${version} følger ikke med @microsoft/app-manifest og kan ikke valideres offline (kendte: ${known.join(", ")})`);
    return { problems };
  }
  if (problems.length > 0) return { problems };
  // Same clean-up as AppManifestUtils.fetchSchema: the schemas contain \a and \v in regexes.
  const raw = readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return { version, schema: JSON.parse(raw) as ManifestSchema };
}

// ---------------------------------------------------------------------------------------------
// PNG reading (enough for icons: 8-bit, non-interlaced, every colour type)
// ---------------------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. Throws if the buffer is not a PNG. */
export function pngSize(buffer: Buffer): { width: number; height: number } {
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE) || buffer.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error("er ikke en PNG-fil");
  }
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

export interface DecodedPng {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes a pixel. */
  rgba: Uint8Array;
  /** Whether the file can carry transparency at all (alpha channel or tRNS). */
  hasAlpha: boolean;
}

/** Decodes a non-interlaced 8-bit PNG (grey, RGB, palette, grey+alpha, RGBA) to RGBA. */
export function decodePng(buffer: Buffer): DecodedPng {
  const { width, height } = pngSize(buffer);
  const bitDepth = buffer[24];
  const colourType = buffer[25];
  const interlace = buffer[28];
  if (bitDepth !== 8) throw new Error(`bruger ${bitDepth} bit pr. kanal; kun 8 bit understøttes`);
  if (interlace !== 0) throw new Error("er interlaced; gem den uden interlace");
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colourType ?? -1];
  if (channels === undefined) throw new Error(`har en ukendt farvetype (${colourType})`);

  const idat: Buffer[] = [];
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  for (let off = 8; off + 8 <= buffer.length; ) {
    const length = buffer.readUInt32BE(off);
    const type = buffer.toString("ascii", off + 4, off + 8);
    const data = buffer.subarray(off + 8, off + 8 + length);
    if (type === "IDAT") idat.push(data);
    else if (type === "PLTE") palette = data;
    else if (type === "tRNS") trns = data;
    else if (type === "IEND") break;
    off += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error("har for få billeddata");

  // Undo the per-row filters (PNG spec §9).
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[row + x - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[row - stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (pixels[row - stride + x - channels] ?? 0) : 0;
      const v = raw[src + x] ?? 0;
      let out: number;
      switch (filter) {
        case 0: out = v; break;
        case 1: out = v + a; break;
        case 2: out = v + b; break;
        case 3: out = v + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`har en ukendt filtertype (${filter}) i række ${y}`);
      }
      pixels[row + x] = out & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    switch (colourType) {
      case 0: {
        const g = pixels[i] ?? 0;
        const transparent = trns !== undefined && trns.length >= 2 && trns.readUInt16BE(0) === g;
        rgba.set([g, g, g, transparent ? 0 : 255], o);
        break;
      }
      case 2: {
        const [r = 0, g = 0, b = 0] = pixels.subarray(i * 3, i * 3 + 3);
        const transparent = trns !== undefined && trns.length >= 6 && trns.readUInt16BE(0) === r && trns.readUInt16BE(2) === g && trns.readUInt16BE(4) === b;
        rgba.set([r, g, b, transparent ? 0 : 255], o);
        break;
      }
      case 3: {
        const index = pixels[i] ?? 0;
        if (!palette || index * 3 + 2 >= palette.length) throw new Error("har et palet-indeks uden for paletten");
        rgba.set([palette[index * 3] ?? 0, palette[index * 3 + 1] ?? 0, palette[index * 3 + 2] ?? 0, trns?.[index] ?? 255], o);
        break;
      }
      case 4: {
        const g = pixels[i * 2] ?? 0;
        rgba.set([g, g, g, pixels[i * 2 + 1] ?? 0], o);
        break;
      }
      default:
        rgba.set(pixels.subarray(i * 4, i * 4 + 4), o);
    }
  }
  return { width, height, rgba, hasAlpha: colourType === 4 || colourType === 6 || trns !== undefined };
}

/** Problems with the outline icon's colours: Teams wants white (#FFFFFF) on transparent. */
export function outlineColourProblems(name: string, png: DecodedPng): string[] {
  if (!png.hasAlpha) return [`${name} har ingen gennemsigtighed; baggrunden skal være helt gennemsigtig`];
  let transparent = 0;
  let white = 0;
  const wrong: string[] = [];
  let wrongCount = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = png.rgba.subarray(i * 4, i * 4 + 4);
    if (a === 0) transparent++;
    else if (r === 255 && g === 255 && b === 255) white++;
    else {
      wrongCount++;
      if (wrong.length < 3) {
        const hex = [r, g, b].map((v) => (v ?? 0).toString(16).padStart(2, "0")).join("").toUpperCase();
        wrong.push(`(${i % png.width},${Math.floor(i / png.width)}) er #${hex}`);
      }
    }
  }
  const problems: string[] = [];
  if (wrongCount > 0) {
    problems.push(`${name} må kun have hvide (#FFFFFF) og gennemsigtige pixels; ${wrongCount} pixels har en anden farve, fx ${wrong.join(", ")}`);
  }
  if (transparent === 0) problems.push(`${name} har ingen gennemsigtige pixels; baggrunden skal være helt gennemsigtig`);
  if (white === 0) problems.push(`${name} er helt gennemsigtig; symbolet skal være hvidt`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The whole package
// ---------------------------------------------------------------------------------------------

export interface InspectedPackage {
  problems: string[];
  /** The filled manifest, when the template could be filled. */
  manifest?: Record<string, unknown>;
  /** "v1.30", when the manifest names a bundled schema. */
  schemaVersion?: string;
  /** Zip entry name → file contents, for the files that could be read. */
  files: Map<string, Buffer>;
}

function iconPaths(manifest: Record<string, unknown>): { color?: string; outline?: string } {
  const icons = manifest.icons;
  if (typeof icons !== "object" || icons === null) return {};
  const { color, outline } = icons as Record<string, unknown>;
  return { color: typeof color === "string" ? color : undefined, outline: typeof outline === "string" ? outline : undefined };
}

/** Fills, validates and reads everything for the app package in `dir`; nothing is written. */
export async function inspectAppPackage(dir: string, values: ManifestValues): Promise<InspectedPackage> {
  const problems: string[] = [];
  const files = new Map<string, Buffer>();

  let template: string;
  try {
    template = await readFile(path.join(dir, "manifest.json"), "utf8");
  } catch {
    return { problems: [`${path.join(dir, "manifest.json")} findes ikke`], files };
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = fillManifest(template, values);
  } catch (err) {
    if (err instanceof ManifestTemplateError) return { problems: err.problems, files };
    throw err;
  }

  // The commands Teams' menu offers, per scope, come from the bot's own command registry, so the
  // menu offers nothing that answers «only in the personal chat» there. appPackage/manifest.json
  // carries the same lists for the Agents Toolkit (test/app-package.test.ts keeps them equal).
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as Array<Record<string, unknown>>) : [];
  if (bots[0]) bots[0].commandLists = manifestCommandLists();

  const loaded = loadBundledSchema(manifest);
  let schemaVersion: string | undefined;
  if ("problems" in loaded) {
    problems.push(...loaded.problems);
  } else {
    schemaVersion = loaded.version;
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AnyManifest, loaded.schema);
    problems.push(...errors.map((e) => `manifest.json: ${e.trim()}`));
  }

  // What the schema cannot know: the values really arrived where Teams needs them.
  if (bots[0]?.botId !== values.BOT_ID) problems.push(`manifest.json: bots[0].botId skal være BOT_ID (${values.BOT_ID})`);
  if (manifest.id !== values.TEAMS_APP_ID) problems.push(`manifest.json: id skal være TEAMS_APP_ID (${values.TEAMS_APP_ID})`);
  // Proactive installation through Graph (TeamsAppInstallation.ReadWriteSelfForUser.All): the app
  // may install itself only when its manifest names the bot's registration here.
  const webApp = manifest.webApplicationInfo as Record<string, unknown> | undefined;
  if (webApp?.id !== values.BOT_ID) problems.push(`manifest.json: webApplicationInfo.id skal være BOT_ID (${values.BOT_ID})`);
  if (typeof manifest.version !== "string" || !/^\d+\.\d+\.\d+$/.test(manifest.version)) {
    problems.push(`manifest.json: version skal være et versionsnummer som 0.1.0 (er ${JSON.stringify(manifest.version)})`);
  }
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  if (!domains.includes(values.BOT_DOMAIN)) problems.push(`manifest.json: validDomains skal indeholde BOT_DOMAIN (${values.BOT_DOMAIN})`);

  files.set("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"));

  const icons = iconPaths(manifest);
  const expected = [
    { role: "color", file: icons.color, size: COLOR_ICON_SIZE },
    { role: "outline", file: icons.outline, size: OUTLINE_ICON_SIZE },
  ] as const;
  for (const { role, file, size } of expected) {
    if (!file) continue; // the schema already says icons.<role> is missing
    if (path.isAbsolute(file) || file.includes("..") || file.includes("/") || file.includes("\\")) {
      problems.push(`icons.${role} (${file}) skal være et filnavn ved siden af manifest.json`);
      continue;
    }
    let buffer: Buffer;
    try {
      buffer = await readFile(path.join(dir, file));
    } catch {
      problems.push(`${file} (icons.${role}) findes ikke i ${dir}`);
      continue;
    }
    files.set(file, buffer);
    let png: DecodedPng;
    try {
      png = decodePng(buffer);
    } catch (err) {
      problems.push(`${file} ${(err as Error).message}`);
      continue;
    }
    if (png.width !== size || png.height !== size) {
      problems.push(`${file} skal være ${size}×${size} pixels (er ${png.width}×${png.height})`);
    }
    if (role === "outline") problems.push(...outlineColourProblems(file, png));
  }

  return { problems, manifest, schemaVersion, files };
}

/** Every problem with the app package in `dir` once filled with `values`; empty when it is good. */
export async function validateAppPackage(dir: string, values: ManifestValues): Promise<string[]> {
  return (await inspectAppPackage(dir, values)).problems;
}

export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Apppakken er ugyldig:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "AppPackageError";
  }
}

/**
 * Validates the package in `dir` and writes `<outDir>/laeringsloop-<version>.zip` with
 * manifest.json (filled), color.png and outline.png at the zip root. Throws AppPackageError.
 */
export async function buildAppPackage(
  dir: string,
  values: ManifestValues,
  outDir: string = path.join(dir, "build"),
): Promise<{ zipPath: string; schemaVersion: string; manifest: Record<string, unknown> }> {
  const inspected = await inspectAppPackage(dir, values);
  if (inspected.problems.length > 0 || !inspected.manifest || !inspected.schemaVersion) throw new AppPackageError(inspected.problems);
  const version = String(inspected.manifest.version);
  const zip = new AdmZip();
  for (const [name, data] of inspected.files) zip.addFile(name, data);
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `laeringsloop-${version}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, schemaVersion: inspected.schemaVersion, manifest: inspected.manifest };
}
