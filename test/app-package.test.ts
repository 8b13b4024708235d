import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import { afterAll, describe, expect, it } from "vitest";
import {
  APP_PACKAGE_DIR,
  bundledSchemaVersions,
  decodePng,
  fillManifest,
  inspectAppPackage,
  ManifestTemplateError,
  parsePackageEnv,
  pngSize,
  validateAppPackage,
  type ManifestValues,
} from "../scripts/app-package.js";
import { drawColorIcon, drawOutlineIcon, encodePng } from "../scripts/make-icons.js";
import { commandPatterns, commandRegistry, manifestCommandLists } from "../src/teams/handlers/commands/index.js";

const ROOT = path.join(APP_PACKAGE_DIR, "..");
const BOT_ID = "3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b";
const BOT_DOMAIN = "laeringsloop.kommune.dk";
const values: ManifestValues = { BOT_ID, TEAMS_APP_ID: BOT_ID, BOT_DOMAIN };

const COMMANDS = [
  { title: "hjælp", description: "Vis hvad Læringsloop kan" },
  { title: "planlæg 1:1", description: "Planlæg en 1:1 ledelsesopfølgning" },
  { title: "mine møder", description: "Se kommende og seneste møder" },
  { title: "mine opgaver", description: "Se dine åbne opfølgningspunkter" },
  { title: "årshjul", description: "Se og godkend enhedernes årshjul" },
  { title: "giv videre", description: "Giv opfølgningspunkter videre, når den ansvarlige er stoppet" },
  { title: "indsatser", description: "Forvaltningens indsatser, og hvad der vejer på enhederne" },
  { title: "indstillinger", description: "Vælg dine påmindelser og tidspunktet for ugens overblik" },
  { title: "fraværende til", description: "Lad påmindelser vente, fx fraværende til 12.01.2027" },
];

const template = readFileSync(path.join(APP_PACKAGE_DIR, "manifest.json"), "utf8");
const colorPng = readFileSync(path.join(APP_PACKAGE_DIR, "color.png"));
const outlinePng = readFileSync(path.join(APP_PACKAGE_DIR, "outline.png"));

interface Bot {
  botId: string;
  scopes: string[];
  commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description?: string }> }>;
}

