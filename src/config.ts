import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { z } from "zod";
import { isAllowedServiceUrl } from "./lib/service-url.js";
import { strings } from "./lib/strings.da.js";
import { isValidLocalDate, isValidLocalTime } from "./lib/zoned-time.js";
import { DEFAULT_CLOSED_PERIODS, parseClosedPeriods } from "./lib/closed-periods.js";
import { isValidCron } from "./scheduler/scheduler.js";
import { DEFAULT_INTENTION_CEILING } from "./domain/intention-ceiling.js";

/**
 * Every setting the bot reads, in one schema. Nothing else reads `process.env`.
 * `.env.example` documents each key.
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const time = z.string().refine(isValidLocalTime, "skal være et klokkeslæt som 08:00");

const fields = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Outside production: the SQLite file under data/ when unset. In production it must be named.
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "skal begynde med file: (SQLite) eller postgresql:// (PostgreSQL)")
      .optional(),
    // Production with a SQLite file: the operator says the file lies on a volume that outlives the container.
    DATABASE_FILE_IS_PERSISTENT: bool.default("false"),
    // PostgreSQL: connections each bot process keeps open (the server's max_connections is shared by all instances).
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // SQLite: normal survives the process dying; full also a power cut, at a disk sync per commit (docs/decisions/0036).
    SQLITE_SYNCHRONOUS: z.enum(["normal", "full"], { message: "skal være normal eller full" }).default("normal"),
    BOT_ID: z.string().uuid("skal være bot-registreringens app-id (en GUID)").optional(),
    BOT_PASSWORD: z.string().min(1).optional(),
    BOT_TYPE: z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"]).default("SingleTenant"),
    BOT_TENANT_ID: z.string().uuid("skal være Entra-lejerens id (en GUID)").optional(),
    ORG_FILE: z.string().min(1).optional(),
    // Tenants served besides BOT_TENANT_ID (comma-separated GUIDs); activities from others are refused.
    ALLOWED_TENANTS: z
      .string()
      .regex(/^$|^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$/, "skal være lejer-id'er (GUID'er), adskilt af komma")
      .default("")
      .transform((s) => (s ? s.split(",").map((t) => t.toLowerCase()) : [])),
    // Hosts the bot may send to (Microsoft's Bot Connector); "*." matches subdomains.
    SERVICE_URL_HOSTS: z
      .string()
      .default("smba.trafficmanager.net,*.botframework.com,*.botframework.us,*.botframework.azure.us,smba.infra.gov.teams.microsoft.us")
      .transform((s) => s.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
    // Where Bot Framework's signing keys are published (only for sovereign clouds and tests).
    BOT_OPENID_METADATA_URL: z.string().url().optional(),
    // When the client secret (BOT_PASSWORD) runs out, as Entra shows it: warned of 30 days before.
    BOT_SECRET_EXPIRES: z
      .string()
      .refine(isValidLocalDate, "skal være en dato som 2027-06-30 (klienthemmelighedens udløbsdato i Entra)")
      .optional(),
    // Where the credential check asks Entra ID for a token (Microsoft's public cloud; tests set a local one).
    BOT_LOGIN_URL: z.string().url("skal være en adresse som https://login.microsoftonline.com").default("https://login.microsoftonline.com"),
    TIMEZONE: z.string().default("Europe/Copenhagen"),
    WORKDAY_START: time.default("08:00"),
    WORKDAY_END: time.default("15:30"),
    WORKDAYS: z
      .string()
      .regex(/^[1-7](,[1-7])*$/, "skal være ugedage som 1,2,3,4,5 (1 = mandag)")
      .default("1,2,3,4,5")
      .transform((s) => [...new Set(s.split(",").map(Number))]),
    CLOSED_DAYS: z
      .string()
      .regex(/^$|^(\d{4}-)?\d{2}-\d{2}(,(\d{4}-)?\d{2}-\d{2})*$/, "skal være datoer som 12-24 eller 2027-05-07, adskilt af komma")
      .default("12-24,12-31")
      .transform((s) => (s ? s.split(",") : [])),
    // Closed periods (summer closure, Christmas, vinterferie): no meeting is proposed in them
    // (src/lib/closed-periods.ts). ISO weeks W28..W31, yearly 07-06..08-02, one-off 2027-07-05..2027-07-30; «ingen»: none.
    CLOSED_PERIODS: z
      .string()
      .default(DEFAULT_CLOSED_PERIODS)
      .superRefine((s, ctx) => {
        for (const message of parseClosedPeriods(s).problems) ctx.addIssue({ code: "custom", message });
      })
      .transform((s) => (/^\s*(ingen|none)\s*$/i.test(s) ? [] : s.split(",").map((p) => p.trim()).filter(Boolean))),
    // Minutes kept free between two meetings of one person when the bot proposes times.
    MEETING_BUFFER_MINUTES: z.coerce.number({ invalid_type_error: "skal være et antal minutter" }).int("skal være et helt antal minutter").min(0, "skal være 0 eller flere minutter").max(120, "må højst være 120 minutter").default(15),
    MEETING_PACK_LEAD_DAYS: z.coerce.number().int().min(0).max(20).default(3),
    // Days after a meeting is closed that its chair may reopen it to correct the referat (0: never).
    MEETING_REOPEN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    // A 1:1's referat is approved by its leader too (a læringssamtale's always is, by all but the chair).
    REFERAT_APPROVAL_ONE_TO_ONE: bool.default("false"),
    FOLLOWUP_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(20).default(2),
    DIGEST_CRON: z.string().refine(isValidCron, "skal være et cron-udtryk som 0 6 * * *").default("0 6 * * *"),
    CHANNEL_DIGEST_DAY: z.coerce.number().int().min(1, "skal være en hverdag, 1 (mandag) til 5 (fredag)").max(5, "skal være en hverdag, 1 (mandag) til 5 (fredag)").default(1),
    CHANNEL_DIGEST_TIME: time.default("08:00"),
    PUBLIC_URL: z.string().url("skal være botten adresse udefra, fx https://laeringsloop.kommune.dk").optional(),
    // The key the guest links' tokens are derived from (docs/decisions/0025): changing it kills every link.
    GUEST_LINK_SECRET: z.string().trim().min(32, "skal være mindst 32 tegn (fx openssl rand -base64 48)").optional(),
    // Days after a meeting's end that a guest's link still works (long enough to approve the referat).
    GUEST_LINK_DAYS: z.coerce.number({ invalid_type_error: "skal være et antal dage" }).int("skal være et helt antal dage").min(1, "skal være mindst 1 dag").max(365, "må højst være 365 dage").default(30),
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    // How long a once-only scheduled job stays held by an instance that died running it.
    JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
    // How long a click or command stays claimed by an attempt that stopped renewing it (its process died).
    ACTIVITY_LEASE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
    TEMPLATES_DIR: z.string().min(1).optional(),
    // Calendar days before a later læringssamtale that the board is asked for its udtalelse: a board that meets monthly can meet first.
    BOARD_STATEMENT_DAYS: z.coerce.number().int().min(7).max(90).default(30),
    // What the example organisation's units carry when all is well (src/domain/intention-ceiling.ts).
    INTENTION_CEILING: z.coerce.number().int().min(1).max(100).default(DEFAULT_INTENTION_CEILING),
    SCHEDULER_ENABLED: bool.default("true"),
    SCHEDULER_CRON: z.string().refine(isValidCron, "skal være et cron-udtryk som * * * * *").default("* * * * *"),
    // CALENDAR_SYNC=graph: how often the bot reads its events back from the chairs' calendars.
    CALENDAR_READBACK_CRON: z.string().refine(isValidCron, "skal være et cron-udtryk som */5 * * * *").default("*/5 * * * *"),
    MAX_TEXT_LENGTH: z.coerce.number().int().min(100).max(10000).default(2000),
    // Commands and card clicks one person may send per minute; more are answered with a notice.
    USER_ACTIONS_PER_MINUTE: z.coerce.number().int().min(5).max(1_000_000).default(30),
    // Overload (docs/decisions/0032-overload.md): requests to /api/messages in work at once; a click
    // or command waiting longer than ADMISSION_WAIT_MS since it arrived, or behind ADMISSION_QUEUE
    // others, is answered «prøv igen om lidt» and not done. Installation events always wait their turn.
    ADMISSION_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
    ADMISSION_QUEUE: z.coerce.number().int().min(0).max(100_000).default(100),
    ADMISSION_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(1500),
    // Reflections and minutes are erased this many months after their læringsloop ends (0: at once).
    RETENTION_MONTHS_AFTER_LOOP: z.coerce.number({ invalid_type_error: "skal være et antal måneder" }).int("skal være et helt antal måneder").min(0).max(120).default(12),
    // Deadline for each call to Microsoft (Bot Connector, token, signing keys), in seconds.
    OUTBOUND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
    RETENTION_CRON: z.string().refine(isValidCron, "skal være et cron-udtryk som 30 2 * * *").default("30 2 * * *"),
    // Microsoft Graph (src/graph): off unless its credentials are known. The tenant, app id and
    // secret default to the bot's own (BOT_TENANT_ID, BOT_ID, BOT_PASSWORD): the bot's registration
    // is the one that may install the app for people.
    GRAPH_TENANT_ID: z.string().uuid("skal være Entra-lejerens id (en GUID)").optional(),
    GRAPH_CLIENT_ID: z.string().uuid("skal være app-registreringens id (en GUID)").optional(),
    GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    GRAPH_BASE_URL: z.string().url("skal være Microsoft Graphs adresse, fx https://graph.microsoft.com/v1.0").default("https://graph.microsoft.com/v1.0"),
    GRAPH_AUTHORITY_HOST: z.string().url("skal være Entra ID's adresse, fx https://login.microsoftonline.com").default("https://login.microsoftonline.com"),
    // Proactive installation: the bot installs itself through Graph for a person it must reach.
    PROACTIVE_INSTALL: z.enum(["on", "off"], { errorMap: () => ({ message: "skal være on eller off" }) }).default("off"),
    // The app's id in the organisation's app catalogue (Teams admin center: the app's «App ID»),
    // not the manifest's id (shown there as «External app ID»).
    TEAMS_CATALOG_APP_ID: z.string().uuid("skal være appens id i organisationens appkatalog (en GUID: Teams Admin Center → Administrer apps → Læringsloop → App-id)").optional(),
    // Where the bot sends to a chat it found through Graph until Teams names the chat's own address.
    PROACTIVE_SERVICE_URL: z.string().url("skal være Bot Connector-adressen til proaktive beskeder, fx https://smba.trafficmanager.net/teams/").default("https://smba.trafficmanager.net/teams/"),
    // How meetings reach people's calendars: «Føj til kalender» on the cards (link), the bot keeping
    // the chair's calendar through Graph (graph: needs Graph's credentials), or nothing (off).
    CALENDAR_SYNC: z.enum(["link", "graph", "off"], { errorMap: () => ({ message: "skal være link, graph eller off" }) }).default("link"),
    // The guest link e-mailed from the chair's mailbox through Graph (Mail.Send; docs/decisions/0025), or not (off).
    GUEST_LINK_MAIL: z.enum(["off", "graph"], { errorMap: () => ({ message: "skal være off eller graph" }) }).default("off"),
  });

