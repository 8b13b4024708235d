import { declinerOfKey } from "../domain/calendar-sync-service.js";
import { joinMarkup, md, type CardText, type Markup } from "../lib/markup.js";
import { newId } from "../lib/ids.js";
import { localDateOf } from "../lib/zoned-time.js";
import { buildAdHocCard, type TypedAdHoc } from "../cards/adhoc-card.js";
import { buildAgendaCard } from "../cards/agenda-card.js";
import { buildGuestLinksCard } from "../cards/guest-links-card.js";
import type { CardFeedback } from "../cards/feedback.js";
import { buildFollowUpCard, type FollowUpHeading } from "../cards/followup-card.js";
import { buildFollowUpFormCard } from "../cards/followup-form-card.js";
import { buildHelpCard } from "../cards/help-card.js";
import { buildMeetingsCard } from "../cards/meetings-card.js";
import { buildMyTasksCard } from "../cards/my-tasks-card.js";
import { buildReferatCard } from "../cards/referat-card.js";
import { buildReferatRemarkCard } from "../cards/referat-remark-card.js";
import { reopenDeadline } from "../domain/closing.js";
import { buildReflectionCard } from "../cards/reflection-card.js";
import { buildScheduleCard } from "../cards/schedule-card.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { FormRowInput, FormSaveSummary } from "../domain/form-service.js";
import type { IntentionLoad } from "../domain/congestion-service.js";
import type { Area, FollowUpView, Initiative, Meeting, Person } from "../domain/types.js";
import type { UnreachableNotice } from "../domain/reach-service.js";
import type { TeamsDeps } from "./deps.js";
import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { kindDefinite, kindInText } from "../cards/meeting-labels.js";
import { buildYearWheelCard } from "../cards/year-wheel-card.js";
import { buildFocusAreasCard } from "../cards/focus-areas-card.js";
import { buildBoardStatementCard } from "../cards/board-statement-card.js";
import { buildBoardReportCard } from "../cards/board-report-card.js";
import type { BoardReportFollowUpInput } from "../domain/board-report-service.js";
import { buildEvaluationCard } from "../cards/evaluation-card.js";
import { buildNoticeCard } from "../cards/notice-card.js";
import { buildReassignCard } from "../cards/reassign-card.js";
import { buildInitiativesCard } from "../cards/initiatives-card.js";
import { buildLoopSummaryCard } from "../cards/loop-summary-card.js";
import type { InitiativeInput } from "../domain/initiative-service.js";
import type { FocusAreaRowInput } from "../domain/focus-area-service.js";
import type { EvaluationSubject } from "../domain/evaluation-service.js";
import { buildDigestCard, chiefDigestCardData, overdueDigestCardData } from "../cards/digest-card.js";
import { buildPreferencesCard, type PreferencesCardInput } from "../cards/preferences-card.js";
import { withReminder, type ReminderPartsInput } from "../cards/reminder-card.js";
import { formatDateTime } from "../lib/format-da.js";
import { buildChannelLinkCard } from "../cards/channel-link-card.js";
import { buildAreaStatusCard } from "../cards/area-status-card.js";
import { buildUnitDetailCard } from "../cards/unit-detail-card.js";
import { buildChannelDigestCard } from "../cards/channel-digest-card.js";
import type { AreaStatus } from "../domain/channel-service.js";
import { buildExportLinksCard } from "../cards/export-links-card.js";
import { buildReferatPdfLinkCard } from "../cards/referat-pdf-link-card.js";
import { showing, showingAs, showingState } from "./card-copies.js";
import { calendarOffered, meetingEnd, takesPart, teamsMeetingLink } from "../domain/calendar.js";
import type { CalendarOffer } from "../cards/calendar-offer.js";
import { buildCalendarLinkCard } from "../cards/calendar-link-card.js";

/**
 * The cards a person can open, built from the domain's current state. Handlers and the
 * notification renderer share these, so a card looks the same however it was reached. Cards that
 * show a subject kept up to date where it is posted are marked with it (`showing`, card-copies.ts):
 * with the card as a refresh would render it, without this answer's notice or open editor.
 */
