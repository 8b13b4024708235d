import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import { questionInputId } from "../../../cards/reflection-card.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, text, version } from "./schemas.js";

const schema = z.object({ meetingId: id, version }).catchall(z.unknown());

/** The answers as typed, by question id (inputs are named q_<id>); the domain checks them against the template. */
function answersFrom(_deps: TeamsDeps, data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = questionInputId("");
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(prefix) || key.length > 60) continue;
    const v = text.safeParse(value ?? "");
    out[key.slice(prefix.length)] = v.success ? v.data : "";
  }
  return out;
}

export const reflectionSend = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.reflectionSend,
    schema,
    async (t, data) => {
      const answers = answersFrom(deps, data);
      const { effects } = await deps.reflections.send(t.actor, data.meetingId, answers, data.version === 0 ? undefined : data.version);
      const max = deps.config.maxTextLength;
      const full = Object.values(answers).some((a) => a.length === max) ? ` ${strings.generic.atLimit(max)}` : "";
      return answer(await views.reflection(t.actor, data.meetingId, { editing: false, feedback: { notice: `${strings.reflection.sentNotice}${full}` } }), effects);
    },
    (t, data, err) =>
      views.reflection(t.actor, data.meetingId, {
        editing: err.code === "invalid-input" || err.code === "stale-card",
        typed: err.code === "invalid-input" || err.code === "stale-card" ? answersFrom(deps, data) : undefined,
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
      }),
  );
