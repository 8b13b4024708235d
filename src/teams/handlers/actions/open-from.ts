import type { AdaptiveCard } from "../../../cards/template.js";
import type { TeamsDeps } from "../../deps.js";
import type { Turn } from "../../turn.js";
import { postCard } from "../../turn.js";
import type { Views } from "../../views.js";

/**
 * "Open" buttons on a list or an agenda post the opened card as a new message (a tracked copy,
 * kept up to date like any other) and leave the card they were pressed on as it was
 * (re-rendered from current state).
 */
export async function openBeside(deps: TeamsDeps, turn: Turn, views: Views, opened: AdaptiveCard, data: { meetingId: string; from?: "meetings" | "agenda" }): Promise<AdaptiveCard> {
  await postCard(deps, turn, opened);
  return data.from === "agenda" ? views.agenda(turn.actor, data.meetingId) : views.meetings(turn.actor);
}
