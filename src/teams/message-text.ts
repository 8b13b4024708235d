import type { TurnContext } from "botbuilder";
import { normaliseText } from "../lib/text.js";

/**
 * A message's text, normalised as every text a person types is (NFC, no control or invisible
 * characters that carry nothing, trimmed) before the commands are matched and parsed: «hjælp» followed by a zero-width space
 * with a zero-width space is «hjælp», and no command sees a NUL. Runs before every route.
 */
export async function normaliseMessageText(context: TurnContext): Promise<boolean> {
  const a = context.activity;
  if (a.type === "message" && typeof a.text === "string") a.text = normaliseText(a.text);
  return true;
}
