import { strings } from "../lib/strings.da.js";
import type { CardText } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface WelcomeCardData {
  title: string;
  body: string;
  next: CardText;
  helpButton: string;
}

export function welcomeCardData(): WelcomeCardData {
  const s = strings.welcome;
  const data: WelcomeCardData = { title: s.title, body: s.body, next: s.next, helpButton: strings.help.title };
  return data;
}

export const buildWelcomeCard = (): AdaptiveCard => expand("welcome", welcomeCardData());
