import { strings } from "../lib/strings.da.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface WelcomeCardData {
  title: string;
  body: string;
  next: string;
  helpButton: string;
}

export function buildWelcomeCard(): AdaptiveCard {
  const s = strings.welcome;
  const data: WelcomeCardData = { title: s.title, body: s.body, next: s.next, helpButton: strings.help.title };
  return expand("welcome", data);
}