/** Why the person cannot be reached, and the cards that wait for them (the recipient's only), as the notice says it. */
function unreachableText(notice: UnreachableNotice, tz: string): Markup {
  const r = strings.reach;
  const name = notice.person.name;
  const why = notice.install?.forbidden
    ? r.installForbidden(name)
    : notice.install?.userUnknown
      ? r.installUserUnknown(name)
      : !notice.state.never
        ? r.refused(name)
        : notice.install && notice.install.status !== "done"
          ? r.installNotYet(name)
          : r.notInstalled(name);
  // Per meeting its cards by name; the others counted per kind.
  const meetings = new Map<string, { meeting: Meeting; kinds: string[] }>();
  const others = new Map<string, number>();
  // A meeting's cards in the order they are listed in the strings (dagsorden first), whichever row came first.
  const cardOrder = Object.values(r.cardNames);
  const otherOrder = Object.keys(r.otherCards);
  for (const w of notice.waiting) {
    if (w.meeting) {
      const entry = meetings.get(w.meeting.id) ?? { meeting: w.meeting, kinds: [] };
      const cardName = r.cardNames[w.kind] ?? w.kind;
      if (!entry.kinds.includes(cardName)) entry.kinds.push(cardName);
      meetings.set(w.meeting.id, entry);
    } else {
      others.set(w.kind, (others.get(w.kind) ?? 0) + 1);
    }
  }
  const lines = [
    ...[...meetings.values()].sort((a, b) => a.meeting.startsAt.getTime() - b.meeting.startsAt.getTime()).map(({ meeting, kinds }) => r.forMeeting(kinds.sort((a, b) => cardOrder.indexOf(a) - cardOrder.indexOf(b)).join(r.andJoin), kindDefinite(meeting), formatDateTime(meeting.startsAt, tz))),
    ...[...others]
      .sort(([a], [b]) => otherOrder.indexOf(a) - otherOrder.indexOf(b))
      .map(([kind, n]) => r.otherCards[kind]?.(n) ?? `${n} ${kind}`),
  ];
  const ends = notice.waiting.map((w) => w.until?.getTime()).filter((t): t is number => t !== undefined);
  const until = ends.length ? r.waitingUntil(formatDateTime(new Date(Math.min(...ends)), tz)) : "";
  return md`${why}\n\n${r.waitingHeading(name)}\n\n${joinMarkup(lines.map((l) => md`- ${l}`), "\n")}\n\n${until}`;
}

/** What the recipient can do about it. */
function unreachableAdvice(notice: UnreachableNotice): string {
  const name = notice.person.name;
  if (notice.install?.forbidden) return strings.reach.doInstallForbidden(name);
  return notice.state.never ? strings.reach.doNotInstalled(name) : strings.reach.doRefused(name);
}

/** «Megan» of «Megan Bowen». */
const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? "";