const tempDirs: string[] = [];
/** A copy of appPackage/ (without build/) to break on purpose. */
function copyOfPackage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "laeringsloop-apppackage-"));
  tempDirs.push(dir);
  for (const f of ["manifest.json", "color.png", "outline.png"]) cpSync(path.join(APP_PACKAGE_DIR, f), path.join(dir, f));
  return dir;
}
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("Teams app package", () => {
  it("fills the template and passes the bundled manifest schema offline, with no problems", async () => {
    const manifest = fillManifest(template, values);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(manifest).toMatchObject({
      id: BOT_ID,
      manifestVersion: expect.stringMatching(/^1\.\d+$/),
      name: { short: "Læringsloop", full: "Læringsloop – læringssamtaler og ledelsesopfølgning" },
      localizationInfo: { defaultLanguageTag: "da-dk" },
      validDomains: [BOT_DOMAIN],
      permissions: ["identity", "messageTeamMembers"],
      icons: { color: "color.png", outline: "outline.png" },
      // The bot's registration, so the app may install itself for people through Graph.
      webApplicationInfo: { id: BOT_ID, resource: `api://${BOT_DOMAIN}/botid-${BOT_ID}` },
    });
    expect(bundledSchemaVersions()).toContain(`v${String(manifest.manifestVersion)}`);
    expect(await validateAppPackage(APP_PACKAGE_DIR, values)).toEqual([]);
  });

  it("offers in each scope only the commands that work there, as the bot's command registry says", async () => {
    const [bot] = fillManifest(template, values).bots as Bot[];
    expect(bot?.botId).toBe(BOT_ID);
    expect([...(bot?.scopes ?? [])].sort()).toEqual(["groupChat", "personal", "team"]);
    // The template (as the Agents Toolkit uploads it) carries exactly the registry's lists.
    expect(bot?.commandLists).toEqual(manifestCommandLists());
    const listed = (scope: string) => bot?.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title);
    expect(listed("personal")).toEqual(COMMANDS.map((c) => c.title));
    expect(listed("team")).toEqual(["følg område", "hjælp"]);
    expect(listed("groupChat")).toEqual(["hjælp"]);
    // And npm run package writes them from the registry, whatever the template says.
    const dir = copyOfPackage();
    const edited = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { bots: Bot[] };
    edited.bots[0]!.commandLists = [{ scopes: ["groupChat"], commands: COMMANDS }];
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(edited));
    const inspected = await inspectAppPackage(dir, values);
    expect(inspected.problems).toEqual([]);
    expect((JSON.parse(inspected.files.get("manifest.json")!.toString("utf8")) as { bots: Bot[] }).bots[0]!.commandLists).toEqual(manifestCommandLists());
  });

  it("lists every command the registry offers in Teams' menu with a title its own pattern accepts, and no other's", () => {
    const entries = Object.entries(commandRegistry) as [keyof typeof commandPatterns, (typeof commandRegistry)[keyof typeof commandRegistry]][];
    for (const [name, entry] of entries) {
      if (!entry.menu) continue;
      expect(commandPatterns[name].test(entry.menu.title), entry.menu.title).toBe(true);
      const earlier = entries.slice(0, entries.findIndex(([n]) => n === name)).map(([n]) => n);
      for (const other of earlier) expect(commandPatterns[other].test(entry.menu.title), `${entry.menu.title} also matches ${other}`).toBe(false);
      expect(entry.menu.description.length).toBeLessThanOrEqual(128); // the manifest schema's limit
    }
  });

  it("has a 192×192 opaque colour icon and a 32×32 white-on-transparent outline icon", () => {
    expect(pngSize(colorPng)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outlinePng)).toEqual({ width: 32, height: 32 });

    const color = decodePng(colorPng);
    expect(color.rgba.filter((_, i) => i % 4 === 3 && color.rgba[i] !== 255).length).toBe(0);

    const outline = decodePng(outlinePng);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
    }
    expect(transparent + white).toBe(32 * 32); // nothing but white or fully transparent
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(white).toBeGreaterThan(32 * 4);
  });

  it("keeps the committed icons the same as scripts/make-icons.ts draws them", () => {
    expect(decodePng(drawColorIcon()).rgba).toEqual(decodePng(colorPng).rgba);
    expect(decodePng(drawOutlineIcon()).rgba).toEqual(decodePng(outlinePng).rgba);
  });

  it("names a manifest without the bot's registration in webApplicationInfo (proactive installation needs it)", async () => {
    const dir = copyOfPackage();
    const manifest = JSON.parse(template) as Record<string, unknown>;
    delete manifest.webApplicationInfo;
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    expect(await validateAppPackage(dir, values)).toEqual([`manifest.json: webApplicationInfo.id skal være BOT_ID (${BOT_ID})`]);
  });

  it("finds what Teams would refuse: schema errors, wrong icon sizes, a coloured outline", async () => {
    const dir = copyOfPackage();
    const manifest = JSON.parse(template) as Record<string, unknown>;
    manifest.accentColor = "blå";
    manifest.name = { short: "Læringsloop til læringssamtaler i Børn og Unge" }; // over 30 characters
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    writeFileSync(path.join(dir, "color.png"), encodePng(96, 96, new Uint8Array(96 * 96 * 4).fill(255)));
    const teal = new Uint8Array(32 * 32 * 4);
    for (let i = 0; i < teal.length; i += 4) teal.set(i < 64 ? [0x1f, 0x7a, 0x8c, 255] : [0, 0, 0, 0], i);
    writeFileSync(path.join(dir, "outline.png"), encodePng(32, 32, teal));

    const problems = await validateAppPackage(dir, values);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json: \/accentColor must match pattern/),
        expect.stringMatching(/^manifest\.json: \/name\/short must NOT have more than 30 characters/),
        "color.png skal være 192×192 pixels (er 96×96)",
        expect.stringMatching(/^outline\.png må kun have hvide \(#FFFFFF\) og gennemsigtige pixels; 16 pixels har en anden farve, fx \(0,0\) er #1F7A8C/),
      ]),
    );
  });

  it("refuses a missing or bad BOT_ID or domain, naming every key, in Danish", () => {
    const missing = parsePackageEnv({});
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.problems).toEqual([expect.stringMatching(/^BOT_ID: mangler/), expect.stringMatching(/^BOT_DOMAIN: mangler/)]);
    }
    const bad = parsePackageEnv({ BOT_ID: "min-bot", TEAMS_APP_ID: "1", BOT_DOMAIN: "https://laeringsloop.kommune.dk/api/messages" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems).toEqual([
        expect.stringMatching(/^BOT_ID: skal være bot-registreringens app-id \(en GUID/),
        expect.stringMatching(/^TEAMS_APP_ID: skal være en GUID/),
        expect.stringMatching(/^BOT_DOMAIN: skal være værtsnavnet .* uden https:\/\//),
      ]);
    }
    expect(parsePackageEnv({ BOT_ID, BOT_ENDPOINT: "http://laeringsloop.kommune.dk" }).ok).toBe(false);
    expect(() => fillManifest(template, { BOT_ID, BOT_DOMAIN })).toThrow(ManifestTemplateError);
    expect(() => fillManifest(template, { BOT_ID, BOT_DOMAIN })).toThrow("${{TEAMS_APP_ID}} har ingen værdi");
  });

  it("takes the domain from BOT_ENDPOINT and the app id from BOT_ID when they are not given", () => {
    expect(parsePackageEnv({ BOT_ID: BOT_ID.toUpperCase(), BOT_ENDPOINT: "https://Laeringsloop.Kommune.dk:8443/api/messages", BOT_DOMAIN: "" })).toEqual({
      ok: true,
      values: { BOT_ID, TEAMS_APP_ID: BOT_ID, BOT_DOMAIN },
    });
    const appId = "0f0e0d0c-0b0a-0908-0706-050403020100";
    expect(parsePackageEnv({ BOT_ID, TEAMS_APP_ID: appId, BOT_DOMAIN: "bot.example.dk" })).toEqual({
      ok: true,
      values: { BOT_ID, TEAMS_APP_ID: appId, BOT_DOMAIN: "bot.example.dk" },
    });
  });

  it("npm run package writes appPackage/build/laeringsloop-<version>.zip with the three files at its root", () => {
    const run = spawnSync("npx", ["tsx", "scripts/package-app.ts"], {
      cwd: ROOT,
      env: { ...process.env, BOT_ID, BOT_DOMAIN, BOT_ENDPOINT: "", TEAMS_APP_ID: "" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const version = String(fillManifest(template, values).version);
    expect(run.stdout).toMatch(/^Manifestet er gyldigt \(skema v1\.\d+\)$/m);
    expect(run.stdout).toContain(path.join("appPackage", "build", `laeringsloop-${version}.zip`));

    const zip = new AdmZip(path.join(APP_PACKAGE_DIR, "build", `laeringsloop-${version}.zip`));
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(zip.readAsText("manifest.json")) as { id: string; bots: Bot[]; validDomains: string[] };
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([BOT_DOMAIN]);
    expect(zip.readFile("color.png")?.equals(colorPng)).toBe(true);
    expect(zip.readFile("outline.png")?.equals(outlinePng)).toBe(true);
  });

  it("npm run package stops with exit code 2 and names the bad setting", () => {
    const run = spawnSync("npx", ["tsx", "scripts/package-app.ts"], {
      cwd: ROOT,
      env: { ...process.env, BOT_ID: "ikke-en-guid", BOT_DOMAIN: "", BOT_ENDPOINT: "", TEAMS_APP_ID: "" },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("BOT_ID: skal være bot-registreringens app-id (en GUID");
    expect(run.stderr).toContain("BOT_DOMAIN: mangler");
  });
});
