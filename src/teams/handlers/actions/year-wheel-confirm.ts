import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, version, pickedId } from "./schemas.js";

const schema = z.object({ unitId: id, version, showPersonId: pickedId });

/** «Godkend årshjul»: the meetings are created and start driving packs and reminders. */
export const yearWheelConfirm = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.yearWheelConfirm,
    schema,
    async (t, data) => {
      const { created, effects } = await deps.yearWheels.confirm(t.actor, data.unitId, data.version);
      return answer(await views.yearWheel(t.actor, data.unitId, { feedback: { notice: strings.yearWheel.confirmed(created) }, showPersonId: data.showPersonId }), effects);
    },
    (t, data, err) => views.yearWheel(t.actor, data.unitId, { feedback: { error: err.text, fieldErrors: err.fieldErrors }, showPersonId: data.showPersonId }),
  );
