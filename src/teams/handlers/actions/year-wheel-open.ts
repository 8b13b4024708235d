import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, pickedId } from "./schemas.js";

/**
 * The card's pickers: «Vis enhed» (pick: true) shows another of the chief's units; «Vis møderne»
 * (unitId) lists the 1:1s of the chosen pædagogisk leder when not all of them fit the card.
 */
const schema = z.object({ pick: z.boolean().optional(), showUnitId: pickedId, unitId: id.optional(), showPersonId: pickedId }).passthrough();

export const yearWheelOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.yearWheelOpen, schema, (t, data) => {
    const unitId = data.pick || !data.unitId ? (data.showUnitId ?? data.unitId) : data.unitId;
    return views.yearWheel(t.actor, unitId, { showPersonId: unitId === data.unitId ? data.showPersonId : undefined });
  });