type Fields = z.infer<typeof fields>;

/** Rules between keys that hold wherever both are read. */
function workdayProblems(c: Pick<Fields, "WORKDAY_START" | "WORKDAY_END">): { path: string[]; message: string }[] {
  // Compared only when both are times: a bad one is already named on its own.
  if (!isValidLocalTime(c.WORKDAY_START) || !isValidLocalTime(c.WORKDAY_END)) return [];
  return c.WORKDAY_START >= c.WORKDAY_END ? [{ path: ["WORKDAY_END"], message: "skal ligge efter WORKDAY_START" }] : [];
}

/** zod's own checks in Danish, for the keys whose schema gives no message of its own. */
const danish: z.ZodErrorMap = (issue, ctx) => {
  // A message the key's own schema gave (an errorMap of its own) stands.
  if (ctx.defaultError !== z.defaultErrorMap(issue, ctx).message) return { message: ctx.defaultError };
  const s = strings.config;
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number") return { message: s.notNumber };
      if (issue.expected === "integer") return { message: s.wholeNumber };
      if (issue.expected === "string") return { message: s.notText };
      return { message: s.invalid };
    case "too_small":
      return { message: issue.type === "number" || issue.type === "bigint" ? s.atLeast(issue.minimum) : s.invalid };
    case "too_big":
      return { message: issue.type === "number" || issue.type === "bigint" ? s.atMost(issue.maximum) : s.invalid };
    case "invalid_enum_value":
      return { message: s.oneOf(issue.options.map(String)) };
    case "invalid_string":
      return { message: issue.validation === "url" ? s.notAddress : s.invalid };
    case "custom":
      return { message: ctx.defaultError };
    default:
      return { message: s.invalid };
  }
};

