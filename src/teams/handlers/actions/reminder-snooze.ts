import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { notificationCard } from "../../notification-cards.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { strings } from "../../../lib/strings.da.js";
import { formatDateTime } from "../../../lib/format-da.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { id } from "./schemas.js";

const schema = z.object({ notificationId: id, snoozeFor: z.coerce.number().int() });

/** «Mind mig igen» on a reminder: the same reminder again in 1, 3 or 5 working days, to the clicker only. */
export const reminderSnooze = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.reminderSnooze, schema, async (t, data) => {
    const { at, reminder, effects } = await deps.preferences.snooze(t.actor, data.notificationId, data.snoozeFor);
    const notice = strings.reminders.snoozed(formatDateTime(at, deps.config.timezone));
    // The same card back with the answer on top; if it can no longer be shown, the answer alone.
    const card = await notificationCard(views, reminder, t.actor, { notice }).catch(() => buildNoticeCard(notice));
    return answer(card, effects);
  });
