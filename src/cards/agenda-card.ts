import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { AgendaView } from "../domain/meeting-service.js";
import type { Person } from "../domain/types.js";
import { fitLevels } from "./budget.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { kindLabel, meetingHeader, meetingStatus, type MeetingHeaderData } from "./meeting-labels.js";
import { dataSources } from "../domain/meeting-template.js";
import { localDateOf } from "../lib/zoned-time.js";
import { expand, type AdaptiveCard } from "./template.js";
import { calendarOfferData, type CalendarOffer, type CalendarOfferData } from "./calendar-offer.js";

export interface AgendaCardData extends MeetingHeaderData, CalendarOfferData {
  intro: string;
  title: string;
  statusLabel: string;
  status: string;
  notice: CardText;
  error: CardText;
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
  /** The topic as typed, when adding it was refused: nothing typed is lost. */
  topicValue: string;
  topicError: string;
  meetingId: string;
  reflectionButton: string;
  viewReflectionButton: string;
  formButton: string;
  /** «Aflys mødet», for the chair of a meeting that has not begun. */
  cancelButton: string;
  cancelConfirm: string;
  cancelSubmit: string;
  circle: string;
  focusHeading: string;
  focusIntro: string;
  focus: { label: string }[];
  sourcesHeading: string;
  sources: { label: string; statements: { heading: string; text: string }[] }[];
  reflectionsHeading: string;
  reflectionsCount: string;
  reflections: { label: string; authorId: string }[];
  focusButton: string;
  /** «Ad hoc deltagere»: the chair's section of a læringssamtale not begun (decision 0022); empty heading: not shown. */
  adHocHeading: string;
  adHocIntro: string;
  adHoc: { label: string; personId: string; guestId: string }[];
  adHocRemoveButton: string;
  adHocPersonLabel: string;
  adHocPersonPlaceholder: string;
  adHocChoices: { title: string; value: string }[];
  adHocPersonValue: string;
  adHocPersonError: string;
  guestNameLabel: string;
  guestNamePlaceholder: string;
  guestNameValue: string;
  guestNameError: string;
  guestEmailLabel: string;
  guestEmailValue: string;
  guestEmailError: string;
  guestPhoneLabel: string;
  guestPhoneValue: string;
  guestPhoneError: string;
  adHocAddButton: string;
}

/** What the chair typed in the ad hoc section, kept when it was refused. */
export interface TypedAdHoc {
  personId?: string;
  guestName?: string;
  guestEmail?: string;
  guestPhone?: string;
}

export interface AgendaCardInput {
  view: AgendaView;
  viewer: Person;
  tz: string;
  today: string;
  feedback?: CardFeedback;
  typedTopic?: string;
  typedAdHoc?: TypedAdHoc;
  /** Set when the card arrives as part of the meeting pack. */
  intro?: string;
  /** «Føj til kalender» (absent: the card says nothing about calendars). */
  calendar?: CalendarOffer;
}

/** Focus areas (later læringssamtaler) or the loop's themes to choose within (the first). */
function focusSection(view: AgendaView) {
  const s = strings.agenda;
  const { meeting, loop } = view;
  if (meeting.kind !== "laeringssamtale" || !loop) return { focusHeading: "", focusIntro: "", focus: [] as { label: string }[] };
  const themeTitle = (id: string) => loop.themes.find((t) => t.id === id)?.title ?? "";
  if (view.focusAreas.length === 0) {
    return {
      focusHeading: meeting.firstOfLoop ? s.themes(loop.name) : s.focusAreas,
      focusIntro: meeting.firstOfLoop ? s.themesIntro : s.focusNone,
      focus: meeting.firstOfLoop ? loop.themes.filter((t) => t.active).map((t) => ({ label: t.title })) : [],
    };
  }
  return {
    focusHeading: s.focusAreas,
    focusIntro: "",
    focus: view.focusAreas.map((f) => ({ label: `${s.focusItem(f.title, themeTitle(f.themeId))}${f.evaluateAtNextMeeting ? ` · ${s.focusEvaluate}` : ""}` })),
  };
}

const oneOnOneLine = (c: NonNullable<AgendaView["oneOnOneInput"]>, tz: string) =>
  strings.agenda.oneOnOneInput(c.meetings, c.open, c.done, c.since ? formatDateShort(localDateOf(c.since, tz)) : undefined);

