// Builds the bot for `npm start`: src/ (TypeScript, the generated Prisma clients included) bundled by
// esbuild into ESM, dist/<build>/index.js, with node_modules left external (resolved at run time
// from the project's node_modules, as from src/). What src/ imports with import() becomes a chunk
// of its own, loaded only when it is first used (the Teams SDK, pdfkit: decision 0030). Plain
// JavaScript: it runs at `npm install` (postinstall) and from scripts/start.mjs before tsx or
// TypeScript are loaded.
//
// Never stale: dist/stamp.json records the stamps of the sources it was built from (every file
// under src/, tsconfig.json and package.json: by path, size and modification time, and by
// content; and this script's own text) and the build's entry; ensureBuilt() rebuilds when the
// quick stamp differs and the content does too. Each build has a folder of its
// own, so a bot still running the previous one keeps finding its chunks; older ones are removed.
//
//   node scripts/build.mjs            build when the sources changed (postinstall)
//   node scripts/build.mjs --force    build anyway
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
export const ROOT = resolve(dirname(SELF), "..");

/** The files a build is made from: every file under src/, tsconfig.json and package.json (esbuild's options and version), sorted. */
function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(root, "src"));
  for (const name of ["tsconfig.json", "package.json"]) if (existsSync(join(root, name))) files.push(join(root, name));
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The quick stamp of what a build is made from: each source file by path, size and modification time, and this script. */
export function sourceStamp(root = ROOT) {
  const hash = createHash("sha256");
  hash.update(readFileSync(SELF));
  for (const path of sourceFiles(root)) {
    const s = statSync(path, { bigint: true });
    hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeNs}\n`);
  }
  return hash.digest("hex");
}

/**
 * The stamp of the sources' content (path and bytes of each, and this script). Asked only when the
 * quick stamp differs: a copy or an image layer that keeps the files but not their times to the
 * nanosecond (container layers keep whole seconds) is the same build, not a reason to rebuild.
 */
export function contentStamp(root = ROOT) {
  const hash = createHash("sha256");
  hash.update(readFileSync(SELF));
  for (const path of sourceFiles(root)) {
    hash.update(`${relative(root, path)}\0`);
    hash.update(readFileSync(path));
    hash.update("\n");
  }
  return hash.digest("hex");
}

const stampFile = (root) => join(root, "dist", "stamp.json");

function built(root) {
  try {
    const { sources, content, entry } = JSON.parse(readFileSync(stampFile(root), "utf8"));
    return { sources, content, entry: join(root, "dist", entry) };
  } catch {
    return undefined;
  }
}

/** Bundles src/index.ts into dist/<build>/ (index.js, its chunks and source maps), each file written whole (temp file, then rename). */
export async function build(root = ROOT) {
  const stamp = sourceStamp(root);
  const content = contentStamp(root);
  const { build: esbuild } = await import("esbuild");
  const dist = join(root, "dist");
  const name = `build-${content.slice(0, 16)}`;
  const out = join(dist, name);
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: [join(root, "src/index.ts")],
    outdir: out,
    entryNames: "index",
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
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
  // Two starts at once may both build: each writes whole files, and the last rename wins.
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const tmp = `${stampFile(root)}.${process.pid}.tmp`;
  const previous = built(root)?.entry;
  writeFileSync(tmp, `${JSON.stringify({ sources: stamp, content, entry: `${name}/index.js`, builtAt: new Date().toISOString() })}\n`);
  renameSync(tmp, stampFile(root));
  // Older builds go, but the one before this: a bot started from it may still load its chunks.
  const keep = new Set([name, previous && relative(dist, dirname(previous))]);
  for (const entry of readdirSync(dist)) if (entry.startsWith("build-") && !keep.has(entry)) rmSync(join(dist, entry), { recursive: true, force: true });
  return join(out, "index.js");
}

/** The built bot's entry (dist/<build>/index.js), built first when there is none or src/ changed since. */
export async function ensureBuilt(root = ROOT, say = (line) => process.stderr.write(`${line}\n`)) {
  const last = built(root);
  if (last && existsSync(last.entry)) {
    const stamp = sourceStamp(root);
    if (last.sources === stamp) return { entry: last.entry, built: false };
    // Times changed, content maybe not (a copy, an image layer): the same build. Its quick stamp is
    // brought up to date where dist/ may be written (a read-only dist/ just asks again next time).
    if (last.content && last.content === contentStamp(root)) {
      try {
        const file = stampFile(root);
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), sources: stamp })}\n`);
        renameSync(tmp, file);
      } catch {
        /* read-only: fine */
      }
      return { entry: last.entry, built: false };
    }
  }
  const t0 = Date.now();
  say(last ? "Læringsloop: kilderne er ændret, bygger dist/ igen …" : "Læringsloop: bygger dist/ …");
  let entry;
  try {
    entry = await build(root);
  } catch (err) {
    if (err && (err.code === "EACCES" || err.code === "EROFS" || err.code === "EPERM")) {
      say(`Læringsloop: dist/ kan ikke skrives (${err.code}), og kilderne passer ikke til den bygning, der ligger der. Byg igen som den, der ejer mappen: npm run build`);
    }
    throw err;
  }
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