const schema = fields
  .superRefine((c, ctx) => {
    for (const problem of workdayProblems(c)) ctx.addIssue({ code: "custom", ...problem });
    const hasId = Boolean(c.BOT_ID);
    if (hasId && !c.BOT_PASSWORD && c.BOT_TYPE !== "UserAssignedMSI") {
      ctx.addIssue({ code: "custom", path: ["BOT_PASSWORD"], message: "mangler, når BOT_ID er sat" });
    }
    if (!hasId && c.BOT_PASSWORD) {
      ctx.addIssue({ code: "custom", path: ["BOT_ID"], message: "mangler, når BOT_PASSWORD er sat" });
    }
    if (c.BOT_TYPE === "SingleTenant" && hasId && !c.BOT_TENANT_ID) {
      ctx.addIssue({ code: "custom", path: ["BOT_TENANT_ID"], message: "mangler for en SingleTenant-bot" });
    }
    if (c.NODE_ENV === "production") for (const problem of productionDatabaseProblems(c)) ctx.addIssue({ code: "custom", ...problem });
    if (c.BOT_SECRET_EXPIRES && !c.BOT_PASSWORD) {
      ctx.addIssue({ code: "custom", path: ["BOT_SECRET_EXPIRES"], message: "gælder klienthemmeligheden (BOT_PASSWORD), som ikke er sat" });
    }
    // A token or a secret never travels over plain http in production.
    for (const key of ["BOT_LOGIN_URL", "GRAPH_BASE_URL", "GRAPH_AUTHORITY_HOST"] as const) {
      if (c.NODE_ENV === "production" && !c[key].startsWith("https://")) {
        ctx.addIssue({ code: "custom", path: [key], message: "skal være en https-adresse i production" });
      }
    }
    if (c.NODE_ENV === "production" && !c.ORG_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["ORG_FILE"],
        message: "mangler: i production bruges eksempel-organisationen aldrig; angiv kommunens organisationsfil",
      });
    }
    if (c.NODE_ENV === "production" && !c.BOT_TENANT_ID && c.ALLOWED_TENANTS.length === 0) {
      ctx.addIssue({ code: "custom", path: ["ALLOWED_TENANTS"], message: "mangler: i production betjener botten kun angivne lejere (BOT_TENANT_ID eller ALLOWED_TENANTS)" });
    }
    if (c.NODE_ENV === "production" && !c.PUBLIC_URL?.startsWith("https://")) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "mangler: i production skal botten have sin https-adresse (til eksportens downloadlinks)" });
    }
    const graphCredentials = [c.GRAPH_TENANT_ID ?? c.BOT_TENANT_ID, c.GRAPH_CLIENT_ID ?? c.BOT_ID, c.GRAPH_CLIENT_SECRET ?? c.BOT_PASSWORD];
    if (c.PROACTIVE_INSTALL === "on") {
      const missing = (key: string, value: unknown, also: string) => {
        if (!value) ctx.addIssue({ code: "custom", path: [key], message: `mangler, når PROACTIVE_INSTALL=on (${also})` });
      };
      missing("GRAPH_TENANT_ID", graphCredentials[0], "eller BOT_TENANT_ID");
      missing("GRAPH_CLIENT_ID", graphCredentials[1], "eller BOT_ID");
      missing("GRAPH_CLIENT_SECRET", graphCredentials[2], "eller BOT_PASSWORD");
      missing("TEAMS_CATALOG_APP_ID", c.TEAMS_CATALOG_APP_ID, "appens id i organisationens appkatalog");
      // Graph is reached with the app registration's client secret; a managed identity has none.
      if (c.BOT_TYPE === "UserAssignedMSI") {
        ctx.addIssue({ code: "custom", path: ["PROACTIVE_INSTALL"], message: "kan ikke bruges med BOT_TYPE=UserAssignedMSI: installationen gennem Microsoft Graph kræver app-registreringens klienthemmelighed (vælg SingleTenant)" });
      }
      if (!isAllowedServiceUrl(c.PROACTIVE_SERVICE_URL, serviceUrlHosts(c))) {
        ctx.addIssue({ code: "custom", path: ["PROACTIVE_SERVICE_URL"], message: "skal være en https-adresse på en af SERVICE_URL_HOSTS (Microsofts Bot Connector)" });
      }
      // TeamsAppInstallation.ReadWriteSelfForUser.All lets an app install itself only: the app
      // whose manifest names this registration (webApplicationInfo), which is the bot's.
      if (hasId && c.GRAPH_CLIENT_ID && c.GRAPH_CLIENT_ID.toLowerCase() !== c.BOT_ID!.toLowerCase()) {
        ctx.addIssue({ code: "custom", path: ["GRAPH_CLIENT_ID"], message: "skal være bottens app-id (BOT_ID), når PROACTIVE_INSTALL=on: appen kan kun installere sig selv" });
      }
    }
    if (c.CALENDAR_SYNC === "graph") {
      const missing = (key: string, value: unknown, also: string) => {
        if (!value) ctx.addIssue({ code: "custom", path: [key], message: `mangler, når CALENDAR_SYNC=graph (${also})` });
      };
      missing("GRAPH_TENANT_ID", graphCredentials[0], "eller BOT_TENANT_ID");
      missing("GRAPH_CLIENT_ID", graphCredentials[1], "eller BOT_ID");
      missing("GRAPH_CLIENT_SECRET", graphCredentials[2], "eller BOT_PASSWORD");
    }
    if (c.GUEST_LINK_MAIL === "graph" && c.CALENDAR_SYNC !== "graph") {
      ctx.addIssue({
        code: "custom",
        path: ["GUEST_LINK_MAIL"],
        message: "kan kun være graph, når CALENDAR_SYNC=graph (mailen sendes fra mødelederens postkasse gennem Microsoft Graph med samme adgang som kalenderen)",
      });
    }
    if (c.NODE_ENV === "production" && !c.GUEST_LINK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["GUEST_LINK_SECRET"], message: "mangler: i production starter botten ikke uden nøglen til gæstelinks (mindst 32 tilfældige tegn)" });
    }
    if (c.NODE_ENV === "production" && !hasId) {
      ctx.addIssue({
        code: "custom",
        path: ["BOT_ID"],
        message: "mangler: i production starter botten ikke uden bot-legitimation (BOT_ID, BOT_PASSWORD, BOT_TENANT_ID)",
      });
    }
  });

