import { z } from "zod";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { isAppError } from "../../../lib/errors.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

const schema = z.object({ meetingId: id });

/**
 * «Hent referat som PDF» on a participant's referat: they get a personal, single-use link to the
 * referat in force as a PDF in their own chat, as with the export. The referat clicked stays as it
 * is; the answer is a short message (a refusal too: a non-participant gets no link).
 */
export const referatPdf = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.referatPdf, schema, async (t, data) => {
    try {
      const { meeting, token } = await deps.referatFiles.request(t.actor, data.meetingId);
      await deps.sendToPerson(t.actor.id, async () => views.referatPdfLink(meeting, token));
      return strings.referatPdf.sent;
    } catch (err) {
      if (isAppError(err)) return typeof err.text === "string" ? err.text : buildNoticeCard(err.text, { tone: "error" });
      throw err;
    }
  });
