import type { Notification, Person } from "../domain/types.js";
import { SNOOZABLE_KINDS } from "../domain/reminder-preferences.js";
import type { CardFeedback } from "../cards/feedback.js";
import { withReminder } from "../cards/reminder-card.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { CardSubjectKind } from "./deps.js";
import type { Views } from "./views.js";

export interface OutgoingCard {
  card: AdaptiveCard;
  /** Set for cards that must be updated in place when their subject changes. */
  track?: { kind: CardSubjectKind; subjectId: string };
}

/**
 * The card one outbox row becomes, built for the person who receives it. Reminders carry «Mind
 * mig igen»; `feedback` is shown on top (the answer to that button).
 */
export async function notificationCard(views: Views, n: Notification, person: Person, feedback?: CardFeedback): Promise<OutgoingCard> {
  const parts = { notificationId: SNOOZABLE_KINDS.includes(n.kind) ? n.id : undefined, feedback };
  switch (n.kind) {
    case "meeting_agenda":
      return { card: await views.agenda(person, n.subjectId, { pack: true }), track: { kind: "agenda", subjectId: n.subjectId } };
    case "meeting_reflection":
      return { card: await views.reflection(person, n.subjectId) };
    case "reflection_reminder":
      return { card: await views.reflectionReminder(person, n.subjectId, parts) };
    case "followup_assigned":
      return { card: await views.followUp(person, n.subjectId, { heading: "assigned" }), track: { kind: "followup", subjectId: n.subjectId } };
    case "followup_due_soon":
      return { card: withReminder(await views.followUp(person, n.subjectId, { heading: "dueSoon" }), parts), track: { kind: "followup", subjectId: n.subjectId } };
    case "followup_overdue":
      return { card: withReminder(await views.followUp(person, n.subjectId, { heading: "overdue" }), parts), track: { kind: "followup", subjectId: n.subjectId } };
    case "overdue_digest":
      return { card: await views.overdueDigest(person) };
    case "chief_digest":
      return { card: await views.chiefDigest(person) };
    case "followup_expiry":
      return { card: await views.evaluation(person, "followup", n.subjectId) };
    case "focus_expiry":
      return { card: await views.evaluation(person, "focus", n.subjectId) };
    case "board_statement":
      return { card: await views.boardStatement(person, n.subjectId) };
    case "unit_congested":
      return { card: await views.congestion(n.subjectId) };
    case "followups_orphaned":
      return { card: await views.reassign(person) };
    case "meeting_cancelled":
      return { card: await views.meetingCancelled(person, n.subjectId) };
    case "referat":
      return { card: await views.referat(person, n.subjectId, true), track: { kind: "referat", subjectId: n.subjectId } };
  }
}