export type RawConfig = z.infer<typeof schema>;

/** Where the bot keeps its data when DATABASE_URL is not set (never in production). */
export const DEFAULT_DATABASE_URL = "file:./data/laeringsloop.db";

/**
 * In production the database is named: without DATABASE_URL the bot would write a SQLite file
 * inside its container, lost at every restart or redeploy. A `file:` URL is accepted only when
 * the operator says it lies on a persistent volume (DATABASE_FILE_IS_PERSISTENT=true).
 */
function productionDatabaseProblems(c: { DATABASE_URL?: string; DATABASE_FILE_IS_PERSISTENT: boolean }): { path: string[]; message: string }[] {
  if (!c.DATABASE_URL) {
    return [{ path: ["DATABASE_URL"], message: "mangler: i production skal databasen angives (postgresql://…, eller file:… på et vedvarende drev med DATABASE_FILE_IS_PERSISTENT=true); ellers ligger data i containeren og forsvinder ved genstart" }];
  }
  if (c.DATABASE_URL.startsWith("file:") && !c.DATABASE_FILE_IS_PERSISTENT) {
    return [{ path: ["DATABASE_FILE_IS_PERSISTENT"], message: "mangler: en SQLite-fil (DATABASE_URL=file:…) bruges kun i production, når den ligger på et vedvarende drev; sæt DATABASE_FILE_IS_PERSISTENT=true, når det er sådan, eller brug PostgreSQL" }];
  }
  return [];
}

