import type { Application } from "@microsoft/teams-ai";
import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { help } from "./help.js";
import { myMeetings } from "./my-meetings.js";
import { myTasks } from "./my-tasks.js";
import { reassign } from "./reassign.js";
import { schedule } from "./schedule.js";
import { unknown } from "./unknown.js";
import { yearWheel } from "./year-wheel.js";
import { absence, absencePattern } from "./absence.js";
import { preferences } from "./preferences.js";
import { channelFollow } from "./channel-follow.js";
import { offersSendNow, sendNow } from "./send-now.js";

/** Commands match whole messages, case-insensitively (teams-ai's string match is a substring match). */
export const commandPatterns = {
  help: /^\s*(hjælp|hjaelp|help|\?)\s*$/i,
  schedule: /^\s*planl(æ|ae)g(\s+(en\s+)?1:1)?\s*$/i,
  myTasks: /^\s*mine\s+opgaver\s*$/i,
  myMeetings: /^\s*mine\s+m(ø|oe)der\s*$/i,
  yearWheel: /^\s*((å|aa)rshjul(et)?|year\s*wheel)\s*$/i,
  reassign: /^\s*giv\s+videre\s*$/i,
  preferences: /^\s*(indstillinger|p(å|aa)mindelser)\s*$/i,
  absence: absencePattern,
  /** In a channel the message starts with the bot's mention. */
  channelFollow: /^\s*(?:<at>[^<]*<\/at>\s*)?(f(ø|oe)lg\s+omr(å|aa)de|overblik)\s*$/i,
  /** Local anonymous mode only: what would go by the end of the next working day goes now. */
  sendNow: /^\s*send\s+nu\s*$/i,
};

export function register(app: Application, deps: TeamsDeps, views: Views): void {
  app.message(commandPatterns.help, help(deps, views));
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