/** The data sources A–E of a læringssamtale; C counts the unit's 1:1s, D carries the board's statements. */
function sourcesSection(view: AgendaView, tz: string, fit: AgendaFit) {
  const s = strings.agenda;
  if (view.meeting.kind !== "laeringssamtale") return { sourcesHeading: "", sources: [] as { label: string; statements: { heading: string; text: string }[] }[] };
  const later = !view.meeting.firstOfLoop && !view.meeting.unit.selvejende;
  return {
    sourcesHeading: s.dataSources,
    sources: dataSources.map((key) => ({
      label: s.sources[key],
      statements:
        key === "C" && view.oneOnOneInput
          ? [{ heading: oneOnOneLine(view.oneOnOneInput, tz), text: s.oneOnOneInputNote }]
          : key === "D" && later
            ? view.boardStatements.length
              ? view.boardStatements.map((b) => ({ heading: s.boardStatement(shorten(b.author.name, fit.name), formatDateShort(localDateOf(b.statement.sentAt, tz))), text: shorten(b.statement.text, fit.statement) }))
              : [{ heading: s.boardStatementNone, text: "" }]
            : [],
    })),
  };
}

/** In a læringssamtale each role has its own guide: who has sent, under their role, with a button to read each. */
function reflectionsSection(view: AgendaView, viewer: Person, fit: AgendaFit) {
  const s = strings.agenda;
  if (!view.reflections) return { reflectionsHeading: "", reflectionsCount: "", reflections: [] as { label: string; authorId: string }[] };
  return {
    reflectionsHeading: s.reflectionsHeading,
    reflectionsCount: s.reflectionsCount(view.reflections.filter((r) => r.sent).length, view.reflections.length),
    reflections: view.reflections.map((r) => ({
      label: s.reflectionStatus(`${shorten(r.person.name, fit.name)} (${strings.meeting.roles[r.role]})`, r.sent),
      authorId: r.sent && r.person.id !== viewer.id ? r.person.id : "",
    })),
  };
}

/**
 * How much of a full agenda a card can show: texts cut to `chars` (board statements to
 * `statement`), names to `name`, at most `carried` carried follow-ups listed.
 */
interface AgendaFit {
  chars: number;
  statement: number;
  name: number;
  carried: number;
}
const AGENDA_FITS: readonly AgendaFit[] = [
  { chars: Infinity, statement: Infinity, name: Infinity, carried: Infinity },
  { chars: 300, statement: 1500, name: 60, carried: 30 },
  { chars: 150, statement: 600, name: 40, carried: 20 },
  { chars: 60, statement: 300, name: 30, carried: 10 },
];

/** The chair's «Ad hoc deltagere» section: who was added, and the form to add one more. */
function adHocSection(view: AgendaView, viewer: Person, fit: AgendaFit, feedback: CardFeedback | undefined, typed: TypedAdHoc | undefined) {
  const s = strings.people;
  const { meeting } = view;
  const shown = meeting.kind === "laeringssamtale" && meeting.chairId === viewer.id && !view.locked;
  return {
    adHocHeading: shown ? s.heading : "",
    adHocIntro: s.intro,
    adHoc: shown
      ? [
          ...meeting.participants.filter((p) => p.role === "ad_hoc").map((p) => ({ label: s.adHocLine(shorten(p.person.name, fit.name)), personId: p.person.id, guestId: "" })),
          ...meeting.guests.map((g) => ({ label: s.guestName(shorten(g.name, fit.name)), personId: "", guestId: g.id })),
        ]
      : [],
    adHocRemoveButton: s.removeButton,
    // Teams refuses a choice set without choices: no one left to add, no picker.
    adHocPersonLabel: shown && (view.adHocCandidates ?? []).length > 0 ? s.personLabel : "",
    adHocPersonPlaceholder: s.personPlaceholder,
    adHocChoices: shown ? (view.adHocCandidates ?? []).map((p) => ({ title: shorten(p.name, fit.name), value: p.id })) : [],
    adHocPersonValue: typed?.personId ?? "",
    adHocPersonError: fieldError(feedback, "personId"),
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
    adHocAddButton: s.addButton,
  };
}

