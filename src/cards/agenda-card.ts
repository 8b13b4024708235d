import { shortHash } from "../lib/short-hash.js";
import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import { indstillingInputId, type AgendaView } from "../domain/meeting-service.js";
import type { AgendaItem, Person } from "../domain/types.js";
import { fitLevels } from "./budget.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { kindLabel, meetingHeader, meetingStatus, type MeetingHeaderData } from "./meeting-labels.js";
import { DATAPAKKE_SOURCE, dataSources } from "../domain/meeting-template.js";
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
  focusNotice: string;
  focus: { label: string }[];
  /** A later læringssamtale of a unit with a board: how the board takes part; the chair may choose while the ask has not gone out. */
  boardHeading: string;
  boardText: string;
  boardChooseIntro: string;
  boardStatementButton: string;
  boardParticipationButton: string;
  sourcesHeading: string;
  /** Each source, with the unit's datapakke link beside A when the organisation file gives one (`link`, else ""). */
  sources: { label: string; link: string; statements: { heading: string; text: string }[] }[];
  datapakkeButton: string;
  reflectionsHeading: string;
  reflectionsCount: string;
  reflections: { label: string; authorId: string }[];
  focusButton: string;
  /** The indstillinger drafted before the meeting («Det indstilles, at …»), per numbered item. */
  indstillingHeading: string;
  indstillingIntro: string;
  indstillingLabel: string;
  indstillingPlaceholder: string;
  indstillinger: { label: string; stored: string; input: string; value: string; error: string; editable: boolean }[];
  indstillingButton: string;
  /** The texts the card showed, per item id (JSON): a text changed meanwhile by someone else is not overwritten. */
  indstillingShown: string;
  /** «Ad hoc deltagere»: the chair's section of a læringssamtale not begun (decision 0022); empty heading: not shown. */
  adHocHeading: string;
  adHocIntro: string;
  adHoc: { label: string; personId: string; guestId: string }[];
  adHocRemoveButton: string;
  adHocAddButton: string;
  /** The chair's «Deltagere uden Teams» (decision 0025): when people outside Teams take part; "" otherwise. */
  guestLinksButton: string;
}

export interface AgendaCardInput {
  view: AgendaView;
  viewer: Person;
  tz: string;
  today: string;
  feedback?: CardFeedback;
  typedTopic?: string;
  /** Indstillinger as typed (by agenda item id), when saving them was refused: nothing typed is lost. */
  typedIndstillinger?: Record<string, string>;
  /** Set when the card arrives as part of the meeting pack. */
  intro?: string;
  /** «Føj til kalender» (absent: the card says nothing about calendars). */
  calendar?: CalendarOffer;
  /** BOARD_STATEMENT_DAYS, said where the board gives a statement. */
  boardStatementDays?: number;
  /** People outside Teams have links to this meeting (participants, or board representatives asked for the udtalelse): the chair's «Deltagere uden Teams». */
  hasGuests?: boolean;
}

const indstillingEmpty = { indstillingHeading: "", indstillingIntro: "", indstillingLabel: "", indstillingPlaceholder: "", indstillinger: [], indstillingButton: "", indstillingShown: "{}" };

/** Focus areas (later læringssamtaler) or the loop's themes to choose within (the first). */
function focusSection(view: AgendaView) {
  const s = strings.agenda;
  const { meeting, loop } = view;
  const focusNotice = view.focusProposal === "awaiting" ? strings.proposalFixes.awaitingApproval : view.focusProposal === "propose" ? strings.proposalFixes.proposeHint : "";
  if (meeting.kind !== "laeringssamtale" || !loop) return { focusHeading: "", focusIntro: "", focusNotice: "", focus: [] as { label: string }[] };
  const themeTitle = (id: string) => loop.themes.find((t) => t.id === id)?.title ?? "";
  if (view.focusAreas.length === 0) {
    return {
      focusHeading: meeting.firstOfLoop ? s.themes(loop.name) : s.focusAreas,
      focusIntro: meeting.firstOfLoop ? s.themesIntro : s.focusNone,
      focus: meeting.firstOfLoop ? loop.themes.filter((t) => t.active).map((t) => ({ label: t.title })) : [],
      focusNotice,
    };
  }
  return {
    focusHeading: s.focusAreas,
    focusIntro: "",
    focusNotice,
    focus: view.focusAreas.map((f) => ({ label: `${s.focusItem(f.title, themeTitle(f.themeId))}${f.evaluateAtNextMeeting ? ` · ${s.focusEvaluate}` : ""}` })),
  };
}

