import { strings } from "../lib/strings.da.js";
import type { Meeting, Person } from "../domain/types.js";
import { fitLevels } from "./budget.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { meetingHeader } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

/** A guest's fields and the person chosen, as typed, when adding was refused: nothing typed is lost. */
export interface TypedAdHoc {
  personId?: string;
  guestName?: string;
  guestEmail?: string;
  guestPhone?: string;
}

export interface AdHocCardInput {
  meeting: Meeting;
  /** The people the chair may add (decision 0022). */
  candidates: Person[];
  tz: string;
  feedback?: CardFeedback;
  typed?: TypedAdHoc;
}

interface AdHocFit {
  name: number;
  people: number;
}
/** Names cut first, then fewer people listed (the picker says so): the card stays inside Teams' size limit. */
const ADHOC_FITS: readonly AdHocFit[] = [
  { name: Infinity, people: Infinity },
  { name: 60, people: Infinity },
  { name: 30, people: Infinity },
  { name: 30, people: 150 },
  { name: 30, people: 60 },
];

/** The chair's own small card «Tilføj deltager», opened from the dagsorden: a person from the area, or a guest by name. */
export function adHocCardData({ meeting, candidates, tz, feedback, typed }: AdHocCardInput, fit: AdHocFit = ADHOC_FITS[0]!) {
  const s = strings.people;
  const listed = candidates.slice(0, fit.people);
  return {
    title: s.heading,
    ...meetingHeader(meeting, tz, fit.name),
    intro: s.intro,
    error: feedback?.error ?? "",
    meetingId: meeting.id,
    // Teams refuses a choice set without choices: no one left to add, no picker.
    personLabel: listed.length > 0 ? s.personLabel : "",
    personPlaceholder: listed.length < candidates.length ? strings.adHocCard.placeholderCut(listed.length, candidates.length) : s.personPlaceholder,
    choices: listed.map((p) => ({ title: shorten(p.name, fit.name), value: p.id })),
    personValue: typed?.personId ?? "",
    personError: fieldError(feedback, "personId"),
    guestNameLabel: s.guestNameLabel,
    guestNamePlaceholder: s.guestNamePlaceholder,
    guestNameValue: typed?.guestName ?? "",
    guestNameError: fieldError(feedback, "guestName"),
    guestEmailLabel: s.guestEmailLabel,
    guestEmailValue: typed?.guestEmail ?? "",
    guestEmailError: fieldError(feedback, "guestEmail"),
    guestPhoneLabel: s.guestPhoneLabel,
    guestPhoneValue: typed?.guestPhone ?? "",
    guestPhoneError: fieldError(feedback, "guestPhone"),
    addButton: s.addButton,
  };
}

export const buildAdHocCard = (input: AdHocCardInput): AdaptiveCard => fitLevels(ADHOC_FITS, (fit) => expand("adhoc", adHocCardData(input, fit)));
