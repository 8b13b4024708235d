import type { Audience } from "../domain/people-service.js";
import { strings } from "../lib/strings.da.js";
import type { CardText } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

/** The commands a person can type, by the name the help card and the suggestions use. */
export type CommandId = keyof Omit<typeof strings.help.commands, "myMeetingsChair" | "scheduleLeader" | "yearWheelLeader">;

/**
 * Only what the person can use: hand-over and channel are the chief's; planning and the year
 * wheel are the chief's and the unit leader's (their own 1:1s with the pædagogiske ledere).
 */
export function commandsFor(audience: Audience): CommandId[] {
  const everyone: CommandId[] = ["myMeetings", "myTasks", "preferences", "absence", "help"];
  if (audience === "chief") return ["schedule", "yearWheel", "reassign", "initiatives", "myMeetings", "myTasks", "channelFollow", "preferences", "absence", "help"];
  if (audience === "leader") return ["schedule", "yearWheel", ...everyone];
  return everyone;
}

/** The help text of a command for this audience: the leader plans her own 1:1s, the chief the units'. */
function commandText(id: CommandId, audience: Audience, chairs: boolean) {
  const c = strings.help.commands;
  if (id === "myMeetings" && chairs) return c.myMeetingsChair;
  if (audience === "leader" && id === "schedule") return c.scheduleLeader;
  if (audience === "leader" && id === "yearWheel") return c.yearWheelLeader;
  return c[id];
}

export interface HelpCardData {
  title: string;
  lead: string;
  intro: string;
  commands: { command: string; text: CardText }[];
  privacy: string;
  showSchedule: boolean;
  scheduleButton: string;
  meetingsButton: string;
  tasksButton: string;
}

export interface HelpCardInput {
  audience: Audience;
  /** Set when the person said hello: the card greets them by this first name. */
  greet?: string;
}

/** What the person can do, in their role; as a greeting when they said hello. */
export function helpCardData({ audience, greet }: HelpCardInput): HelpCardData {
  const s = strings.help;
  // Chiefs and leaders hold meetings themselves, so their meetings list has the opfølgningsskema.
  const chairs = audience === "chief" || audience === "leader";
  const data: HelpCardData = {
    title: greet !== undefined ? s.greeting(greet) : s.title,
    lead: s.roleIntro[audience],
    intro: s.intro,
    commands: commandsFor(audience).map((id) => ({ ...commandText(id, audience, chairs) })),
    privacy: s.privacy,
    showSchedule: audience === "chief" || audience === "leader",
    scheduleButton: s.scheduleButton,
    meetingsButton: s.meetingsButton,
    tasksButton: s.tasksButton,
  };
  return data;
}

export const buildHelpCard = (input: HelpCardInput): AdaptiveCard => expand("help", helpCardData(input));
