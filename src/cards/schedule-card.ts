import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import type { LeaderOfUnit } from "../domain/types.js";
import type { SchedulablePerson } from "../domain/meeting-service.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";
import { calendarOfferData, type CalendarOffer, type CalendarOfferData } from "./calendar-offer.js";

export interface ScheduleCardData extends CalendarOfferData {
  title: string;
  intro: string;
  notice: CardText;
  /** Planned, with something to mind (a day in a closed period). */
  warning: CardText;
  error: CardText;
  showForm: boolean;
  leaderLabel: string;
  leaderPlaceholder: string;
  leaderRequired: string;
  leaderValue: string;
  leaderError: string;
  leaders: { title: string; value: string }[];
  dateLabel: string;
  dateRequired: string;
  dateValue: string;
  dateError: string;
  minDate: string;
  datePlaceholder: string;
  timePlaceholder: string;
  timeLabel: string;
  timeRequired: string;
  timeValue: string;
  timeError: string;
  minTime: string;
  maxTime: string;
  submit: string;
  again: string;
  /** One id per rendered form: submitting the same form twice schedules one meeting. */
  requestId: string;
  /** The meeting just scheduled (for «Føj til kalender»), or "". */
  meetingId: string;
}

/** The value of a leader choice: the unit and the person, both needed to schedule. */
export const leaderChoiceValue = (l: LeaderOfUnit): string => `${l.unit.id}/${l.leader.id}`;

export interface ScheduleCardInput {
  /** Leaders (the chief's 1:1 ledelsesopfølgninger) and pædagogiske ledere (a leader's own 1:1s). */
  leaders: (LeaderOfUnit & Partial<Pick<SchedulablePerson, "kind">>)[];
  today: string;
  packLead: string;
  minutes: number;
  workday: { start: string; end: string };
  values?: { leader?: string; date?: string; time?: string };
  feedback?: CardFeedback;
  /** After a successful schedule: the confirmation replaces the form. */
  done?: string;
  requestId: string;
  /** After a successful schedule: «Føj til kalender» for the new meeting (offer absent: nothing about calendars). */
  calendar?: { meetingId: string; offer?: CalendarOffer };
}

export function scheduleCardData(input: ScheduleCardInput): ScheduleCardData {
  const s = strings.schedule;
  const f = input.feedback;
  const pl = input.leaders.filter((l) => l.kind === "leader_pl").length;
  const audience = pl === 0 ? "chief" : pl === input.leaders.length ? "leader" : "both";
  const data: ScheduleCardData = {
    title: audience === "leader" ? s.titleLeader : s.title,
    intro: audience === "chief" ? s.intro(input.minutes, input.packLead) : audience === "leader" ? s.introLeader(input.minutes, input.packLead) : s.introBoth(input.minutes, input.packLead),
    notice: input.done ?? f?.notice ?? "",
    warning: f?.warning ?? "",
    error: f?.error ?? "",
    showForm: !input.done,
    leaderLabel: audience === "chief" ? s.leaderLabel : audience === "leader" ? s.plLabel : s.eitherLabel,
    leaderPlaceholder: audience === "chief" ? s.leaderPlaceholder : audience === "leader" ? s.plPlaceholder : s.eitherPlaceholder,
    leaderRequired: s.chooseLeader,
    leaderValue: input.values?.leader ?? "",
    leaderError: fieldError(f, "leader"),
    leaders: input.leaders.map((l) => ({ title: l.kind === "leader_pl" ? s.plChoice(l.leader.name, l.unit.name) : `${l.leader.name}, ${l.unit.name}`, value: leaderChoiceValue(l) })),
    dateLabel: s.dateLabel,
    dateRequired: strings.generic.invalidDate,
    dateValue: input.values?.date ?? "",
    dateError: fieldError(f, "date"),
    minDate: input.today,
    datePlaceholder: strings.generic.datePlaceholder,
    timePlaceholder: strings.generic.timePlaceholder,
    timeLabel: s.timeLabel,
    timeRequired: s.invalidTime,
    timeValue: input.values?.time ?? "",
    timeError: fieldError(f, "time"),
    minTime: input.workday.start,
    maxTime: input.workday.end,
    submit: s.submit,
    again: s.again,
    requestId: input.requestId,
    meetingId: input.calendar?.meetingId ?? "",
    ...calendarOfferData(input.done ? input.calendar?.offer : undefined),
  };
  return data;
}

export const buildScheduleCard = (input: ScheduleCardInput): AdaptiveCard => expand("schedule", scheduleCardData(input));
