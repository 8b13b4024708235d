import type { Notification, Person } from "../domain/types.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { CardSubjectKind } from "./deps.js";
import type { Views } from "./views.js";

export interface OutgoingCard {
  card: AdaptiveCard;
  /** Set for cards that must be updated in place when their subject changes. */
  track?: { kind: CardSubjectKind; subjectId: string };
}

/** The cards one outbox row becomes, built for the person who receives them. */
export async function notificationCards(views: Views, n: Notification, person: Person): Promise<OutgoingCard[]> {
  switch (n.kind) {
    case "meeting_agenda":
      return [{ card: await views.agenda(person, n.subjectId, { pack: true }), track: { kind: "agenda", subjectId: n.subjectId } }];
    case "meeting_reflection":
      return [{ card: await views.reflection(person, n.subjectId) }];
    case "followup_assigned":
      return [{ card: await views.followUp(person, n.subjectId, { heading: "assigned" }), track: { kind: "followup", subjectId: n.subjectId } }];
    case "followup_due":
      return [{ card: await views.followUp(person, n.subjectId, { heading: "due" }), track: { kind: "followup", subjectId: n.subjectId } }];
    case "followup_expiry":
      return [{ card: await views.evaluation(person, "followup", n.subjectId) }];
    case "focus_expiry":
      return [{ card: await views.evaluation(person, "focus", n.subjectId) }];
    case "board_statement":
      return [{ card: await views.boardStatement(person, n.subjectId) }];
    case "unit_congested":
      return [{ card: await views.congestion(n.subjectId) }];
    case "followups_orphaned":
      return [{ card: await views.reassign(person) }];
    case "referat":
      return [{ card: await views.referat(person, n.subjectId, true), track: { kind: "referat", subjectId: n.subjectId } }];
  }
}
