import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute, postCard } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { openBeside } from "./open-from.js";
import { id } from "./schemas.js";

const schema = z.object({
  meetingId: id,
  /** An earlier referat (its number); none: the one in force. */
  version: z.coerce.number().int().min(1).max(10_000).optional(),
  from: z.enum(["meetings", "agenda", "referat", "remark"]).optional(),
  /** From the chair's card with a participant's remark (decision 0027): that card comes back. */
  remarkId: id.optional(),
  /** Pressed on a referat: the copy as it was sent (with its intro), or an earlier version (its number). */
  sent: z.preprocess((v) => v === true || v === "true", z.boolean()).default(false),
  back: z.coerce.number().int().min(0).max(10_000).default(0),
});

/**
 * «Referat» on a list or an agenda, «Se tidligere udgave» on a referat, and «Se referatet» on the
 * chair's card with a participant's remark: the referat (or the earlier version) is posted beside
 * the card, which stays as it was (the remark's text stays in the chat).
 */
export const referatOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.referatOpen, schema, async (t, data) => {
    const opened = data.version ? await views.referatVersion(t.actor, data.meetingId, data.version) : await views.referat(t.actor, data.meetingId);
    if (data.from === "remark" && data.remarkId) {
      await postCard(deps, t, opened);
      return views.referatRemark(t.actor, data.remarkId);
    }
    if (data.from !== "referat") return openBeside(deps, t, views, opened, { meetingId: data.meetingId, from: data.from === "agenda" ? "agenda" : "meetings" });
    await postCard(deps, t, opened);
    return data.back > 0 ? views.referatVersion(t.actor, data.meetingId, data.back) : views.referat(t.actor, data.meetingId, data.sent);
  });
