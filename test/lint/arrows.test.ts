import { resolve } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The arrows of the house are lint rules (eslint.config.js): a file that breaks one fails
 * `npm run lint`. Each case lints a small snippet as if it were a file at that path, with the
 * project's own configuration, and expects the rule to catch it (or, for what is allowed, nothing).
 */
const ROOT = resolve(import.meta.dirname, "../..");

type Rule = "no-restricted-imports" | "no-restricted-properties";

const violations: [string, string, string, Rule][] = [
  ["store ↛ teams", "src/store/example.ts", 'export { verbs } from "../teams/verbs.js";', "no-restricted-imports"],
  ["store ↛ cards", "src/store/example.ts", 'export { expand } from "../cards/template.js";', "no-restricted-imports"],
  ["store ↛ scheduler", "src/store/example.ts", 'export { startScheduler } from "../scheduler/scheduler.js";', "no-restricted-imports"],
  ["store ↛ config", "src/store/example.ts", 'export { loadConfig } from "../config.js";', "no-restricted-imports"],
  ["store ↛ the Teams SDK", "src/store/example.ts", 'export { TurnContext } from "botbuilder";', "no-restricted-imports"],
  ["cards ↛ teams", "src/cards/example.ts", 'import type { Views } from "../teams/views.js";\nexport type V = Views;', "no-restricted-imports"],
  ["cards ↛ store", "src/cards/example.ts", 'export { createStore } from "../store/index.js";', "no-restricted-imports"],
  ["cards ↛ scheduler", "src/cards/example.ts", 'export { startScheduler } from "../scheduler/scheduler.js";', "no-restricted-imports"],
  ["cards ↛ Prisma", "src/cards/example.ts", 'export { PrismaClient } from "@prisma/client";', "no-restricted-imports"],
  ["domain ↛ store", "src/domain/example.ts", 'export { createStore } from "../store/index.js";', "no-restricted-imports"],
  ["domain ↛ teams", "src/domain/example.ts", 'export { verbs } from "../teams/verbs.js";', "no-restricted-imports"],
  ["domain ↛ cards", "src/domain/example.ts", 'export { expand } from "../cards/template.js";', "no-restricted-imports"],
  ["domain ↛ scheduler", "src/domain/example.ts", 'export { startScheduler } from "../scheduler/scheduler.js";', "no-restricted-imports"],
  ["domain ↛ config", "src/domain/example.ts", 'export { loadConfig } from "../config.js";', "no-restricted-imports"],
  ["domain ↛ a framework", "src/domain/example.ts", 'export { Application } from "@microsoft/teams-ai";', "no-restricted-imports"],
  ["domain ↛ the generated client", "src/domain/example.ts", 'export { PrismaClient } from "../generated/prisma/client.js";', "no-restricted-imports"],
  ["lib ↛ domain", "src/lib/example.ts", 'export { noEffects } from "../domain/effects.js";', "no-restricted-imports"],
  ["lib ↛ Prisma", "src/lib/example.ts", 'export { PrismaClient } from "@prisma/client";', "no-restricted-imports"],
  ["scheduler ↛ teams", "src/scheduler/jobs/example.ts", 'export { createProactive } from "../../teams/proactive.js";', "no-restricted-imports"],
  ["scheduler ↛ store", "src/scheduler/jobs/example.ts", 'export { createStore } from "../../store/index.js";', "no-restricted-imports"],
  ["scheduler ↛ cards", "src/scheduler/example.ts", 'export { expand } from "../cards/template.js";', "no-restricted-imports"],
  ["node-cron only in scheduler.ts", "src/scheduler/jobs/example.ts", 'export { default } from "node-cron";', "no-restricted-imports"],
  ["teams ↛ store", "src/teams/handlers/actions/example.ts", 'export { createStore } from "../../../store/index.js";', "no-restricted-imports"],
  ["teams ↛ scheduler", "src/teams/example.ts", 'export { startScheduler } from "../scheduler/scheduler.js";', "no-restricted-imports"],
  ["teams ↛ Prisma", "src/teams/example.ts", 'export { PrismaClient } from "@prisma/client";', "no-restricted-imports"],
  ["teams ↛ the composition root", "src/teams/example.ts", 'export { createBot } from "../bot.js";', "no-restricted-imports"],
  ["graph ↛ teams", "src/graph/example.ts", 'export { verbs } from "../teams/verbs.js";', "no-restricted-imports"],
  ["graph ↛ store", "src/graph/example.ts", 'export { createStore } from "../store/index.js";', "no-restricted-imports"],
  ["graph ↛ config", "src/graph/example.ts", 'export { loadConfig } from "../config.js";', "no-restricted-imports"],
  ["graph ↛ the Teams SDK", "src/graph/example.ts", 'export { TurnContext } from "botbuilder";', "no-restricted-imports"],
  ["teams ↛ graph", "src/teams/example.ts", 'export { createGraphClient } from "../graph/graph-client.js";', "no-restricted-imports"],
  ["teams ↛ the Graph SDK", "src/teams/example.ts", 'export { Client } from "@microsoft/microsoft-graph-client";', "no-restricted-imports"],
  ["teams ↛ Graph's credential", "src/teams/example.ts", 'export { ClientSecretCredential } from "@azure/identity";', "no-restricted-imports"],
  ["domain ↛ graph", "src/domain/example.ts", 'export { createGraphAppInstaller } from "../graph/app-installer.js";', "no-restricted-imports"],
  ["domain ↛ the Graph SDK", "src/domain/example.ts", 'export { Client } from "@microsoft/microsoft-graph-client";', "no-restricted-imports"],
  ["domain ↛ pdfkit", "src/domain/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["teams ↛ pdfkit", "src/teams/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["store ↛ pdfkit", "src/store/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["cards ↛ pdfkit", "src/cards/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["lib ↛ pdfkit", "src/lib/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["scheduler ↛ pdfkit", "src/scheduler/jobs/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["scheduler.ts ↛ pdfkit", "src/scheduler/scheduler.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["graph ↛ pdfkit", "src/graph/example.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["config ↛ pdfkit", "src/config.ts", 'export { default } from "pdfkit";', "no-restricted-imports"],
  ["documents ↛ teams", "src/documents/example.ts", 'export { verbs } from "../teams/verbs.js";', "no-restricted-imports"],
  ["documents ↛ store", "src/documents/example.ts", 'export { createStore } from "../store/index.js";', "no-restricted-imports"],
  ["store ↛ graph", "src/store/example.ts", 'export { createGraphClient } from "../graph/graph-client.js";', "no-restricted-imports"],
  ["web ↛ store", "src/web/example.ts", 'export { createStore } from "../store/index.js";', "no-restricted-imports"],
  ["web ↛ the Teams SDK", "src/web/example.ts", 'export { TurnContext } from "botbuilder";', "no-restricted-imports"],
  ["web ↛ the composition root", "src/web/example.ts", 'export { createBot } from "../bot.js";', "no-restricted-imports"],
  ["the composition root ↛ the Teams SDK", "src/bot.ts", 'export { CloudAdapter } from "botbuilder";', "no-restricted-imports"],
  ["the composition root ↛ teams-ai", "src/index.ts", 'export { Application } from "@microsoft/teams-ai";', "no-restricted-imports"],
  ["the composition root ↛ Prisma", "src/bot.ts", 'export { PrismaClient } from "@prisma/client";', "no-restricted-imports"],
  ["the composition root ↛ the generated client", "src/bot.ts", 'export { PrismaClient } from "./generated/prisma/client.js";', "no-restricted-imports"],
  ["the composition root ↛ a database driver", "src/index.ts", 'export { default } from "better-sqlite3";', "no-restricted-imports"],
  ["process.env only in config.ts", "src/teams/example.ts", "export const port = process.env.PORT;", "no-restricted-properties"],
  ["process.env only in config.ts (by index)", "src/store/example.ts", 'export const url = process["env"].DATABASE_URL;', "no-restricted-properties"],
  ["process.env only in config.ts (destructured)", "src/bot.ts", "const { env } = process;\nexport const port = env.PORT;", "no-restricted-properties"],
  ["process.env only in config.ts (imported)", "src/scheduler/example.ts", 'import { env } from "node:process";\nexport const tz = env.TZ;', "no-restricted-imports"],
];

const allowed: [string, string, string][] = [
  ["config.ts reads process.env", "src/config.ts", "export const env = (): Record<string, string | undefined> => process.env;"],
  ["documents knows pdfkit, cards' helpers and the domain", "src/documents/example.ts", 'export { default } from "pdfkit";\nexport { initials } from "../cards/feedback.js";\nexport { noEffects } from "../domain/effects.js";'],
  ["scheduler.ts knows node-cron", "src/scheduler/scheduler.ts", 'export { default } from "node-cron";'],
  ["teams knows the Teams SDK, cards and the domain", "src/teams/example.ts", 'export { TurnContext } from "botbuilder";\nexport { expand } from "../cards/template.js";\nexport { noEffects } from "../domain/effects.js";'],
  ["store knows Prisma and the domain's ports", "src/store/example.ts", 'export { PrismaClient } from "../generated/prisma/client.js";\nexport type { Clock } from "../domain/ports.js";'],
  ["domain uses lib", "src/domain/example.ts", 'export { strings } from "../lib/strings.da.js";'],
  ["graph knows Graph, its credential and the domain's ports", "src/graph/example.ts", 'export { Client } from "@microsoft/microsoft-graph-client";\nexport { ClientSecretCredential } from "@azure/identity";\nexport type { AppInstaller } from "../domain/ports.js";'],
  ["the composition root wires everything", "src/bot.ts", 'export { createStore } from "./store/index.js";\nexport { startScheduler } from "./scheduler/scheduler.js";\nexport { createGraphClient } from "./graph/graph-client.js";'],
];

describe("lint guards every arrow of the house", () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  const lint = async (path: string, code: string) => (await eslint.lintText(`${code}\n`, { filePath: resolve(ROOT, path) }))[0]!.messages;

  it.each(violations)("%s (%s)", async (_name, path, code, rule) => {
    // Caught by that rule (a path may break more than one of its patterns), and by nothing else.
    expect([...new Set((await lint(path, code)).map((m) => m.ruleId))]).toEqual([rule]);
  });

  it.each(allowed)("allows: %s (%s)", async (_name, path, code) => {
    expect(await lint(path, code)).toEqual([]);
  });
});
