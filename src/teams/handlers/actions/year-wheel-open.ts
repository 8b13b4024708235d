import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

/** Shows the årshjul of another of the chief's units (the card's unit picker). */
const schema = z.object({ showUnitId: id.optional(), unitId: id.optional() }).passthrough();

export const yearWheelOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.yearWheelOpen, schema, (t, data) => views.yearWheel(t.actor, data.showUnitId ?? data.unitId));
