import type { Application } from "@microsoft/teams-ai";
import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { help } from "./help.js";
import { myMeetings } from "./my-meetings.js";
import { myTasks } from "./my-tasks.js";
import { reassign } from "./reassign.js";
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
  help: whole("hjælp|hjaelp|help|\\?"),
  greeting: whole("(?:hej(?:sa)?|hey|hi|hello|hallo|halløj|goddag|god ?morgen|god ?eftermiddag|dav|davs|morn)(?:\\s+(?:med dig|igen|læringsloop|laeringsloop))?"),
  schedule: whole("planl(?:æ|ae)g(?:\\s+(?:en\\s+)?1:1)?"),
  myTasks: whole("mine\\s+opgaver"),
  myMeetings: whole("mine\\s+m(?:ø|oe)der"),
  yearWheel: whole("(?:å|aa)rshjul(?:et)?|year\\s*wheel"),
  reassign: whole("giv\\s+videre"),
  preferences: whole("indstillinger|p(?:å|aa)mindelser"),
  absence: absencePattern,
  channelFollow: whole("f(?:ø|oe)lg\\s+omr(?:å|aa)de|overblik"),
  /** Local anonymous mode only: what would go by the end of the next working day goes now. */
  sendNow: whole("send\\s+nu"),
};

export function register(app: Application, deps: TeamsDeps, views: Views): void {
  app.message(commandPatterns.help, help(deps, views));
  app.message(commandPatterns.greeting, greeting(deps, views));
  app.message(commandPatterns.schedule, schedule(deps, views));
  app.message(commandPatterns.myTasks, myTasks(deps, views));
  app.message(commandPatterns.myMeetings, myMeetings(deps, views));
  app.message(commandPatterns.yearWheel, yearWheel(deps, views));
  app.message(commandPatterns.reassign, reassign(deps, views));
  app.message(commandPatterns.preferences, preferences(deps, views));
  app.message(commandPatterns.absence, absence(deps));
  app.message(commandPatterns.channelFollow, channelFollow(deps, views));
  // For trying the bot on an evening or a weekend; never with bot credentials (offersSendNow).
  if (offersSendNow(deps.config)) app.message(commandPatterns.sendNow, sendNow(deps));
  // Catch-all last: routes match in registration order.
  app.activity("message", unknown(deps));
}
