import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import { formatDateTime } from "../../../lib/format-da.js";
import { zonedToUtc } from "../../../lib/zoned-time.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, localDate, version, pickedId } from "./schemas.js";

const schema = z.object({
  unitId: id,
  version,
  entryId: z.string().max(100).optional().default(""),
  date: localDate.optional().default(""),
  time: z.string().max(10).optional().default(""),
  showPersonId: pickedId,
});

export const yearWheelMove = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.yearWheelMove,
    schema,
    async (t, data) => {
      const time = data.time.slice(0, 5);
      const { effects, warning } = await deps.yearWheels.move(t.actor, data.unitId, data.version, data.entryId, data.date, time);
      const when = formatDateTime(zonedToUtc(data.date, time, deps.config.timezone), deps.config.timezone);
      return answer(await views.yearWheel(t.actor, data.unitId, { feedback: { notice: strings.yearWheel.moved(when), warning }, showPersonId: data.showPersonId }), effects);
    },
    (t, data, err) =>
      views.yearWheel(t.actor, data.unitId, {
        showPersonId: data.showPersonId,
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        typed: err.code === "invalid-input" ? { entryId: data.entryId, date: data.date, time: data.time.slice(0, 5) } : undefined,
      }),
  );
