import { questionInputId } from "../../../cards/reflection-card.js";
import { text } from "./schemas.js";

/**
 * The guide's inputs as typed, by question id (inputs are named q_<id>; Teams sends every input of
 * the card with any of its buttons). The domain checks them against the template.
 */
export function answersFrom(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = questionInputId("");
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(prefix) || key.length > 60) continue;
    const v = text.safeParse(value ?? "");
    out[key.slice(prefix.length)] = v.success ? v.data : "";
  }
  return out;
}