const oneOnOneLine = (c: NonNullable<AgendaView["oneOnOneInput"]>, tz: string) =>
  strings.agenda.oneOnOneInput(c.meetings, c.open, c.done, c.since ? formatDateShort(localDateOf(c.since, tz)) : undefined);

/** The data sources A–E of a læringssamtale; C counts the unit's 1:1s, D carries the board's statements. */
function sourcesSection(view: AgendaView, tz: string, fit: AgendaFit) {
  const s = strings.agenda;
  if (view.meeting.kind !== "laeringssamtale") return { sourcesHeading: "", sources: [] as { label: string; link: string; statements: { heading: string; text: string }[] }[], datapakkeButton: "" };
  const later = !view.meeting.firstOfLoop && !view.meeting.unit.selvejende;
  return {
    sourcesHeading: s.dataSources,
    datapakkeButton: strings.timing.datapakkeButton,
    sources: dataSources.map((key) => ({
      label: s.sources[key],
      // An address, not people's text: the template puts it in an Action.OpenUrl, which is no Markdown.
      link: key === DATAPAKKE_SOURCE ? (view.datapakkeUrl ?? "") : "",
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

/** How the board takes part (udtalelse or deltagelse): said to everyone, chosen by the chair (the chosen one marked). */
function boardSection(view: AgendaView, isChair: boolean, statementDays: number) {
  const s = strings.theBoard;
  const none = { boardHeading: "", boardText: "", boardChooseIntro: "", boardStatementButton: "", boardParticipationButton: "" };
  if (!view.board) return none;
  const { mode, changeable } = view.board;
  const mark = (label: string, chosen: boolean) => (chosen ? `✓ ${label}` : label);
  return {
    boardHeading: s.heading,
    boardText: mode === "statement" ? s.modeStatement(statementDays) : s.modeParticipation,
    boardChooseIntro: isChair && changeable ? s.chooseIntro : "",
    boardStatementButton: mark(s.chooseStatement, mode === "statement"),
    boardParticipationButton: mark(s.chooseParticipation, mode === "participation"),
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
  // The chair's copy also lists the ad hoc participants and guests with «Fjern».
  { chars: 60, statement: 150, name: 20, carried: 5 },
];

/** Per numbered item: its drafted indstilling, editable for those who may draft it, read-only for the rest. */
function indstillingSection(view: AgendaView, numberedItems: { item: AgendaItem; label: string }[], feedback: CardFeedback | undefined, typed: Record<string, string> | undefined, fit: AgendaFit) {
  const s = strings.proposals.indstilling;
  const draftable = new Set(view.indstilling?.draftable ?? []);
  const shown: Record<string, string> = {};
  const rows = !view.indstilling
    ? []
    : numberedItems
        .filter(({ item }) => draftable.has(item.id) || item.recommendation)
        .map(({ item, label }) => {
          const editable = draftable.has(item.id);
          // A short hash of the stored text, not the text again: the input holds it already (28 KB).
          if (editable) shown[item.id] = shortHash(item.recommendation ?? "");
          const input = indstillingInputId(item.id);
          const error = fieldError(feedback, input);
          return {
            label,
            // Shown beside the typed text only when someone else changed it meanwhile.
            stored: !editable ? shorten(item.recommendation ?? "", fit.statement) : error && item.recommendation ? s.stored(shorten(item.recommendation, fit.statement)) : "",
            input,
            value: typed?.[item.id] ?? item.recommendation ?? "",
            error,
            editable,
          };
        });
  return {
    indstillingHeading: rows.length > 0 ? s.heading : "",
    indstillingIntro: draftable.size > 0 ? s.draftIntro : "",
    indstillingLabel: s.label,
    indstillingPlaceholder: s.placeholder,
    indstillinger: rows,
    indstillingButton: draftable.size > 0 ? s.save : "",
    indstillingShown: JSON.stringify(shown),
  };
}

/** The chair's «Ad hoc deltagere» section: who was added, and «Tilføj deltager», which opens the add card (adhoc-card.ts). */
function adHocSection(view: AgendaView, viewer: Person, fit: AgendaFit) {
  const s = strings.people;
  const { meeting } = view;
  const shown = meeting.kind === "laeringssamtale" && meeting.chairId === viewer.id && !view.locked;
  return {
    adHocHeading: shown ? s.heading : "",
    adHocIntro: s.intro,
    adHoc: shown
      ? [
          ...meeting.participants.filter((p) => p.role === "ad_hoc" && p.person.origin !== "guest").map((p) => ({ label: s.adHocLine(shorten(p.person.name, fit.name)), personId: p.person.id, guestId: "" })),
          // A guest added by name is a person of their own (decision 0025); removed by the guest id, which is their person id.
          ...meeting.participants.filter((p) => p.role === "ad_hoc" && p.person.origin === "guest").map((p) => ({ label: s.guestName(shorten(p.person.name, fit.name)), personId: "", guestId: p.person.id })),
        ]
      : [],
    adHocRemoveButton: s.removeButton,
    adHocAddButton: s.addButton,
  };
}

export function agendaCardData({ view, viewer, tz, today, feedback, intro, typedTopic, typedIndstillinger, calendar, boardStatementDays = 30, hasGuests }: AgendaCardInput, fit: AgendaFit = AGENDA_FITS[0]!): AgendaCardData {
  const s = strings.agenda;
  const { meeting } = view;
  let n = 0;
  const numberedItems: { item: AgendaItem; label: string }[] = [];
  const numbered = (title: string, item?: AgendaItem) => {
    const label = s.item(++n, title);
    if (item) numberedItems.push({ item, label: s.item(n, shorten(item.title, fit.chars)) });
    return label;
  };
  const isChair = meeting.chairId === viewer.id;
  const isLeader = view.leader?.id === viewer.id;
  const data: AgendaCardData = {
    intro: intro ?? "",
    title: s.title(kindLabel(meeting)),
    circle: meeting.kind === "laeringssamtale" ? s.circleSteps : "",
    ...focusSection(view),
    ...boardSection(view, isChair, boardStatementDays),
    ...sourcesSection(view, tz, fit),
    ...reflectionsSection(view, viewer, fit),
    focusButton: meeting.kind === "laeringssamtale" && view.loop ? s.focusButton : "",
    ...meetingHeader(meeting, tz, fit.name),
    statusLabel: strings.followUp.status,
    status: meetingStatus(meeting, view.locked),
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    standingHeading: s.standing,
    standing: view.standing.map((i) => ({ label: numbered(i.title, i), minutes: i.minutes ? s.minutes(i.minutes) : "" })),
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
    topics: view.topics.map((t) => ({ label: numbered(t.addedBy ? s.topicBy(shorten(t.title, fit.chars), shorten(t.addedBy.name, fit.name)) : shorten(t.title, fit.chars), t) })),
    closing: view.closing.map((i) => ({ label: numbered(i.title, i), minutes: i.minutes ? s.minutes(i.minutes) : "" })),
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
    ...indstillingEmpty,
    ...adHocSection(view, viewer, fit),
    guestLinksButton:
      meeting.chairId === viewer.id && meeting.status !== "cancelled" && (hasGuests ?? meeting.participants.some((p) => p.person.aadObjectId === null)) ? strings.guestLinks.openButton : "",
  };
  return { ...data, ...indstillingSection(view, numberedItems, feedback, typedIndstillinger, fit) };
}

/** The whole agenda, or, if it would not fit a Teams card, with long texts cut and the carried list shortened. */
export const buildAgendaCard = (input: AgendaCardInput): AdaptiveCard => fitLevels(AGENDA_FITS, (fit) => expand("agenda", agendaCardData(input, fit)));
