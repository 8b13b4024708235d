import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exited, spawnBot, until } from "./helpers/bot-process.js";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * `npm start` (scripts/start.mjs) on a project of three small source files: it runs the build of
 * the sources as they are, rebuilding first when one of them changed, and only then.
 */
describe("npm start's launcher", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "laeringsloop-start-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "start-test", private: true, type: "module" }));
    mkdirSync(join(dir, "scripts"));
    for (const f of ["build.mjs", "start.mjs"]) copyFileSync(join(ROOT, "scripts", f), join(dir, "scripts", f));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    mkdirSync(join(dir, "src/lib"), { recursive: true });
    copyFileSync(join(ROOT, "src/lib/package-root.ts"), join(dir, "src/lib/package-root.ts"));
    writeFileSync(
      join(dir, "src/index.ts"),
      [
        'import { PACKAGE_ROOT } from "./lib/package-root.js";',
        'import { message } from "./message.js";',
        'const { later } = await import("./later.js");',
        'process.stdout.write(`${message} ${later()} ${PACKAGE_ROOT}`);',
      ].join("\n"),
    );
    writeFileSync(join(dir, "src/message.ts"), 'export const message: string = "v1";\n');
    writeFileSync(join(dir, "src/later.ts"), 'export const later = (): string => "loaded later";\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // From another working directory, as a service manager might start it.
  const start = () => spawnSync(process.execPath, [join(dir, "scripts/start.mjs")], { cwd: tmpdir(), encoding: "utf8", timeout: 60_000 });
  const builds = () => readdirSync(join(dir, "dist")).filter((f) => f.startsWith("build-"));

  it("builds on the first start, not on the next, again after a source changed, and keeps two builds at most", () => {
    const first = start();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(`v1 loaded later ${dir}`);
    expect(first.stderr).toContain("bygger dist/");

    const second = start();
    expect(second.stdout).toBe(`v1 loaded later ${dir}`);
    expect(second.stderr).toBe("");

    writeFileSync(join(dir, "src/message.ts"), 'export const message: string = "v2";\n');
    const third = start();
    expect(third.stdout).toBe(`v2 loaded later ${dir}`);
    expect(third.stderr).toContain("kilderne er ændret");
    expect(builds()).toHaveLength(2);

    writeFileSync(join(dir, "src/later.ts"), 'export const later = (): string => "changed too";\n');
    const fourth = start();
    expect(fourth.stdout).toBe(`v2 changed too ${dir}`);
    expect(builds()).toHaveLength(2);
    const { entry } = JSON.parse(readFileSync(join(dir, "dist/stamp.json"), "utf8")) as { entry: string };
    expect(builds()).toContain(entry.split("/")[0]);

    // The same files with other times (a copy, a container image's layers keep whole seconds): the
    // same build, not a rebuild, which a read-only dist/ could not make.
    for (const f of ["src/index.ts", "src/message.ts", "src/later.ts", "src/lib/package-root.ts", "package.json"]) utimesSync(join(dir, f), 1_700_000_000, 1_700_000_000);
    const fifth = start();
    expect([fifth.status, fifth.stdout, fifth.stderr]).toEqual([0, `v2 changed too ${dir}`, ""]);
    expect((JSON.parse(readFileSync(join(dir, "dist/stamp.json"), "utf8")) as { entry: string }).entry).toBe(entry);
    // package.json and tsconfig.json are sources too (esbuild's version and options).
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022" } }));
    expect(start().stderr).toContain("kilderne er ændret");
  }, 120_000);
});

describe("the built bot (npm start's path)", () => {
  it("gets healthy, then answers a click, the Teams SDK loaded once on the way", async () => {
    const dir = mkdtempSync(join(tmpdir(), "laeringsloop-start-bot-"));
    const bot = spawnBot({ LOG_LEVEL: "info", DATABASE_URL: `file:${join(dir, "bot.db")}`, PORT: "0" }, "pipe", { built: true });
    try {
      let log = "";
      bot.stdout!.on("data", (c: Buffer) => (log += c.toString("utf8")));
      const port = await until("the bot to listen", async () => /"port":(\d+)[^\n]*"msg":"local anonymous mode/.exec(log)?.[1]);
      const health = await until("/healthz", () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? r.json() : undefined), () => undefined));
      expect(health).toEqual({ status: "ok" });
      const activity = JSON.parse(readFileSync(join(ROOT, "test/fixtures/activities/invoke-action.json"), "utf8")) as Record<string, unknown>;
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...activity, id: "start-test-1" }) });
      expect(res.status).toBe(200);
      // The help card, not an error card.
      expect(JSON.stringify(await res.json())).toContain("Det kan Læringsloop");
      expect(log.match(/"msg":"Teams SDK loaded"/g)).toHaveLength(1);
    } finally {
      bot.kill("SIGTERM");
      await exited(bot);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
