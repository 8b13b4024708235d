import type { Application } from "@microsoft/teams-ai";
import type { TurnContext } from "botbuilder";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { ALL_SCOPES, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";
import { help } from "./help.js";
import { myMeetings } from "./my-meetings.js";
import { myTasks } from "./my-tasks.js";
import { reassign } from "./reassign.js";
import { initiatives } from "./initiatives.js";
import { schedule } from "./schedule.js";
import { unknown } from "./unknown.js";
import { greeting } from "./greeting.js";
import { yearWheel } from "./year-wheel.js";
import { absence, absencePattern } from "./absence.js";
import { preferences } from "./preferences.js";
import { channelFollow } from "./channel-follow.js";
import { offersSendNow, sendNow } from "./send-now.js";

/**
 * A whole message, case-insensitively, forgiving the punctuation after it («Hjælp!», «mine
 * opgaver.») and the bot's mention before it (in a channel Teams puts «<at>Læringsloop</at>»
 * first). Anchored: teams-ai's string match is a substring match, and «hjælp mig med …» is no
 * command.
 */
const whole = (body: string): RegExp => new RegExp(`^\\s*(?:<at>[^<]*<\\/at>\\s*)?(?:${body})[\\s!?.]*$`, "i");

/** Commands match whole messages; near misses get a suggestion from the catch-all (unknown.ts). */
export const commandPatterns = {
  channelFollow: whole("f(?:ø|oe)lg\\s+omr(?:å|aa)de|overblik"),
  help: whole("hjælp|hjaelp|help|\\?"),
  greeting: whole("(?:hej(?:sa)?|hey|hi|hello|hallo|halløj|goddag|god ?morgen|god ?eftermiddag|dav|davs|morn)(?:\\s+(?:med dig|igen|læringsloop|laeringsloop))?"),
  schedule: whole("planl(?:æ|ae)g(?:\\s+(?:en\\s+)?1:1)?"),
  myTasks: whole("mine\\s+opgaver"),
  myMeetings: whole("mine\\s+m(?:ø|oe)der"),
  yearWheel: whole("(?:å|aa)rshjul(?:et)?|year\\s*wheel"),
  reassign: whole("giv\\s+videre"),
  initiatives: whole("(?:forvaltningens\\s+)?indsatser"),
  preferences: whole("indstillinger|p(?:å|aa)mindelser"),
  absence: absencePattern,
  /** Local anonymous mode only: what would go by the end of the next working day goes now. */
  sendNow: whole("send\\s+nu"),
};

export type CommandName = keyof typeof commandPatterns;

type CommandHandler = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => (context: TurnContext) => Promise<void>;

export interface CommandEntry {
  handler: CommandHandler;
  /**
   * Where it does its work. Elsewhere it answers where to go instead (the personal chat, or a
   * team's channel); Teams' command menu offers it only here.
   */
  scopes: readonly CommandScope[];
  /** In Teams' command menu (the manifest's commandLists) in its scopes, with this title and description. */
  menu?: { title: string; description: string };
  /** Registered only where this holds. */
  offeredWhen?: (config: TeamsDeps["config"]) => boolean;
}

const PERSONAL: readonly CommandScope[] = ["personal"];
const menu = strings.manifestCommands;

/**
 * Every command: where it works and what Teams' menu shows for it. The one place that says so:
 * the handlers' «only in the personal chat» answers and the app package's command lists
 * (`manifestCommandLists`, used by `npm run package`; test/app-package.test.ts compares
 * appPackage/manifest.json with it) both come from here. In registration order, which is also
 * the menus' order (teams-ai: the first matching route wins; these patterns do not overlap).
 */
export const commandRegistry: Record<CommandName, CommandEntry> = {
  channelFollow: { handler: channelFollow, scopes: ["team"], menu: menu.channelFollow },
  help: { handler: help, scopes: ALL_SCOPES, menu: menu.help },
  greeting: { handler: greeting, scopes: ALL_SCOPES },
  schedule: { handler: schedule, scopes: PERSONAL, menu: menu.schedule },
  myMeetings: { handler: myMeetings, scopes: PERSONAL, menu: menu.myMeetings },
  myTasks: { handler: myTasks, scopes: PERSONAL, menu: menu.myTasks },
  yearWheel: { handler: yearWheel, scopes: PERSONAL, menu: menu.yearWheel },
  reassign: { handler: reassign, scopes: PERSONAL, menu: menu.reassign },
  initiatives: { handler: initiatives, scopes: PERSONAL, menu: menu.initiatives },
  preferences: { handler: preferences, scopes: PERSONAL, menu: menu.preferences },
  absence: { handler: absence, scopes: PERSONAL, menu: menu.absence },
  // For trying the bot on an evening or a weekend; never with bot credentials (offersSendNow).
  sendNow: { handler: sendNow, scopes: PERSONAL, offeredWhen: offersSendNow },
};

/** The manifest's `bots[].commandLists`: per scope, the commands that work there. */
export function manifestCommandLists(): { scopes: CommandScope[]; commands: { title: string; description: string }[] }[] {
  return ALL_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: Object.values(commandRegistry).flatMap((c) => (c.menu && c.scopes.includes(scope) ? [c.menu] : [])),
  })).filter((list) => list.commands.length > 0);
}

export function register(app: Application, deps: TeamsDeps, views: Views): void {
  for (const [name, entry] of Object.entries(commandRegistry) as [CommandName, CommandEntry][]) {
    if (entry.offeredWhen && !entry.offeredWhen(deps.config)) continue;
    app.message(commandPatterns[name], entry.handler(deps, views, entry.scopes));
  }
  // Catch-all last: routes match in registration order.
  app.activity("message", unknown(deps, views, ALL_SCOPES));
}