export function agendaCardData({ view, viewer, tz, today, feedback, intro, typedTopic, typedAdHoc, calendar }: AgendaCardInput, fit: AgendaFit = AGENDA_FITS[0]!): AgendaCardData {
  const s = strings.agenda;
  const { meeting } = view;
  let n = 0;
  const numbered = (title: string) => s.item(++n, title);
  const isChair = meeting.chairId === viewer.id;
  const isLeader = view.leader?.id === viewer.id;
  const data: AgendaCardData = {
    intro: intro ?? "",
    title: s.title(kindLabel(meeting)),
    circle: meeting.kind === "laeringssamtale" ? s.circleSteps : "",
    ...focusSection(view),
    ...sourcesSection(view, tz, fit),
    ...reflectionsSection(view, viewer, fit),
    focusButton: meeting.kind === "laeringssamtale" && view.loop ? s.focusButton : "",
    ...meetingHeader(meeting, tz, fit.name),
    statusLabel: strings.followUp.status,
    status: meetingStatus(meeting, view.locked),
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    standingHeading: s.standing,
    standing: view.standing.map((i) => ({ label: numbered(i.title), minutes: i.minutes ? s.minutes(i.minutes) : "" })),
    carriedHeading: s.carried,
    carriedNone: view.carried.length === 0 ? s.carriedNone : "",
    carried: [
      ...view.carried.slice(0, fit.carried).map((c) => ({
        label: `${s.carriedItem(shorten(c.followUp.text, fit.chars), shorten(c.owner.name, fit.name), formatDateShort(c.followUp.dueDate))}${c.followUp.evaluateAtNextMeeting ? ` · ${s.evaluateCarried}` : ""}`,
        color: c.followUp.dueDate < today ? "Attention" : "Default",
      })),
      ...(view.carried.length > fit.carried ? [{ label: strings.generic.andMore(view.carried.length - fit.carried), color: "Default" }] : []),
    ],
    topicsHeading: s.topics,
    topicsNone: view.topics.length === 0 ? s.topicsNone : "",
    topics: view.topics.map((t) => ({ label: numbered(t.addedBy ? s.topicBy(shorten(t.title, fit.chars), shorten(t.addedBy.name, fit.name)) : shorten(t.title, fit.chars)) })),
    closing: view.closing.map((i) => ({ label: numbered(i.title), minutes: i.minutes ? s.minutes(i.minutes) : "" })),
    reflectionStatus: view.leader && !view.reflections ? s.reflectionStatus(shorten(view.leader.name, fit.name), view.leaderReflectionSent, view.leaderNothingNew) : "",
    locked: view.locked,
    lockedText: meeting.status === "planned" ? s.lockedStarted : meeting.status === "cancelled" ? strings.meeting.cancelled : strings.meeting.closed,
    cancelButton: isChair && !view.locked ? strings.meeting.cancelButton : "",
    cancelConfirm: strings.meeting.cancelConfirm,
    cancelSubmit: strings.meeting.cancelSubmit,
    addTopicLabel: s.addTopicLabel,
    addTopicPlaceholder: s.addTopicPlaceholder,
    addTopicButton: s.addTopicButton,
    topicValue: typedTopic ?? "",
    topicError: fieldError(feedback, "topic"),
    meetingId: meeting.id,
    // In a 1:1 the other participant may open the leader's guide before it is sent: it says so, and
    // the copy shows the answers once she sends them (card-copies.ts).
    reflectionButton: view.reflections ? (view.reflections.some((r) => r.person.id === viewer.id) ? s.reflectionButton : "") : isLeader ? s.reflectionButton : s.viewReflectionButton,
    viewReflectionButton: s.viewReflectionButton,
    formButton: isChair ? s.formButton : "",
    ...calendarOfferData(calendar),
    ...adHocSection(view, viewer, fit, feedback, typedAdHoc),
  };
  return data;
}

/** The whole agenda, or, if it would not fit a Teams card, with long texts cut and the carried list shortened. */
export const buildAgendaCard = (input: AgendaCardInput): AdaptiveCard => fitLevels(AGENDA_FITS, (fit) => expand("agenda", agendaCardData(input, fit)));
