import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { REMINDER_GROUP_NAMES } from "../../../domain/reminder-preferences.js";
import { strings } from "../../../lib/strings.da.js";
import { groupInput } from "../../../cards/preferences-card.js";
import { localDate } from "./schemas.js";

/** A toggle arrives as its valueOn/valueOff; a client that leaves it out means «on» (nothing turned off). */
const toggle = z.enum(["on", "off"]).optional();
const schema = z
  .object({
    digestTime: z.string().max(10).optional().transform((v) => v || undefined),
    absentUntil: localDate.optional().transform((v) => v || undefined),
    ...Object.fromEntries(REMINDER_GROUP_NAMES.map((g) => [groupInput(g), toggle])),
  })
  .passthrough();

/**
 * Saves the settings card. It only ever changes the clicker's own settings: nothing in the data
 * names a person, so nobody (a chief included) can turn off someone else's reminders.
 */
export const preferencesSave = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.preferencesSave,
    schema,
    async (t, data) => {
      const { effects } = await deps.preferences.save(t.actor, typedOf(data));
      return answer(await views.preferences(t.actor, { feedback: { notice: strings.preferences.saved } }), effects);
    },
    (t, data, err) => views.preferences(t.actor, { feedback: { error: err.text, fieldErrors: err.fieldErrors }, typed: typedOf(data) }),
  );

function typedOf(data: z.infer<typeof schema>) {
  const raw = data as Record<string, unknown>;
  return {
    muted: REMINDER_GROUP_NAMES.filter((g) => raw[groupInput(g)] === "off"),
    digestTime: data.digestTime,
    absentUntil: data.absentUntil,
  };
}
