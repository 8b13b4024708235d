import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The arrows of the house (CONVENTIONS.md, «The shape of the house»), each a rule: what every part
 * of src/ may not import. test/lint/arrows.test.ts shows each rule catching a violation.
 */

/** One of our own top-level parts of src/, reached by a relative import from anywhere below src/. */
const part = (name, why) => ({ regex: `^(\\.\\./)+${name}(/|\\.js$|$)`, message: why });
const generated = { regex: "(^|/)generated/", message: "Only src/store knows Prisma (its generated client)." };

/** Frameworks and the one part that may know each. */
const teamsSdk = { group: ["botbuilder", "botbuilder-*", "botframework-*", "@microsoft/*", "@azure/*"], message: "Only src/teams knows the Teams SDK (a move to its successor is one folder)." };
const prisma = { group: ["@prisma/*", "prisma", "prisma/*", "better-sqlite3", "pg"], message: "Only src/store knows Prisma and the database drivers." };
const cron = { group: ["node-cron"], message: "Only src/scheduler/scheduler.ts knows node-cron." };
const cardTemplates = { group: ["adaptivecards", "adaptivecards-*"], message: "Only src/cards expands card templates." };
const pdfkit = { group: ["pdfkit", "pdfkit/*"], message: "Only src/documents draws PDFs (pdfkit): the domain gives it the referat." };
const graphSdk = { group: ["@microsoft/microsoft-graph-*", "@azure/identity"], message: "Only src/graph knows Microsoft Graph and its credentials." };
/** The Teams SDK without the Azure packages Graph's client is built on. */
const teamsSdkOnly = { group: ["botbuilder", "botbuilder-*", "botframework-*", "@microsoft/teams-ai", "@microsoft/teams.*"], message: teamsSdk.message };

/** `process.env` is read in src/config.ts only (loadConfig), so every setting is validated in one place. */
const envImports = [
  { name: "node:process", importNames: ["env"], message: "Read settings through src/config.ts (loadConfig)." },
  { name: "process", importNames: ["env"], message: "Read settings through src/config.ts (loadConfig)." },
];

const restrict = (...patterns) => ["error", { paths: envImports, patterns }];

const parts = {
  domain: "src/domain may depend on src/lib only: ports in the domain, adapters outside.",
  lib: "src/lib depends on nothing of ours.",
  store: "src/store implements the domain's ports; it knows neither Teams, cards nor the scheduler.",
  cards: "src/cards builds cards from domain views; it knows neither Teams, the store nor the scheduler.",
  scheduler: "src/scheduler times jobs; it knows neither Teams, the store nor cards (its jobs get what they need).",
  teams: "src/teams adapts Teams to the domain; it never reaches the store or the scheduler (the composition root wires them).",
  top: "Only the composition root (src/bot.ts, src/index.ts) wires the parts together.",
  documents: "src/documents draws documents (the referat PDF) from domain views; it knows neither Teams, the store nor the scheduler.",
  graph: "src/graph adapts Microsoft Graph to the domain's ports; it knows neither Teams, the store, the scheduler nor cards.",
  web: "src/web renders the guest page from the domain; it never reaches the store, the scheduler or the Teams SDK (the composition root wires it).",
  notGraph: "Only the composition root reaches src/graph: the domain has ports (AppInstaller) it implements.",
};

export default tseslint.config(
  { ignores: ["node_modules", "src/generated", "data", "dist", "coverage", ".e2e"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/config.ts"],
    // Also catches `process["env"]` and `const { env } = process`.
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through src/config.ts (loadConfig): nothing else reads process.env." }] },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ...["store", "teams", "scheduler", "cards", "config", "bot", "index", "graph"].map((p) => part(p, parts.domain)),
        generated,
        teamsSdk,
        prisma,
        cron,
        cardTemplates,
        pdfkit,
      ),
    },
  },
  {
    files: ["src/documents/**/*.ts"],
    rules: { "no-restricted-imports": restrict(...["teams", "store", "scheduler", "config", "bot", "index"].map((p) => part(p, parts.documents)), part("graph", parts.notGraph), generated, teamsSdk, prisma, cron, cardTemplates) },
  },
  {
    files: ["src/lib/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        ...["domain", "store", "teams", "scheduler", "cards", "config", "bot", "index", "graph"].map((p) => part(p, parts.lib)),
        generated,
        teamsSdk,
        prisma,
        cron,
        cardTemplates,
        pdfkit,
      ),
    },
  },
  {
    files: ["src/store/**/*.ts"],
    rules: { "no-restricted-imports": restrict(...["teams", "cards", "scheduler", "config", "bot", "index"].map((p) => part(p, parts.store)), part("graph", parts.notGraph), teamsSdk, cron, cardTemplates, pdfkit) },
  },
  {
    files: ["src/cards/**/*.ts"],
    rules: { "no-restricted-imports": restrict(...["teams", "store", "scheduler", "config", "bot", "index"].map((p) => part(p, parts.cards)), part("graph", parts.notGraph), generated, teamsSdk, prisma, cron, pdfkit) },
  },
  {
    files: ["src/scheduler/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(...["teams", "store", "cards", "config", "bot", "index"].map((p) => part(p, parts.scheduler)), part("graph", parts.notGraph), generated, teamsSdk, prisma, cardTemplates, cron, pdfkit),
    },
  },
  {
    // The one place that knows node-cron.
    files: ["src/scheduler/scheduler.ts"],
    rules: {
      "no-restricted-imports": restrict(...["teams", "store", "cards", "config", "bot", "index"].map((p) => part(p, parts.scheduler)), part("graph", parts.notGraph), generated, teamsSdk, prisma, cardTemplates, pdfkit),
    },
  },
  {
    files: ["src/teams/**/*.ts"],
    rules: { "no-restricted-imports": restrict(...["store", "scheduler", "bot", "index"].map((p) => part(p, parts.teams)), part("graph", parts.notGraph), generated, prisma, cron, cardTemplates, graphSdk, pdfkit) },
  },
  {
    // The guest page (an adapter beside src/teams): HTML from the domain's views and the cards' data, no Teams SDK, no store.
    files: ["src/web/**/*.ts"],
    rules: { "no-restricted-imports": restrict(...["store", "scheduler", "bot", "index"].map((p) => part(p, parts.web)), part("graph", parts.notGraph), generated, teamsSdk, prisma, cron) },
  },
  {
    // The one place that knows Microsoft Graph (its client and the credential it signs in with).
    files: ["src/graph/**/*.ts"],
    rules: { "no-restricted-imports": restrict(...["store", "teams", "scheduler", "cards", "config", "bot", "index"].map((p) => part(p, parts.graph)), generated, teamsSdkOnly, prisma, cron, cardTemplates, pdfkit) },
  },
  {
    // Top-level modules other than the composition root: settings and the logger.
    files: ["src/config.ts", "src/logger.ts"],
    rules: { "no-restricted-imports": restrict(...["./teams", "./store", "./cards", "./bot", "./index", "./graph"].map((p) => ({ regex: `^${p.replace(".", "\\.")}(/|\\.js$|$)`, message: parts.top })), generated, teamsSdk, prisma, cron, cardTemplates, pdfkit) },
  },
  {
    // The composition root wires the parts but names no SDK itself: botbuilder and teams-ai stay in
    // src/teams, Prisma and its drivers in src/store, so moving to their successors changes those two
    // folders only (docs/decisions/0029-sdk-status.md).
    files: ["src/bot.ts", "src/index.ts"],
    rules: { "no-restricted-imports": restrict(generated, teamsSdkOnly, prisma) },
  },
  {
    files: ["scripts/**/*.ts", "test/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
