import { newId } from "../lib/ids.js";
import { localDateOf } from "../lib/zoned-time.js";
import { buildAgendaCard } from "../cards/agenda-card.js";
import type { CardFeedback } from "../cards/feedback.js";
import { buildFollowUpCard, type FollowUpHeading } from "../cards/followup-card.js";
import { buildFollowUpFormCard } from "../cards/followup-form-card.js";
import { buildHelpCard } from "../cards/help-card.js";
import { buildMeetingsCard } from "../cards/meetings-card.js";
import { buildMyTasksCard } from "../cards/my-tasks-card.js";
import { buildReferatCard } from "../cards/referat-card.js";
import { buildReflectionCard } from "../cards/reflection-card.js";
import { buildScheduleCard } from "../cards/schedule-card.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { FormRowInput } from "../domain/form-service.js";
import type { IntentionLoad } from "../domain/congestion-service.js";
import type { Area, FollowUpView, Person } from "../domain/types.js";
import type { TeamsDeps } from "./deps.js";
import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { kindDefinite, kindInText } from "../cards/meeting-labels.js";
import { buildYearWheelCard } from "../cards/year-wheel-card.js";
import { buildFocusAreasCard } from "../cards/focus-areas-card.js";
import { buildBoardStatementCard } from "../cards/board-statement-card.js";
import { buildEvaluationCard } from "../cards/evaluation-card.js";
import { buildNoticeCard } from "../cards/notice-card.js";
import { buildReassignCard } from "../cards/reassign-card.js";
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

/**
 * The cards a person can open, built from the domain's current state. Handlers and the
 * notification renderer share these, so a card looks the same however it was reached.
 */
/** «Megan» of «Megan Bowen». */
const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? "";

