import type { Notification, Person } from "../domain/types.js";
import { SNOOZABLE_KINDS } from "../domain/reminder-preferences.js";
import type { CardFeedback } from "../cards/feedback.js";
import { withReminder, type ReminderPartsInput } from "../cards/reminder-card.js";
import type { AdaptiveCard } from "../cards/template.js";
import { showingAs } from "./card-copies.js";
import type { Views } from "./views.js";

/** A reminder around a card: it shows what the card shows (a change updates it like any copy). */
const reminding = (card: AdaptiveCard, parts: ReminderPartsInput): AdaptiveCard => showingAs(withReminder(card, parts), card);

/**
 * The card one outbox row becomes, built for the person who receives it. Reminders carry «Mind
 * mig igen»; `feedback` is shown on top (the answer to that button). Cards that show a subject are
 * marked by their view, so posting them tracks the copy (card-copies.ts).
 */
export async function notificationCard(views: Views, n: Notification, person: Person, feedback?: CardFeedback): Promise<AdaptiveCard> {
  const parts = { notificationId: SNOOZABLE_KINDS.includes(n.kind) ? n.id : undefined, feedback };
  switch (n.kind) {
    case "meeting_agenda":
      return views.agenda(person, n.subjectId, { pack: true });
    case "meeting_reflection":
      return views.reflection(person, n.subjectId);
    case "reflection_reminder":
      return views.reflectionReminder(person, n.subjectId, parts);
    case "followup_assigned":
      return views.followUp(person, n.subjectId, { heading: "assigned" });
    case "followup_due_soon":
      return reminding(await views.followUp(person, n.subjectId, { heading: "dueSoon" }), parts);
    case "followup_overdue":
      return reminding(await views.followUp(person, n.subjectId, { heading: "overdue" }), parts);
    case "overdue_digest":
      return views.overdueDigest(person);
    case "chief_digest":
      return views.chiefDigest(person);
    case "followup_expiry":
      return views.evaluation(person, "followup", n.subjectId);
    case "focus_expiry":
      return views.evaluation(person, "focus", n.subjectId);
    case "initiative_expiry":
      return views.evaluation(person, "initiative", n.subjectId);
    case "board_statement":
      return views.boardStatement(person, n.subjectId);
    case "board_statement_reminder":
      return views.boardStatementReminder(person, n.subjectId, parts);
    case "focus_proposal":
      return views.focusAreas(person, n.subjectId);
    case "board_report":
    case "board_report_received":
      return views.boardReport(person, n.subjectId);
    case "unit_congested":
      return views.congestion(person, n.subjectId);
    case "loop_summary":
      return views.loopSummary(person, n.subjectId);
    case "followups_orphaned":
      return views.reassign(person);
    case "meeting_cancelled":
      return views.meetingCancelled(person, n.subjectId);
    case "ad_hoc_removed":
      return views.adHocRemoved(person, n.subjectId);
    case "guest_links":
      return views.guestLinks(person, n.subjectId);
    case "referat":
      return views.referat(person, n.subjectId, true);
    case "referat_remark":
      return views.referatRemark(person, n.subjectId);
    case "person_unreachable":
      return views.unreachable(person, n.subjectId);
    case "calendar_declined":
      return views.calendarDeclined(person, n.subjectId, n.key);
    case "app_install":
    case "calendar_event":
    case "guest_link_mail":
      throw new Error("a job is not a card");
  }
}