export interface Config {
  env: RawConfig["NODE_ENV"];
  port: number;
  host: string;
  logLevel: RawConfig["LOG_LEVEL"];
  databaseUrl: string;
  /** PostgreSQL only: connections in this process's pool. */
  databasePoolSize: number;
  /** SQLite only: PRAGMA synchronous on the bot's connection. */
  sqliteSynchronous: RawConfig["SQLITE_SYNCHRONOUS"];
  /** Absent in local anonymous mode (development/test without credentials). */
  bot?: {
    appId: string;
    password?: string;
    type: RawConfig["BOT_TYPE"];
    tenantId?: string;
    openIdMetadataUrl?: string;
    /** Entra ID's address for the credential check's token request (no trailing slash). */
    loginUrl: string;
    /** The client secret's expiry date (YYYY-MM-DD), when the operator gave it. */
    secretExpires?: string;
  };
  /** Tenants whose activities are served (empty: any, only in local anonymous mode). */
  allowedTenants: string[];
  /** Hosts proactive sends may go to; loopback is added outside production (Playground, tests). */
  serviceUrlHosts: string[];
  anonymous: boolean;
  orgFile?: string;
  timezone: string;
  workingHours: { start: string; end: string; workdays: number[]; closedDays: string[]; closedPeriods: string[] };
  /** Minutes kept free between two meetings of a person in the bot's proposals. */
  meetingBufferMinutes: number;
  meetingPackLeadDays: number;
  /** Days after closing that the chair may reopen a meeting (0: not at all). */
  meetingReopenDays: number;
  /** A 1:1's referat is approved by its leader (REFERAT_APPROVAL_ONE_TO_ONE; off: no approval). */
  referatApprovalOneToOne: boolean;
  followUpDueSoonDays: number;
  /** Folder of the meeting templates; the shipped `config/templates` when unset. */
  templatesDir?: string;
  boardStatementDays: number;
  intentionCeiling: number;
  /** `cron`: the outbox tick; `digestCron`: when the weekly overviews are planned; `leaseMs`: how long a claimed row is held. */
  scheduler: { enabled: boolean; cron: string; digestCron: string; calendarReadBackCron: string; leaseMs: number; jobLeaseMs: number };
  maxTextLength: number;
  /** Commands and card clicks one person may send per minute. */
  userActionsPerMinute: number;
  /** How much /api/messages takes on at once, and how long a click may wait (src/teams/admission.ts). */
  admission: { concurrency: number; maxQueue: number; maxWaitMs: number };
  /** How long an attempt's claim on an activity lasts unless renewed (renewed every third of it while it runs). */
  activityLeaseMs: number;
  /** Deadline for each outbound call to Microsoft's services. */
  outboundTimeoutMs: number;
  /** How long reflections and minutes are kept after their loop ends, and when the job runs. */
  retention: { monthsAfterLoop: number; cron: string };
  /** When the weekly digest goes to the chiefs' channels. */
  channelDigest: { weekday: number; time: string };
  /** Where the bot is reached from outside (download links); the local address when unset. */
  publicUrl: string;
  /**
   * People outside Teams' links (docs/decisions/0025): `secret` derives the tokens; `days` after the
   * meeting's end a link stops working. `developmentSecret`: no GUEST_LINK_SECRET was set, a fixed
   * development-only key is used (never in production: config refuses to start there).
   */
  guestLinks: { secret: string; days: number; developmentSecret: boolean };
  /** Microsoft Graph, when its credentials are known (GRAPH_* or the bot's own); used by the features that are switched on. */
  graph?: GraphSettings;
  /** PROACTIVE_INSTALL=on: the bot installs itself through Graph for people it cannot reach. */
  proactiveInstall?: { catalogAppId: string; serviceUrl: string };
  /**
   * CALENDAR_SYNC: `link` puts «Føj til kalender» (a Teams deep link, an .ics file) on the meeting
   * cards (docs/decisions/0017-calendar-link.md); `graph` keeps each meeting as an event in its
   * chair's calendar through Graph, with the cards as in `link` (docs/decisions/0018-calendar-graph.md);
   * `off` says nothing about calendars.
   */
  calendarSync: "link" | "graph" | "off";
  /**
   * GUEST_LINK_MAIL: `graph` lets the chair e-mail a guest their link from the chair's own mailbox
   * through Graph (Mail.Send; only with CALENDAR_SYNC=graph); `off` (the default): the chair copies it.
   */
  guestLinkMail: "off" | "graph";
}

