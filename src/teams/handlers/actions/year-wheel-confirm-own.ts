import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, pickedId } from "./schemas.js";

const schema = z.object({ unitId: id, showPersonId: pickedId });

/** «Opret mine 1:1»: the unit's leader makes their own 1:1s with the pædagogiske ledere into meetings. */
export const yearWheelConfirmOwn = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.yearWheelConfirmOwn,
    schema,
    async (t, data) => {
      const { created, effects } = await deps.yearWheels.confirmOwn(t.actor, data.unitId);
      return answer(await views.yearWheel(t.actor, data.unitId, { feedback: { notice: strings.yearWheel.confirmedOwn(created) }, showPersonId: data.showPersonId }), effects);
    },
    (t, data, err) => views.yearWheel(t.actor, data.unitId, { feedback: { error: err.text, fieldErrors: err.fieldErrors }, showPersonId: data.showPersonId }),
  );
