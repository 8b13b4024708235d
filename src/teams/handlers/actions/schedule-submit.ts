import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import { formatDateTime } from "../../../lib/format-da.js";
import type { TeamsDeps } from "../../deps.js";
import { activityKey, answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { localDate } from "./schemas.js";

const schema = z.object({
  leader: z.string().max(201).optional().default(""),
  date: localDate.optional().default(""),
  time: z.string().max(10).optional().default(""),
  requestId: z.string().uuid().optional(),
});

/** The leader choice is "unit/person" (see buildScheduleCard). */
const splitLeader = (v: string) => {
  const [unitId = "", leaderId = ""] = v.split("/");
  return { unitId, leaderId };
};

export const scheduleSubmit = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.scheduleSubmit,
    schema,
    async (t, data) => {
      const { unitId, leaderId } = splitLeader(data.leader);
      // A card without a form id: this click's own id, so a repeated attempt of it schedules one meeting.
      const requestId = data.requestId ?? `activity:${activityKey(t.context)}`;
      const { meeting, packAt, effects, warning } = await deps.meetings.schedule(t.actor, { unitId, leaderId, date: data.date, time: data.time.slice(0, 5), requestId });
      const leader = meeting.participants.find((p) => p.role === "leader")?.person.name ?? "";
      const tz = deps.config.timezone;
      const planned = meeting.kind === "leader_pl" ? strings.schedule.doneLeader : strings.schedule.done;
      const done = `${planned(leader, formatDateTime(meeting.startsAt, tz))} ${
        packAt <= t.now ? strings.schedule.packNow : strings.schedule.packWhen(formatDateTime(packAt, tz))
      }`;
      return answer(await views.schedule(t.actor, { done, meeting, feedback: warning ? { warning } : undefined }), effects);
    },
    // The same form again (same request id): a corrected submit still schedules only one meeting.
    (t, data, err) => views.schedule(t.actor, { values: data, requestId: data.requestId, feedback: { error: err.text, fieldErrors: err.fieldErrors } }),
  );