export interface GraphSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Graph's address with its version, e.g. https://graph.microsoft.com/v1.0. */
  baseUrl: string;
  /** Entra ID's address, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfiguration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** A line of an env file: `KEY=value` (optionally `export KEY=value`), a comment or blank. */
const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * The settings in an env file (`.env`), parsed as Node parses `--env-file` (`util.parseEnv`), or
 * undefined when there is none. Node's parser skips what it does not understand without a word
 * (a line without `=` even becomes part of the next key), so each line is checked first: a line
 * that is not `KEY=value`, a comment or blank is an error naming the file and the line (never its
 * content: it may hold a password).
 */
export function readEnvFile(file: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError([`${file}: kan ikke læses (${(err as NodeJS.ErrnoException).code ?? "ukendt fejl"})`]);
  }
  // Editors on Windows may start the file with a byte-order mark; Node's parser would take it into the first key.
  text = text.replace(/^\uFEFF/, "");
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = ENV_LINE.exec(line);
    if (!m) {
      problems.push(`${file}, linje ${i + 1}: ikke på formen NØGLE=værdi`);
      continue;
    }
    // A quoted value may run over several lines: skip to its closing quote.
    const value = m[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && value.indexOf(quote, 1) === -1) {
      const end = lines.findIndex((l, j) => j > i && l.includes(quote));
      if (end === -1) {
        problems.push(`${file}, linje ${i + 1}: værdien mangler sit afsluttende ${quote}`);
        break;
      }
      i = end;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parseEnv(text) as Record<string, string>;
}

