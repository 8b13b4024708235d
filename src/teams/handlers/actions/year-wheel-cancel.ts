import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import { formatDateTime } from "../../../lib/format-da.js";
import { zonedToUtc } from "../../../lib/zoned-time.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, pickedId } from "./schemas.js";

const schema = z.object({ unitId: id, cancelEntryId: z.string().max(100).optional().default(""), showPersonId: pickedId });

/** «Aflys mødet» in the årshjul: the one who holds the chosen meeting cancels it; the others are told. */
export const yearWheelCancel = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.yearWheelCancel,
    schema,
    async (t, data) => {
      const { view, effects } = await deps.yearWheels.cancel(t.actor, data.unitId, data.cancelEntryId);
      const entry = view.wheel.entries.find((e) => e.id === data.cancelEntryId)!;
      const notice = strings.yearWheel.cancelledDone(formatDateTime(zonedToUtc(entry.date, entry.time, deps.config.timezone), deps.config.timezone));
      return answer(await views.yearWheel(t.actor, data.unitId, { feedback: { notice }, showPersonId: data.showPersonId }), effects);
    },
    (t, data, err) => views.yearWheel(t.actor, data.unitId, { feedback: { error: err.text, fieldErrors: err.fieldErrors }, showPersonId: data.showPersonId }),
  );
