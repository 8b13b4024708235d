// Builds the bot for `npm start`: src/ (TypeScript, the generated Prisma clients included) bundled by
// esbuild into one ESM file, dist/index.js, with node_modules left external (resolved at run time
// from the project's node_modules, as from src/). Plain JavaScript: it runs at `npm install`
// (postinstall) and from scripts/start.mjs before tsx or TypeScript are loaded.
//
// Never stale: dist/stamp.json records the stamp of the sources it was built from (every file
// under src/ by path, size and modification time, and this script's own text); ensureBuilt()
// rebuilds when the sources' stamp differs. Decision 0030 says why.
//
//   node scripts/build.mjs            build when the sources changed (postinstall)
//   node scripts/build.mjs --force    build anyway
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
export const ROOT = resolve(dirname(SELF), "..");

/** The stamp of what a build is made from: every file under `src` by path, size and mtime, and this script. */
export function sourceStamp(root = ROOT) {
  const hash = createHash("sha256");
  hash.update(readFileSync(SELF));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path, { bigint: true });
        hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeNs}\n`);
      }
    }
  };
  walk(join(root, "src"));
  return hash.digest("hex");
}

const stampFile = (root) => join(root, "dist", "stamp.json");

function builtStamp(root) {
  try {
    return JSON.parse(readFileSync(stampFile(root), "utf8")).sources;
  } catch {
    return undefined;
  }
}

/** Bundles src/index.ts into dist/index.js (and its source map), each file written whole (temp file, then rename). */
export async function build(root = ROOT) {
  const stamp = sourceStamp(root);
  const { build: esbuild } = await import("esbuild");
  const out = join(root, "dist");
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: [join(root, "src/index.ts")],
    outfile: join(out, "index.js"),
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    keepNames: true,
    write: false,
    logLevel: "warning",
  });
  mkdirSync(out, { recursive: true });
  // Two starts at once may both build: each writes whole files, and the last rename wins.
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const tmp = `${stampFile(root)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ sources: stamp, builtAt: new Date().toISOString() })}\n`);
  renameSync(tmp, stampFile(root));
  return join(out, "index.js");
}

/** dist/index.js, built first when it is missing or src/ changed since it was built. */
export async function ensureBuilt(root = ROOT, say = (line) => process.stderr.write(`${line}\n`)) {
  const entry = join(root, "dist", "index.js");
  if (existsSync(entry) && builtStamp(root) === sourceStamp(root)) return { entry, built: false };
  const t0 = Date.now();
  say(existsSync(entry) ? "Læringsloop: kilderne er ændret, bygger dist/ igen …" : "Læringsloop: bygger dist/ …");
  await build(root);
  say(`Læringsloop: bygget på ${Date.now() - t0} ms`);
  return { entry, built: true };
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  if (!existsSync(join(ROOT, "src", "index.ts"))) {
    // The container's install layer has no sources yet (Dockerfile): it builds after copying them.
    process.stderr.write("scripts/build.mjs: no src/index.ts here, nothing to build\n");
  } else if (process.argv.includes("--force")) await build();
  else await ensureBuilt();
}