/**
 * The environment with the env file's settings under it: a key set (not empty) in the environment
 * wins over the file. Returns where each value came from, for the error messages.
 */
export function withEnvFile(env: Env, file: string): { env: Env; fromFile: Set<string> } {
  const values = readEnvFile(file) ?? {};
  const fromFile = new Set(Object.keys(values).filter((k) => env[k] === undefined || env[k] === ""));
  return { env: { ...env, ...Object.fromEntries([...fromFile].map((k) => [k, values[k]])) }, fromFile };
}

/** The environment to validate (empty strings mean "not set"), and where each value came from. */
function gather(env: Env | undefined, opts: { envFile?: string }): { values: Record<string, string>; source: (key: string | number | undefined) => string } {
  const file = opts.envFile ?? (env === undefined ? ".env" : undefined);
  const merged = file ? withEnvFile(env ?? process.env, file) : { env: env ?? process.env, fromFile: new Set<string>() };
  const values = Object.fromEntries(Object.entries(merged.env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
  return { values, source: (key) => (typeof key === "string" && merged.fromFile.has(key) ? ` (fra ${file})` : "") };
}

const configError = (issues: { path: (string | number)[]; message: string }[], source: (key: string | number | undefined) => string) =>
  new ConfigError(issues.map((i) => `${i.path.join(".") || "(config)"}${source(i.path[0])}: ${i.message}`));

/**
 * Reads and validates all settings; throws one ConfigError naming every bad key.
 * Without arguments: the process's environment over the `.env` file in the working directory
 * (if there is one), so `npm start` and every `npm run` script read the same settings. Given an
 * environment (tests, benchmarks), only that, unless `envFile` names a file to read under it.
 */
export function loadConfig(env?: Env, opts: { envFile?: string } = {}): Config {
  const { values, source } = gather(env, opts);
  const parsed = schema.safeParse(values, { errorMap: danish });
  if (!parsed.success) throw configError(parsed.error.issues, source);
  return toConfig(parsed.data);
}

export type ConfigKey = keyof Fields;

/**
 * The settings an administrator's command reads (npm run status, audit, export, gdpr:*,
 * org:import), and only those: every other key is neither required nor checked, so the command
 * runs from the administrator's own machine with DATABASE_URL (and what else it names), without
 * the bot's credentials or the rest of production's settings, also with NODE_ENV=production set.
 * Keys not named get their defaults in the Config returned; the command must not use them.
 */
export function loadConfigOf(keys: readonly ConfigKey[], env?: Env, opts: { envFile?: string } = {}): Config {
  const { values, source } = gather(env, opts);
  const picked = fields.pick(Object.fromEntries(keys.map((k) => [k, true])) as { [K in ConfigKey]?: true });
  const parsed = picked.safeParse(values, { errorMap: danish });
  if (!parsed.success) throw configError(parsed.error.issues, source);
  const c = { ...fields.parse({}), ...(parsed.data as Partial<Fields>) } as Fields;
  if (keys.includes("WORKDAY_START") || keys.includes("WORKDAY_END")) {
    const problems = workdayProblems(c);
    if (problems.length > 0) throw configError(problems, source);
  }
  return toConfig(c);
}

function toConfig(c: Fields): Config {
  const anonymous = !c.BOT_ID;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    // Anonymous mode accepts unauthenticated requests, so it only ever listens on loopback.
    host: anonymous ? "127.0.0.1" : (c.HOST ?? "0.0.0.0"),
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    sqliteSynchronous: c.SQLITE_SYNCHRONOUS,
    bot: c.BOT_ID
      ? {
          appId: c.BOT_ID,
          password: c.BOT_PASSWORD,
          type: c.BOT_TYPE,
          tenantId: c.BOT_TENANT_ID,
          openIdMetadataUrl: c.BOT_OPENID_METADATA_URL,
          loginUrl: c.BOT_LOGIN_URL.replace(/\/+$/, ""),
          secretExpires: c.BOT_SECRET_EXPIRES,
        }
      : undefined,
    allowedTenants: [...new Set([...(c.BOT_TENANT_ID ? [c.BOT_TENANT_ID.toLowerCase()] : []), ...c.ALLOWED_TENANTS])],
    serviceUrlHosts: serviceUrlHosts(c),
    anonymous,
    orgFile: c.ORG_FILE,
    timezone: c.TIMEZONE,
    workingHours: { start: c.WORKDAY_START, end: c.WORKDAY_END, workdays: c.WORKDAYS, closedDays: c.CLOSED_DAYS, closedPeriods: c.CLOSED_PERIODS },
    meetingBufferMinutes: c.MEETING_BUFFER_MINUTES,
    meetingPackLeadDays: c.MEETING_PACK_LEAD_DAYS,
    meetingReopenDays: c.MEETING_REOPEN_DAYS,
    referatApprovalOneToOne: c.REFERAT_APPROVAL_ONE_TO_ONE,
    followUpDueSoonDays: c.FOLLOWUP_DUE_SOON_DAYS,
    templatesDir: c.TEMPLATES_DIR,
    boardStatementDays: c.BOARD_STATEMENT_DAYS,
    intentionCeiling: c.INTENTION_CEILING,
    scheduler: { enabled: c.SCHEDULER_ENABLED, cron: c.SCHEDULER_CRON, digestCron: c.DIGEST_CRON, calendarReadBackCron: c.CALENDAR_READBACK_CRON, leaseMs: c.OUTBOX_LEASE_SECONDS * 1000, jobLeaseMs: c.JOB_LEASE_SECONDS * 1000 },
    maxTextLength: c.MAX_TEXT_LENGTH,
    userActionsPerMinute: c.USER_ACTIONS_PER_MINUTE,
    admission: { concurrency: c.ADMISSION_CONCURRENCY, maxQueue: c.ADMISSION_QUEUE, maxWaitMs: c.ADMISSION_WAIT_MS },
    activityLeaseMs: c.ACTIVITY_LEASE_SECONDS * 1000,
    outboundTimeoutMs: c.OUTBOUND_TIMEOUT_SECONDS * 1000,
    retention: { monthsAfterLoop: c.RETENTION_MONTHS_AFTER_LOOP, cron: c.RETENTION_CRON },
    channelDigest: { weekday: c.CHANNEL_DIGEST_DAY, time: c.CHANNEL_DIGEST_TIME },
    publicUrl: (c.PUBLIC_URL ?? `http://127.0.0.1:${c.PORT}`).replace(/\/+$/, ""),
    guestLinks: { secret: c.GUEST_LINK_SECRET ?? DEVELOPMENT_GUEST_LINK_SECRET, days: c.GUEST_LINK_DAYS, developmentSecret: !c.GUEST_LINK_SECRET },
    calendarSync: c.CALENDAR_SYNC,
    guestLinkMail: c.GUEST_LINK_MAIL,
    ...graphSettings(c),
  };
}

/** Outside production without GUEST_LINK_SECRET: known to everyone who reads this file, so only for development and tests. */
const DEVELOPMENT_GUEST_LINK_SECRET = "development-only-guest-link-secret-not-for-production";

/** The hosts proactive sends may go to: the configured ones, and loopback outside production (Playground, tests). */
function serviceUrlHosts(c: Pick<RawConfig, "NODE_ENV" | "SERVICE_URL_HOSTS">): string[] {
  return c.NODE_ENV === "production" ? c.SERVICE_URL_HOSTS : [...c.SERVICE_URL_HOSTS, "localhost", "127.0.0.1", "[::1]"];
}

/** Graph's settings when its credentials are known, and proactive installation when switched on. */
function graphSettings(c: RawConfig): Pick<Config, "graph" | "proactiveInstall"> {
  const tenantId = c.GRAPH_TENANT_ID ?? c.BOT_TENANT_ID;
  const clientId = c.GRAPH_CLIENT_ID ?? c.BOT_ID;
  const clientSecret = c.GRAPH_CLIENT_SECRET ?? c.BOT_PASSWORD;
  const graph =
    tenantId && clientId && clientSecret
      ? { tenantId, clientId, clientSecret, baseUrl: c.GRAPH_BASE_URL.replace(/\/+$/, ""), authorityHost: c.GRAPH_AUTHORITY_HOST.replace(/\/+$/, "") }
      : undefined;
  const proactiveInstall = c.PROACTIVE_INSTALL === "on" && graph && c.TEAMS_CATALOG_APP_ID ? { catalogAppId: c.TEAMS_CATALOG_APP_ID.toLowerCase(), serviceUrl: c.PROACTIVE_SERVICE_URL } : undefined;
  return { graph, proactiveInstall };
}
