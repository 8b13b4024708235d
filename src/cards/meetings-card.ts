import { strings } from "../lib/strings.da.js";
import type { Meeting, Person } from "../domain/types.js";
import { meetingStatus, meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface MeetingsCardData {
  title: string;
  none: string;
  sections: { heading: string; meetings: { label: string; meta: string; meetingId: string; isChair: boolean; isClosed: boolean }[] }[];
  agendaButton: string;
  reflectionButton: string;
  formButton: string;
  referatButton: string;
}

export interface MeetingsCardInput {
  upcoming: Meeting[];
  recent: Meeting[];
  viewer: Person;
  now: Date;
  tz: string;
}

export function meetingsCardData({ upcoming, recent, viewer, now, tz }: MeetingsCardInput): MeetingsCardData {
  const s = strings.meetings;
  const row = (m: Meeting) => {
    const other = m.participants.find((p) => p.person.id !== viewer.id)?.person.name ?? "";
    return {
      label: `${strings.meeting.kindOneOnOne} ${s.with(other)}`,
      meta: `${meetingWhen(m, tz)} · ${m.unit.name} · ${meetingStatus(m, now >= m.startsAt)}`,
      meetingId: m.id,
      isChair: m.chairId === viewer.id,
      isClosed: m.status === "closed",
    };
  };
  const sections = [
    { heading: s.upcoming, meetings: upcoming.map(row) },
    { heading: s.recent, meetings: recent.map(row) },
  ].filter((x) => x.meetings.length > 0);
  const data: MeetingsCardData = {
    title: s.title,
    none: sections.length === 0 ? s.none : "",
    sections,
    agendaButton: s.agendaButton,
    reflectionButton: s.reflectionButton,
    formButton: s.formButton,
    referatButton: s.referatButton,
  };
  return data;
}

export const buildMeetingsCard = (input: MeetingsCardInput): AdaptiveCard => expand("meetings", meetingsCardData(input));
