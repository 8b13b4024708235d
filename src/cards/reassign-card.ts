import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { OrphanedFollowUps } from "../domain/followup-service.js";
import { fitLevels, SHORTENINGS } from "./budget.js";
import { errorLine, fieldError, shorten, type CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReassignCardInput {
  groups: OrphanedFollowUps[];
  feedback?: CardFeedback;
}

/** The input that names a follow-up's new owner on this card. */
export const ownerInput = (followUpId: string) => `owner_${followUpId}`;

/** The chief's list of open follow-ups whose owner has left, each with «Ny ansvarlig» and «Giv videre». */
export function reassignCardData({ groups, feedback }: ReassignCardInput, maxChars = Infinity) {
  const s = strings.reassign;
  // A refusal about a follow-up this list does not show (its owner is still there) stands at the top.
  const listed = new Set(groups.flatMap((g) => g.items.map((i) => ownerInput(i.followUp.id))));
  const elsewhere = Object.entries(feedback?.fieldErrors ?? {}).filter(([k]) => !listed.has(k));
  return {
    title: s.title,
    notice: feedback?.notice ?? "",
    error: elsewhere.length ? errorLine({ error: feedback?.error, fieldErrors: Object.fromEntries(elsewhere) }) : (feedback?.error ?? ""),
    intro: groups.length ? s.intro : s.none,
    units: groups.map((g) => ({
      heading: g.unit.name,
      items: g.items.map((i) => ({
        label: s.item(shorten(i.followUp.text, maxChars), i.owner.name, formatDateShort(i.followUp.dueDate)),
        input: ownerInput(i.followUp.id),
        candidates: (g.candidates[i.followUp.id] ?? []).map((p) => ({ title: p.name, value: p.id })),
        error: fieldError(feedback, ownerInput(i.followUp.id)),
        followUpId: i.followUp.id,
        version: i.followUp.version,
      })),
    })),
    ownerLabel: s.ownerLabel,
    ownerPlaceholder: s.ownerPlaceholder,
    button: s.button,
  };
}

export const buildReassignCard = (input: ReassignCardInput): AdaptiveCard => fitLevels(SHORTENINGS, (maxChars) => expand("reassign", reassignCardData(input, maxChars)));
