import { isMarkup, joinMarkup, type CardText } from "../lib/markup.js";

/** What a card tells the person about their last action: a success notice, or what was wrong. */
export interface CardFeedback {
  notice?: CardText;
  /** Done, but with something to mind (a meeting planned in a closed period). */
  warning?: CardText;
  error?: CardText;
  fieldErrors?: Record<string, string>;
}

export const fieldError = (f: CardFeedback | undefined, key: string): string => f?.fieldErrors?.[key] ?? "";

/** A text cut to `max` characters with an ellipsis, for read-only display only. */
export const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Initials as the minutes use them: "Ole Kjær Jensen" → "OKJ". */
export const initials = (name: string): string =>
  name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join("");

/** For cards without a place per field: the heading and every field message in one line. */
export function errorLine(f: CardFeedback | undefined): CardText {
  const parts = [f?.error ?? "", ...Object.values(f?.fieldErrors ?? {})].filter((t) => t !== "");
  return parts.some(isMarkup) ? joinMarkup(parts, " ") : parts.join(" ");
}
