import type { AdaptiveCard } from "../../../cards/template.js";
import type { Turn } from "../../turn.js";
import { postCard } from "../../turn.js";
import type { Views } from "../../views.js";

/**
 * "Open" buttons on a list or an agenda post the opened card as a new message and leave the
 * card they were pressed on as it was (re-rendered from current state).
 */
export async function openBeside(turn: Turn, views: Views, opened: AdaptiveCard, data: { meetingId: string; from?: "meetings" | "agenda" }): Promise<AdaptiveCard> {
  await postCard(turn.context, opened);
  return data.from === "agenda" ? views.agenda(turn.actor, data.meetingId) : views.meetings(turn.actor);
}