export function createViews(deps: Omit<TeamsDeps, "kickDelivery" | "refreshCardCopies" | "publishChannelStatus" | "retireChannelStatus" | "sendToPerson" | "log" | "activityLog" | "actionLimit">) {
  const { config, clock } = deps;
  const tz = config.timezone;
  const today = () => localDateOf(clock.now(), tz);
  const maxLength = config.maxTextLength;

  return {
    /** What the person can do in their role; `greet` makes it a greeting by first name. */
    async help(actor: Person, opts: { greet?: boolean } = {}): Promise<AdaptiveCard> {
      return buildHelpCard({ audience: await deps.people.audience(actor), greet: opts.greet ? firstName(actor.name) : undefined });
    },

    async schedule(actor: Person, opts: { values?: { leader?: string; date?: string; time?: string }; feedback?: CardFeedback; done?: string; requestId?: string } = {}) {
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
      });
    },

    async meetings(actor: Person): Promise<AdaptiveCard> {
      const { upcoming, recent } = await deps.meetings.listMine(actor);
      return buildMeetingsCard({ upcoming, recent, viewer: actor, now: clock.now(), tz });
    },

    async tasks(actor: Person, opts: { changed?: FollowUpView; feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      const { items, total } = await deps.followUps.listMine(actor);
      return buildMyTasksCard({ items, total, today: today(), tz, maxLength, ...opts });
    },

    async agenda(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; pack?: boolean } = {}): Promise<AdaptiveCard> {
      const view = await deps.meetings.agenda(actor, meetingId);
      return buildAgendaCard({ view, viewer: actor, tz, today: today(), feedback: opts.feedback, intro: opts.pack ? strings.agenda.packIntro(kindInText(view.meeting)) : undefined });
    },

    async yearWheel(actor: Person, unitId?: string, opts: { feedback?: CardFeedback; typed?: { entryId?: string; date?: string; time?: string }; showPersonId?: string } = {}): Promise<AdaptiveCard> {
      const view = await deps.yearWheels.view(actor, unitId);
      const load = await deps.congestion.load(view.unit.id);
      return buildYearWheelCard({ view, tz, workday: { start: config.workingHours.start, end: config.workingHours.end }, load, ...opts });
    },

    async focusAreas(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; typed?: FocusAreaRowInput[] } = {}): Promise<AdaptiveCard> {
      const view = await deps.focusAreas.view(actor, meetingId);
      return buildFocusAreasCard({ view, tz, today: today(), ...opts });
    },

    async boardStatement(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; typed?: string } = {}): Promise<AdaptiveCard> {
      const view = await deps.boardStatements.view(actor, meetingId);
      const focusAreas = await deps.focusAreas.active(view.meeting.unit.id, view.meeting.loopId);
      return buildBoardStatementCard({ view, focusAreas, tz, maxLength, ...opts });
    },

    async evaluation(actor: Person, subject: EvaluationSubject, id: string, opts: { feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      const view = await deps.evaluations.view(actor, subject, id);
      return buildEvaluationCard({ view, today: today(), ...opts });
    },

    /** Follow-ups whose owner has left, in the chief's units, to give to someone else. */
    async reassign(actor: Person, opts: { feedback?: CardFeedback } = {}): Promise<AdaptiveCard> {
      return buildReassignCard({ groups: await deps.followUps.orphaned(actor), ...opts });
    },

    /** The chief's one nudge when a unit goes over its ceiling. */
    async congestion(unitId: string): Promise<AdaptiveCard> {
      const load = await deps.congestion.load(unitId);
      if (!load) throw new AppError("not-found", strings.generic.notFound);
      return buildNoticeCard(strings.congestion.body(load.count, load.ceiling), { title: strings.congestion.title(load.unitName) });
    },

    async reflection(actor: Person, meetingId: string, opts: { editing?: boolean; typed?: Record<string, string>; feedback?: CardFeedback; authorId?: string } = {}) {
      const view = await deps.reflections.view(actor, meetingId, opts.authorId);
      return buildReflectionCard({ view, tz, maxLength, ...opts });
    },

    async form(
      actor: Person,
      meetingId: string,
      opts: { typed?: FormRowInput[]; typedRecommendations?: Record<string, string>; feedback?: CardFeedback; savedAt?: Date; revision?: number; load?: IntentionLoad } = {},
    ) {
      const view = await deps.forms.open(actor, meetingId);
      return buildFollowUpFormCard({ view, tz, ...opts });
    },

    async referat(actor: Person, meetingId: string, intro = false): Promise<AdaptiveCard> {
      const r = await deps.forms.referat(actor, meetingId);
      return buildReferatCard({ ...r, tz, today: today(), intro });
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
    notice(text: string): AdaptiveCard {
      return buildNoticeCard(text);
    },

    /** The person's download links for an export (with this bot's public address). */
    exportLinks(input: { area: Area; period: { from: string; to: string }; links: { format: string; token: string }[] }): AdaptiveCard {
      return buildExportLinksCard({ ...input, links: input.links.map((l) => ({ format: l.format, url: `${config.publicUrl}/export/${l.token}` })) });
    },

    /** The channel's weekly digest for an area. */
    async channelDigest(areaId: string): Promise<AdaptiveCard> {
      return buildChannelDigestCard({ ...(await deps.channels.digest(areaId)), tz });
    },

    /** The notice to the other participants that the chair cancelled the meeting. */
    async meetingCancelled(actor: Person, meetingId: string): Promise<AdaptiveCard> {
      const { meeting } = await deps.meetings.agenda(actor, meetingId);
      const chair = meeting.participants.find((p) => p.person.id === meeting.chairId)?.person.name ?? "";
      return buildNoticeCard(strings.meeting.cancelledNotice(kindDefinite(meeting), formatDateTime(meeting.startsAt, tz), chair), { title: strings.meeting.cancelledTitle });
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

    /** The reflection card as the day-before reminder: when the meeting is, and «Mind mig igen». */
    async reflectionReminder(actor: Person, meetingId: string, parts: ReminderPartsInput): Promise<AdaptiveCard> {
      const view = await deps.reflections.view(actor, meetingId);
      const heading = strings.reminders.reflectionHeading(formatDateTime(view.meeting.startsAt, tz));
      return withReminder(buildReflectionCard({ view, tz, maxLength }), { heading, ...parts });
    },

    async followUp(actor: Person, id: string, opts: { heading?: FollowUpHeading; feedback?: CardFeedback; view?: FollowUpView } = {}) {
      const view = opts.view ?? (await deps.followUps.get(actor, id));
      return buildFollowUpCard({ view, viewer: actor, today: today(), tz, maxLength, heading: opts.heading, feedback: opts.feedback });
    },
  };
}

export type Views = ReturnType<typeof createViews>;
