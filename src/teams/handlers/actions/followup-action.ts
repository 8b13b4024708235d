import { z } from "zod";
import type { FollowUpOutcome } from "../../../domain/followup-service.js";
import type { Turn } from "../../turn.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { id, localDate, text, version } from "./schemas.js";

/**
 * Data every follow-up button carries. `view: "tasks"` means the button sits on «mine opgaver»,
 * so the answer is that list; otherwise the single follow-up card. Inputs on the list are named
 * per item, and the button says which (dueInput / commentInput).
 */
export const followUpActionSchema = z
  .object({
    followUpId: id,
    version,
    view: z.enum(["tasks"]).optional(),
    dueInput: z.string().max(40).optional(),
    commentInput: z.string().max(40).optional(),
  })
  .catchall(z.unknown());

export type FollowUpActionData = z.infer<typeof followUpActionSchema>;

export const inputValue = (data: FollowUpActionData, name: string | undefined, fallback: string, schema: z.ZodTypeAny = text): string => {
  const v = schema.safeParse(data[name ?? fallback] ?? "");
  return v.success ? String(v.data) : "";
};

export const dueDateInput = (data: FollowUpActionData) => inputValue(data, data.dueInput, "newDueDate", localDate);
export const commentInput = (data: FollowUpActionData) => inputValue(data, data.commentInput, "comment");

/** One follow-up action: run it and answer with the right card (the wrapper applies its effects). */
export function followUpAction(deps: TeamsDeps, views: Views, verb: string, act: (t: Turn, data: FollowUpActionData) => Promise<FollowUpOutcome>) {
  return execute(
    deps,
    verb,
    followUpActionSchema,
    async (t, data) => {
      const { view, notice, effects } = await act(t, data);
      const card =
        data.view === "tasks"
          ? await views.tasks(t.actor, { changed: view, feedback: { notice } })
          : await views.followUp(t.actor, data.followUpId, { view, feedback: { notice } });
      return answer(card, effects);
    },
    (t, data, err) => {
      const feedback = { error: err.text, fieldErrors: err.fieldErrors };
      // A refused comment (too long, say) stays in its field: nothing typed is lost.
      const typed = err.code === "invalid-input" ? commentInput(data) : "";
      return data.view === "tasks"
        ? views.tasks(t.actor, { feedback, typedComment: typed ? { followUpId: data.followUpId, text: typed } : undefined })
        : views.followUp(t.actor, data.followUpId, { feedback, typedComment: typed || undefined });
    },
  );
}
