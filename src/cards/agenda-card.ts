import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { AgendaView } from "../domain/meeting-service.js";
import type { Person } from "../domain/types.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { meetingHeader, meetingStatus, type MeetingHeaderData } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface AgendaCardData extends MeetingHeaderData {
  intro: string;
  title: string;
  statusLabel: string;
  status: string;
  notice: string;
  error: string;
  standingHeading: string;
  standing: { label: string; minutes: string }[];
  carriedHeading: string;
  carriedNone: string;
  carried: { label: string; color: string }[];
  topicsHeading: string;
  topicsNone: string;
  topics: { label: string }[];
  closing: { label: string; minutes: string }[];
  reflectionStatus: string;
  locked: boolean;
  lockedText: string;
  addTopicLabel: string;
  addTopicPlaceholder: string;
  addTopicButton: string;
  topicError: string;
  meetingId: string;
  reflectionButton: string;
  formButton: string;
}

export interface AgendaCardInput {
  view: AgendaView;
  viewer: Person;
  tz: string;
  today: string;
  feedback?: CardFeedback;
  /** Set when the card arrives as part of the meeting pack. */
  intro?: string;
}

export function agendaCardData({ view, viewer, tz, today, feedback, intro }: AgendaCardInput): AgendaCardData {
  const s = strings.agenda;
  const { meeting } = view;
  let n = 0;
  const numbered = (title: string) => s.item(++n, title);
  const isChair = meeting.chairId === viewer.id;
  const isLeader = view.leader?.id === viewer.id;
  const data: AgendaCardData = {
    intro: intro ?? "",
    title: s.title,
    ...meetingHeader(meeting, tz),
    statusLabel: strings.followUp.status,
    status: meetingStatus(meeting, view.locked),
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    standingHeading: s.standing,
    standing: view.standing.map((i) => ({ label: numbered(i.title), minutes: i.minutes ? s.minutes(i.minutes) : "" })),
    carriedHeading: s.carried,
    carriedNone: view.carried.length === 0 ? s.carriedNone : "",
    carried: view.carried.map((c) => ({
      label: s.carriedItem(c.followUp.text, c.owner.name, formatDateShort(c.followUp.dueDate)),
      color: c.followUp.dueDate < today ? "Attention" : "Default",
    })),
    topicsHeading: s.topics,
    topicsNone: view.topics.length === 0 ? s.topicsNone : "",
    topics: view.topics.map((t) => ({ label: numbered(t.addedBy ? s.topicBy(t.title, t.addedBy.name) : t.title) })),
    closing: view.closing.map((i) => ({ label: numbered(i.title), minutes: i.minutes ? s.minutes(i.minutes) : "" })),
    reflectionStatus: view.leader ? s.reflectionStatus(view.leader.name, view.leaderReflectionSent) : "",
    locked: view.locked,
    lockedText: meeting.status === "planned" ? s.lockedStarted : strings.meeting.closed,
    addTopicLabel: s.addTopicLabel,
    addTopicPlaceholder: s.addTopicPlaceholder,
    addTopicButton: s.addTopicButton,
    topicError: fieldError(feedback, "topic"),
    meetingId: meeting.id,
    reflectionButton: isLeader ? s.reflectionButton : view.leaderReflectionSent ? s.viewReflectionButton : "",
    formButton: isChair ? s.formButton : "",
  };
  return data;
}

export const buildAgendaCard = (input: AgendaCardInput): AdaptiveCard => expand("agenda", agendaCardData(input));
