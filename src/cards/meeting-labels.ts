import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import type { Meeting } from "../domain/types.js";

/** Texts about a meeting that several cards show the same way. */
export const meetingWhen = (m: Meeting, tz: string): string => formatDateTime(m.startsAt, tz);

export const participantNames = (m: Meeting): string => m.participants.map((p) => p.person.name).join(", ");

export const meetingStatus = (m: Meeting, started: boolean): string =>
  m.status === "closed"
    ? strings.meeting.statusClosed
    : m.status === "cancelled"
      ? strings.meeting.statusCancelled
      : started
        ? strings.meeting.started
        : strings.meeting.statusPlanned;
