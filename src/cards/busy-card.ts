import { strings } from "../lib/strings.da.js";
import { expand, type AdaptiveCard } from "./template.js";

/** The click a refused request came from: its verb and data (the card's data with the inputs, as Teams sent them). */
export interface RetryClick {
  verb: string;
  data: Record<string, unknown>;
}

export interface BusyCardData {
  text: string;
  hint: string;
}

export const busyCardData = (retry: boolean): BusyCardData => ({
  text: strings.overload.busy,
  hint: retry ? strings.overload.notSaved : strings.overload.notSavedNoRetry,
});

/**
 * The answer to a click refused because the bot is overloaded (docs/decisions/0032-overload.md).
 * It replaces the clicked card for the person who clicked, so «Prøv igen» sends the same click
 * again: the same verb and the same data, inputs included. The data is put on the button as it
 * came, not through the template: it is the click's own data, never shown.
 */
export function buildBusyCard(retry: RetryClick | undefined): AdaptiveCard {
  const card = expand("busy", busyCardData(retry !== undefined));
  if (retry) card.actions = [{ type: "Action.Execute", title: strings.overload.retry, verb: retry.verb, data: retry.data }];
  return card;
}
