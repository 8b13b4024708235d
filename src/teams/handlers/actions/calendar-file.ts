import { z } from "zod";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { isAppError } from "../../../lib/errors.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

/** One meeting (the dagsorden, `mine møder`, the confirmation) or the person's meetings of a unit's årshjul. */
const schema = z.object({ meetingId: id.optional(), unitId: id.optional() }).refine((d) => Boolean(d.meetingId) !== Boolean(d.unitId));

/**
 * «Hent kalenderfil (.ics)» / «Føj til kalender» (CALENDAR_SYNC=link): the person gets a personal,
 * single-use link to the file in their own chat, as with the export. The card clicked stays as it
 * is; the answer is a short message (a refusal too: the dagsorden is not replaced by an error).
 */
export const calendarFile = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.calendarFile, schema, async (t, data) => {
    try {
      if (data.meetingId) {
        const { meeting, token } = await deps.calendars.requestMeeting(t.actor, data.meetingId);
        await deps.sendToPerson(t.actor.id, async () => views.calendarMeetingLink(meeting, token));
      } else {
        const { unitName, meetings, token } = await deps.calendars.requestUnit(t.actor, data.unitId!);
        await deps.sendToPerson(t.actor.id, async () => views.calendarUnitLink(unitName, meetings, token));
      }
      return strings.calendar.sent;
    } catch (err) {
      // A plain refusal is a short message (the card clicked stays); one with our own Markdown is the notice card, never raw Markdown.
      if (isAppError(err)) return typeof err.text === "string" ? err.text : buildNoticeCard(err.text, { tone: "error" });
      throw err;
    }
  });
