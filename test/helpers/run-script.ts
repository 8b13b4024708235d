import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/tsx/dist/loader.mjs");

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One of the project's scripts (`scripts/<script>`) in its own process, as `npm run` starts it:
 * nothing in the environment but PATH and `env`, in the folder `cwd` (the checkout by default).
 */
export function runScript(script: string, args: string[], env: Record<string, string>, cwd = ROOT): Promise<ScriptRun> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", TSX, join(ROOT, "scripts", script), ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (status) => ok({ status, stdout, stderr }));
  });
}
