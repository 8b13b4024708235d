import type { Notification, Person } from "../domain/types.js";
import type { AdaptiveCard } from "../cards/template.js";
import { strings } from "../lib/strings.da.js";
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
      return [{ card: await views.agenda(person, n.subjectId, { intro: strings.agenda.packIntro }), track: { kind: "agenda", subjectId: n.subjectId } }];
    case "meeting_reflection":
      return [{ card: await views.reflection(person, n.subjectId) }];
    case "followup_assigned":
      return [{ card: await views.followUp(person, n.subjectId, { heading: "assigned" }), track: { kind: "followup", subjectId: n.subjectId } }];
    case "followup_due":
      return [{ card: await views.followUp(person, n.subjectId, { heading: "due" }), track: { kind: "followup", subjectId: n.subjectId } }];
    case "referat":
      return [{ card: await views.referat(person, n.subjectId, true), track: { kind: "referat", subjectId: n.subjectId } }];
  }
}
