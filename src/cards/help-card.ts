import { strings } from "../lib/strings.da.js";
import type { CardText } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface HelpCardData {
  title: string;
  intro: string;
  commands: { command: string; text: CardText }[];
  privacy: string;
  showSchedule: boolean;
  scheduleButton: string;
  meetingsButton: string;
  tasksButton: string;
}

/** `isChief` shows the schedule button; everyone sees the full command list. */
export function helpCardData(isChief: boolean): HelpCardData {
  const s = strings.help;
  const data: HelpCardData = {
    title: s.title,
    intro: s.intro,
    commands: s.commands.map((c) => ({ ...c })),
    privacy: s.privacy,
    showSchedule: isChief,
    scheduleButton: s.scheduleButton,
    meetingsButton: s.meetingsButton,
    tasksButton: s.tasksButton,
  };
  return data;
}

export const buildHelpCard = (isChief: boolean): AdaptiveCard => expand("help", helpCardData(isChief));
