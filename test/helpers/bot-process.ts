import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The real bot process, as `npm start` runs it (development mode, any free port), with `env` on
 * top; nothing of the test's own environment leaks in but PATH. Its stdout is piped at info level
 * (tests read the log) and dropped otherwise; its stderr is piped. `built` runs it exactly as
 * `npm start` does (scripts/start.mjs: the compiled bot in dist/, rebuilt first if src/ changed);
 * otherwise the TypeScript sources run through tsx.
 */
export function spawnBot(env: Record<string, string>, stdout: "pipe" | "ignore" = env.LOG_LEVEL === "info" ? "pipe" : "ignore", { built = false } = {}): ChildProcess {
  return spawn(process.execPath, built ? ["scripts/start.mjs"] : ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "development", PORT: "0", ...env },
    stdio: ["ignore", stdout, "pipe"],
  });
}

/** Resolves with the exit code once the process has ended (at once if it already has). */
export const exited = (p: ChildProcess) => new Promise<number | null>((ok) => (p.exitCode !== null || p.signalCode !== null ? ok(p.exitCode) : p.once("exit", (code) => ok(code))));

/** Polls `probe` every 200 ms until it gives a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
