/**
 * `npm run playground` (Alex Wilber, Børn og Unge-chef) and `npm run playground:leader` (Megan
 * Bowen, leder af Dagtilbud Solsikken): the Microsoft 365 Agents Playground as that person, on a
 * port of its own, so both run side by side in two browser tabs against one bot. Each Playground
 * hosts its own mock Bot Connector on its port; the bot sends each person's cards to the
 * serviceUrl of their conversation, so each card reaches the right Playground.
 *
 *   --port <n>   the Playground's port (default: chief 56150, leader 56151)
 *   --bot <url>  the bot's endpoint (default http://127.0.0.1:<PORT>/api/messages, PORT as the
 *                bot reads it: the environment over .env)
 * The people are in .m365agentsplayground.yml (chief) and playground/leader/.m365agentsplayground.yml.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { ConfigError, loadConfig } from "../src/config.js";
import { strings } from "../src/lib/strings.da.js";
import { fail } from "./lib/database.js";

const ROOT = resolve(import.meta.dirname, "..");
const s = strings.playground;
const ROLES = {
  chief: { port: 56150, config: join(ROOT, ".m365agentsplayground.yml") },
  leader: { port: 56151, config: join(ROOT, "playground/leader/.m365agentsplayground.yml") },
} as const;

let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), options: { port: { type: "string" }, bot: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
} catch {
  fail(s.usage, 2);
}
const [roleName = "chief", ...rest] = parsed.positionals;
if (parsed.values.help) {
  console.log(s.usage);
  process.exit(0);
}
if (!(roleName in ROLES) || rest.length > 0) fail(s.usage, 2);
const role = ROLES[roleName as keyof typeof ROLES];
const port = parsed.values.port === undefined ? role.port : Number(parsed.values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(s.usage, 2);

let endpoint = parsed.values.bot;
if (!endpoint) {
  try {
    endpoint = `http://127.0.0.1:${loadConfig().port}/api/messages`;
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
}

/** The Playground picks a random port when its own is taken, and says so only in its log: check first. */
const free = await new Promise<boolean>((ok) => {
  const probe = createServer();
  probe.once("error", () => ok(false));
  probe.listen(port, () => probe.close(() => ok(true)));
});
if (!free) fail(s.portBusy(port), 1);

const bot = new URL(endpoint);
const up = await fetch(new URL("/healthz", bot), { signal: AbortSignal.timeout(2000) }).then(
  (r) => r.ok,
  () => false,
);
if (!up) console.error(s.botNotRunning(endpoint));

const name = String((parse(readFileSync(role.config, "utf8")) as { currentUser?: { name?: string } }).currentUser?.name ?? roleName);
console.log(s.started(name, `http://localhost:${port}`, endpoint));
const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
// The Playground reads .m365agentsplayground.yml from the folder it runs in, and logs to devTools/ there.
const child = spawn(process.execPath, [cli, "start", "-e", endpoint, "-c", "msteams", "--dt", "-p", String(port)], { cwd: dirname(role.config), stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