export function createViews(deps: Omit<TeamsDeps, "cardCopies" | "publishChannelStatus" | "retireChannelStatus" | "sendToPerson" | "log" | "activityLog" | "actionLimit">) {
  const { config, clock } = deps;
  const tz = config.timezone;
  const today = () => localDateOf(clock.now(), tz);
  const maxLength = config.maxTextLength;
  const calendarSettings = { calendarSync: { mode: config.calendarSync, botId: config.bot?.appId }, timezone: tz };

  /**
   * «Føj til kalender» on a meeting's card for one of its participants (CALENDAR_SYNC=link): a
   * meeting still to come, or a cancelled one (its file takes it out again); nothing when it is off.
   */
  const calendarOf = (m: Meeting, viewer: Person): CalendarOffer | undefined => {
    const now = clock.now();
    if (!calendarOffered(calendarSettings) || !takesPart(m, viewer)) return undefined;
    if (m.status === "cancelled") return { cancelled: true };
    if (m.status !== "planned" || meetingEnd(m) <= now) return undefined;
    return { cancelled: false, teamsLink: teamsMeetingLink(m, viewer, calendarSettings, now) };
  };

  return {
    /** What the person can do in their role; `greet` makes it a greeting by first name. */
    async help(actor: Person, opts: { greet?: boolean } = {}): Promise<AdaptiveCard> {
      return buildHelpCard({ audience: await deps.people.audience(actor), greet: opts.greet ? firstName(actor.name) : undefined });
    },

    async schedule(actor: Person, opts: { values?: { leader?: string; date?: string; time?: string }; feedback?: CardFeedback; done?: string; requestId?: string; meeting?: Meeting } = {}) {
      const leaders = await deps.meetings.schedulableLeaders(actor);
      const lead = config.meetingPackLeadDays;
      return buildScheduleCard({
        leaders,
        today: today(),
        packLead: strings.schedule.leadDays(lead),
        minutes: deps.meetings.oneOnOneMinutes,
        workday: { start: config.workingHours.start, end: config.workingHours.end },
        ...opts,
        requestId: opts.requestId ?? newId(),
        calendar: opts.meeting ? { meetingId: opts.meeting.id, offer: calendarOf(opts.meeting, actor) } : undefined,
      });
    },

    async meetings(actor: Person): Promise<AdaptiveCard> {
      const { upcoming, recent } = await deps.meetings.listMine(actor);
      return showing(buildMeetingsCard({ upcoming, recent, viewer: actor, now: clock.now(), tz, calendarOf: (m) => calendarOf(m, actor) }), { kind: "meetings", id: actor.id });
    },

    async tasks(actor: Person, opts: { changed?: FollowUpView; feedback?: CardFeedback; typedComment?: { followUpId: string; text: string } } = {}): Promise<AdaptiveCard> {
      const { items, total } = await deps.followUps.listMine(actor);
      const build = (o: typeof opts) => buildMyTasksCard({ items, total, today: today(), tz, maxLength, ...o });
      return showing(build(opts), { kind: "tasks", id: actor.id }, opts.changed || opts.feedback || opts.typedComment ? build({}) : undefined);
    },

    async agenda(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; pack?: boolean; typedTopic?: string; typedIndstillinger?: Record<string, string> } = {}): Promise<AdaptiveCard> {
      const view = await deps.meetings.agenda(actor, meetingId);
      const intro = opts.pack ? strings.agenda.packIntro(kindInText(view.meeting)) : undefined;
      const hasGuests = view.meeting.chairId === actor.id ? await deps.guestLinks.hasGuests(view.meeting) : false;
      const build = (o: { feedback?: CardFeedback; typedTopic?: string; typedIndstillinger?: Record<string, string> }) =>
        buildAgendaCard({ view, viewer: actor, tz, today: today(), intro, calendar: calendarOf(view.meeting, actor), boardStatementDays: config.boardStatementDays, hasGuests, ...o });
      const typed = opts.typedTopic || opts.typedIndstillinger;
      return showing(
        build({ feedback: opts.feedback, typedTopic: opts.typedTopic, typedIndstillinger: opts.typedIndstillinger }),
        { kind: "agenda", id: view.meeting.id, params: { pack: opts.pack || undefined } },
        opts.feedback || typed ? build({}) : undefined,
      );
    },

    /** The chair's card «Tilføj deltager» (a form being filled: not tracked, not refreshed). */
    async adHoc(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; typed?: TypedAdHoc } = {}): Promise<AdaptiveCard> {
      const { meeting, candidates } = await deps.meetings.adHocChoices(actor, meetingId);
      return buildAdHocCard({ meeting, candidates, tz, ...opts });
    },


    async yearWheel(actor: Person, unitId?: string, opts: { feedback?: CardFeedback; typed?: { entryId?: string; date?: string; time?: string }; showPersonId?: string } = {}): Promise<AdaptiveCard> {
      const view = await deps.yearWheels.view(actor, unitId);
      const load = await deps.congestion.load(view.unit.id, actor.id);
      // One file with every meeting of the wheel the person takes part in: offered as soon as there is one (also a leader's own 1:1s before the chief confirms).
      const calendar = calendarOffered(calendarSettings) && view.takesPartInAny;
      return buildYearWheelCard({ view, tz, workday: { start: config.workingHours.start, end: config.workingHours.end }, load, calendar, ...opts });
    },

    async focusAreas(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; typed?: FocusAreaRowInput[] } = {}): Promise<AdaptiveCard> {
      const view = await deps.focusAreas.view(actor, meetingId);
      const build = (o: typeof opts) => buildFocusAreasCard({ view, tz, today: today(), ...o });
      return showing(build(opts), { kind: "focusAreas", id: view.meeting.id }, opts.feedback || opts.typed ? build({}) : undefined);
    },

    async boardStatement(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; typed?: string } = {}): Promise<AdaptiveCard> {
      const view = await deps.boardStatements.view(actor, meetingId);
      const focusAreas = await deps.focusAreas.active(view.meeting.unit.id, view.meeting.loopId);
      const build = (o: typeof opts) => buildBoardStatementCard({ view, focusAreas, tz, maxLength, ...o });
      return showing(build(opts), { kind: "boardStatement", id: view.meeting.id }, opts.feedback || opts.typed !== undefined ? build({}) : undefined);
    },

    async evaluation(actor: Person, subject: EvaluationSubject, id: string, opts: { feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      const view = await deps.evaluations.view(actor, subject, id);
      const build = (o: typeof opts) => buildEvaluationCard({ view, today: today(), ...o });
      return showing(build(opts), { kind: "evaluation", id, params: { evaluates: subject === "followup" ? undefined : subject } }, opts.feedback ? build({}) : undefined);
    },

    /** Follow-ups whose owner has left, in the chief's units, to give to someone else. */
    async reassign(actor: Person, opts: { feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      const groups = await deps.followUps.orphaned(actor);
      const build = (o: typeof opts) => buildReassignCard({ groups, ...o });
      return showing(build(opts), { kind: "reassign", id: actor.id }, opts.feedback ? build({}) : undefined);
    },

    /** The forvaltning's initiatives in the chief's areas, with a form to register one (a new one-time id unless given). */
    async initiatives(actor: Person, opts: { feedback?: CardFeedback; typed?: Omit<InitiativeInput, "requestId">; requestId?: string; ended?: Initiative } = {}): Promise<AdaptiveCard> {
      const view = await deps.initiatives.view(actor);
      return buildInitiativesCard({ view, requestId: opts.requestId ?? newId(), typed: opts.typed, feedback: opts.feedback, ended: opts.ended });
    },

    /** What the loop learned in the unit of a closed læringssamtale, for its chief. */
    async loopSummary(actor: Person, meetingId: string): Promise<AdaptiveCard> {
      return buildLoopSummaryCard({ summary: await deps.loopSummaries.view(actor, meetingId), tz });
    },

    /** The chief's one nudge when a unit goes over its ceiling (only a chief of the unit is shown it). */
    async congestion(actor: Person, unitId: string): Promise<AdaptiveCard> {
      const load = await deps.congestion.load(unitId, actor.id);
      if (!load) throw new AppError("not-found", strings.generic.notFound);
      return buildNoticeCard(strings.congestion.body(load), { title: strings.congestion.title(load.unitName), buttons: [{ title: strings.congestion.openInitiatives, command: "initiatives" }] });
    },

    async reflection(actor: Person, meetingId: string, opts: { editing?: boolean; typed?: Record<string, string>; feedback?: CardFeedback; authorId?: string } = {}) {
      const view = await deps.reflections.view(actor, meetingId, opts.authorId);
      const { authorId: _a, ...extras } = opts;
      const build = (o: typeof extras) => buildReflectionCard({ view, tz, maxLength, ...o });
      return showing(build(extras), { kind: "reflection", id: view.meeting.id, params: { authorId: view.author.id } }, Object.values(extras).some((v) => v !== undefined) ? build({}) : undefined);
    },

    /**
     * The opfølgningsskema. Its copies are refreshed only when the meeting is closed or reopened
     * (the fingerprint is that state), so a save elsewhere never throws away what is typed here.
     */
    async form(
      actor: Person,
      meetingId: string,
      opts: { typed?: FormRowInput[]; typedRecommendations?: Record<string, string>; shownRecommendations?: Record<string, string>; feedback?: CardFeedback; saved?: { at: Date; revision: number; summary: FormSaveSummary }; load?: IntentionLoad } = {},
    ) {
      const view = await deps.forms.open(actor, meetingId);
      const card = buildFollowUpFormCard({ view, tz, now: clock.now(), ...opts });
      return showingState(card, { kind: "form", id: view.meeting.id }, { status: view.meeting.status, referat: view.meeting.referatVersion });
    },

    /**
     * The referat in force (`intro`: as sent after the meeting); the chair's copy offers «Genåbn
     * mødet» while it may; every copy shows who approved it, and a participant asked may approve it
     * or send a remark (decision 0027; `typedRemark`: a refused remark, kept).
     */
    async referat(actor: Person, meetingId: string, intro = false, opts: { feedback?: CardFeedback; typedRemark?: string } = {}): Promise<AdaptiveCard> {
      const r = await deps.forms.referat(actor, meetingId);
      const status = await deps.referatApprovals.status(meetingId);
      const approval = status ? { status, viewerId: actor.id, maxLength: deps.config.maxTextLength } : undefined;
      const build = (o: { feedback?: CardFeedback; typedRemark?: string }) =>
        buildReferatCard({ ...r, tz, today: today(), intro, feedback: o.feedback, approval: approval && { ...approval, typedRemark: o.typedRemark } });
      return showing(build(opts), { kind: "referat", id: r.meeting.id, params: { intro: intro || undefined } }, opts.feedback || opts.typedRemark ? build({}) : undefined);
    },

    /** An earlier version of the referat, as it was sent (history: not kept up to date, it does not change). */
    async referatVersion(actor: Person, meetingId: string, version: number): Promise<AdaptiveCard> {
      const r = await deps.forms.referat(actor, meetingId, version);
      return buildReferatCard({ ...r, tz, today: today() });
    },

    /** «Følg et område»: the person's areas and what this channel follows. */
    async channelLink(actor: Person, conversationId: string, opts: { feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      const [areas, followed] = await Promise.all([deps.channels.linkableAreas(actor), deps.channels.followedAreas(conversationId)]);
      return buildChannelLinkCard({ areas, followed, ...opts });
    },

    /** The area's status card (drawn at `updatedAt`). */
    areaStatus(status: AreaStatus, updatedAt: Date, opts: { feedback?: CardFeedback } = {}): AdaptiveCard {
      const date = today();
      return buildAreaStatusCard({ status, tz, updatedAt, exportPeriod: { from: `${date.slice(0, 4)}-01-01`, to: date }, ...opts });
    },

    /** One unit of an area, for the channel (never reflections). */
    async unitDetail(areaId: string, unitId: string): Promise<AdaptiveCard> {
      const status = await deps.channels.status(areaId);
      const row = status.units.find((u) => u.unit.id === unitId);
      if (!row) throw new AppError("invalid-input", strings.channel.unknownUnit);
      const detail = await deps.channels.unitDetail(unitId);
      return buildUnitDetailCard({ unit: row.unit, status: row, ...detail, tz });
    },

    /** A short message as a card. */
    notice(text: CardText): AdaptiveCard {
      return buildNoticeCard(text);
    },

    /** The person's download links for an export (with this bot's public address). */
    exportLinks(input: { area: Area; period: { from: string; to: string }; links: { format: string; token: string }[] }): AdaptiveCard {
      return buildExportLinksCard({ ...input, links: input.links.map((l) => ({ format: l.format, url: `${config.publicUrl}/export/${l.token}` })) });
    },

    /** The person's single-use link to one meeting's calendar file. */
    calendarMeetingLink(meeting: Meeting, token: string): AdaptiveCard {
      return buildCalendarLinkCard({ intro: strings.calendar.meetingLink(kindDefinite(meeting), formatDateTime(meeting.startsAt, tz)), url: `${config.publicUrl}/kalender/${token}.ics` });
    },

    /** The participant's single-use link to the referat in force as a PDF. */
    referatPdfLink(meeting: Meeting, token: string): AdaptiveCard {
      return buildReferatPdfLinkCard({ meeting, tz, url: `${config.publicUrl}/referat/${token}` });
    },

    /** The person's single-use link to the calendar file of their meetings in a unit's årshjul. */
    calendarUnitLink(unitName: string, meetings: number, token: string): AdaptiveCard {
      return buildCalendarLinkCard({ intro: strings.calendar.unitLink(meetings, unitName), url: `${config.publicUrl}/kalender/${token}.ics` });
    },

    /** The channel's weekly digest for an area. */
    async channelDigest(areaId: string): Promise<AdaptiveCard> {
      return buildChannelDigestCard({ ...(await deps.channels.digest(areaId)), tz });
    },

    /**
     * To a meeting's chair (or a unit's chief): `personId` cannot be reached in Teams; why, which of
     * the cards they answer for wait, until when, and what to do (reach-service.ts).
     */
    async unreachable(recipient: Person, personId: string): Promise<AdaptiveCard> {
      const notice = await deps.reach.notice(recipient.id, personId);
      if (!notice) throw new AppError("invalid-input", strings.generic.notRegistered);
      return buildNoticeCard(unreachableText(notice, tz), { title: strings.reach.title(notice.person.name), hint: unreachableAdvice(notice) });
    },

    /** The chair's «Deltagere uden Teams»: each one's link to pass on (decision 0025). */
    async guestLinks(actor: Person, meetingId: string, feedback?: CardFeedback): Promise<AdaptiveCard> {
      const { meeting, guests } = await deps.guestLinks.forChair(actor, meetingId);
      // With GUEST_LINK_MAIL=graph each live link also shows its e-mail and «Send link på e-mail».
      const mail = deps.guestLinkMail.on ? await deps.guestLinkMail.states(meetingId) : undefined;
      return buildGuestLinksCard({ meeting, guests, mail, tz, feedback });
    },

    /** The notice to the other participants that the chair cancelled the meeting. */
    async meetingCancelled(actor: Person, meetingId: string): Promise<AdaptiveCard> {
      const { meeting } = await deps.meetings.agenda(actor, meetingId);
      const chair = meeting.participants.find((p) => p.person.id === meeting.chairId)?.person.name ?? "";
      return buildNoticeCard(strings.meeting.cancelledNotice(kindDefinite(meeting), formatDateTime(meeting.startsAt, tz), chair), { title: strings.meeting.cancelledTitle });
    },

    /** To the chair: a participant's remark to the referat, with «Genåbn mødet» while it may be reopened. */
    async referatRemark(actor: Person, remarkId: string, opts: { feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      const view = await deps.referatApprovals.remarkView(actor, remarkId);
      const deadline = reopenDeadline(view.meeting, deps.config.meetingReopenDays, tz);
      const reopenUntil = deadline && deps.clock.now() < deadline ? deadline : undefined;
      return buildReferatRemarkCard({ ...view, reopenUntil, tz, feedback: opts.feedback });
    },

    /** To a person the chair removed ad hoc after the pack reached them (decision 0022). */
    async adHocRemoved(actor: Person, meetingId: string): Promise<AdaptiveCard> {
      const meeting = await deps.meetings.removedFrom(actor, meetingId);
      const chair = meeting.participants.find((p) => p.person.id === meeting.chairId)?.person.name ?? "";
      return buildNoticeCard(strings.adHocCard.removedNotice(formatDateTime(meeting.startsAt, tz), chair), { title: strings.adHocCard.removedTitle });
    },

    /** To the chair: a participant declined the meeting's event in Outlook (CALENDAR_SYNC=graph). */
    async calendarDeclined(actor: Person, meetingId: string, key: string): Promise<AdaptiveCard> {
      const { meeting } = await deps.meetings.agenda(actor, meetingId);
      const who = meeting.participants.find((p) => p.person.id === declinerOfKey(key))?.person.name ?? "";
      return buildNoticeCard(strings.calendar.declined(who, kindDefinite(meeting), formatDateTime(meeting.startsAt, tz)), { title: strings.calendar.declinedTitle });
    },

    /** The owner's weekly overview of follow-ups past their frist. */
    async overdueDigest(actor: Person): Promise<AdaptiveCard> {
      return buildDigestCard(overdueDigestCardData(await deps.digests.overdueFor(actor.id)));
    },

    /** The chief's weekly overview of the area. */
    async chiefDigest(actor: Person): Promise<AdaptiveCard> {
      return buildDigestCard(chiefDigestCardData(await deps.digests.areaFor(actor.id)));
    },

    /** The person's own reminder settings. */
    async preferences(actor: Person, opts: { feedback?: CardFeedback; typed?: PreferencesCardInput["typed"] } = {}): Promise<AdaptiveCard> {
      const [prefs, isChief] = await Promise.all([deps.preferences.get(actor), deps.digests.isChief(actor.id)]);
      return buildPreferencesCard({ prefs, digestTimes: deps.preferences.digestTimes(), isChief, today: today(), ...opts });
    },

    /** A selvejende dagtilbud's yearly afrapportering: the board chair's card, or what was sent (the chief's copy). */
    async boardReport(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; typed?: { followedUp: string; rows: BoardReportFollowUpInput[] } } = {}): Promise<AdaptiveCard> {
      const view = await deps.boardReports.view(actor, meetingId);
      return buildBoardReportCard({ view, tz, maxLength, received: !view.editable && view.meeting.chairId !== actor.id, ...opts });
    },

    /** A week before the meeting, the board's request again with a reminder on top (nothing was sent). */
    async boardStatementReminder(actor: Person, meetingId: string, parts: ReminderPartsInput): Promise<AdaptiveCard> {
      const card = await this.boardStatement(actor, meetingId);
      const view = await deps.boardStatements.view(actor, meetingId);
      return showingAs(withReminder(card, { heading: strings.theBoard.reminderHeading(formatDateTime(view.meeting.startsAt, tz)), ...parts }), card);
    },

    /** The reflection card as the day-before reminder: when the meeting is, and «Mind mig igen». */
    async reflectionReminder(actor: Person, meetingId: string, parts: ReminderPartsInput): Promise<AdaptiveCard> {
      const view = await deps.reflections.view(actor, meetingId);
      const heading = strings.reminders.reflectionHeading(formatDateTime(view.meeting.startsAt, tz));
      const guide = showing(buildReflectionCard({ view, tz, maxLength }), { kind: "reflection", id: view.meeting.id, params: { authorId: view.author.id } });
      return showingAs(withReminder(guide, { heading, ...parts }), guide);
    },

    async followUp(actor: Person, id: string, opts: { heading?: FollowUpHeading; feedback?: CardFeedback; view?: FollowUpView; typedComment?: string } = {}) {
      const view = opts.view ?? (await deps.followUps.get(actor, id));
      const build = (o: { heading?: FollowUpHeading; feedback?: CardFeedback; typedComment?: string }) => buildFollowUpCard({ view, viewer: actor, today: today(), tz, maxLength, ...o });
      return showing(build({ heading: opts.heading, feedback: opts.feedback, typedComment: opts.typedComment }), { kind: "followup", id: view.followUp.id }, opts.heading || opts.feedback || opts.typedComment ? build({}) : undefined);
    },
  };
}

export type Views = ReturnType<typeof createViews>;
