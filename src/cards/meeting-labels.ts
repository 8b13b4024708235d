import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import type { Meeting } from "../domain/types.js";
import { isReopened } from "../domain/closing.js";
import { shorten } from "./feedback.js";

/** Texts about a meeting that several cards show the same way. */

type KindKey = keyof typeof strings.meeting.kinds;
const kindKey = (m: { kind: Meeting["kind"]; firstOfLoop?: boolean }): KindKey => (m.kind === "laeringssamtale" && m.firstOfLoop ? "laeringssamtaleFirst" : m.kind);

/** The meeting type in the domain's words, as a title ("Læringssamtale (første i læringsloopet)", …). */
export const kindLabel = (m: { kind: Meeting["kind"]; firstOfLoop?: boolean }): string => strings.meeting.kinds[kindKey(m)];
/** The same in running text, after «jeres næste» ("læringssamtale", "1:1 ledelsesopfølgning"). */
export const kindInText = (m: { kind: Meeting["kind"]; firstOfLoop?: boolean }): string => strings.meeting.kindsInText[kindKey(m)];
/** The meeting itself, in definite form ("læringssamtalen", "1:1 ledelsesopfølgningen"). */
export const kindDefinite = (m: { kind: Meeting["kind"]; firstOfLoop?: boolean }): string => strings.meeting.kindsDefinite[kindKey(m)];
export const meetingWhen = (m: Meeting, tz: string): string => formatDateTime(m.startsAt, tz);

/** Everyone on the meeting's list; a guest the chair added by name is marked («Anne Holm (gæst)»). */
export const participantNames = (m: Meeting, nameMax = Infinity): string =>
  m.participants.map((p) => (p.person.origin === "guest" ? strings.people.guestName(shorten(p.person.name, nameMax)) : shorten(p.person.name, nameMax))).join(", ");

export const meetingStatus = (m: Meeting, started: boolean): string =>
  m.status === "closed"
    ? strings.meeting.statusClosed
    : m.status === "cancelled"
      ? strings.meeting.statusCancelled
      : isReopened(m)
        ? strings.meeting.statusReopened
        : started
          ? strings.meeting.started
          : strings.meeting.statusPlanned;

/** The facts at the top of the agenda and the referat: when, where, who. */
export interface MeetingHeaderData {
  whenLabel: string;
  when: string;
  unitLabel: string;
  unit: string;
  participantsLabel: string;
  participants: string;
}

export const meetingHeader = (m: Meeting, tz: string, nameMax = Infinity): MeetingHeaderData => ({
  whenLabel: strings.meeting.when,
  when: meetingWhen(m, tz),
  unitLabel: strings.meeting.unit,
  unit: m.unit.name,
  participantsLabel: strings.meeting.participants,
  participants: participantNames(m, nameMax),
});
