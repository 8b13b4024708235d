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
import type { FollowUpView, Person } from "../domain/types.js";
import type { TeamsDeps } from "./deps.js";

/**
 * The cards a person can open, built from the domain's current state. Handlers and the
 * notification renderer share these, so a card looks the same however it was reached.
 */
export function createViews(deps: Omit<TeamsDeps, "kickDelivery" | "refreshCardCopies" | "log" | "activityLog">) {
  const { config, clock } = deps;
  const tz = config.timezone;
  const today = () => localDateOf(clock.now(), tz);
  const maxLength = config.maxTextLength;

  return {
    async help(actor: Person): Promise<AdaptiveCard> {
      const isChief = await deps.meetings.schedulableLeaders(actor).then(
        () => true,
        () => false,
      );
      return buildHelpCard(isChief);
    },

    async schedule(actor: Person, opts: { values?: { leader?: string; date?: string; time?: string }; feedback?: CardFeedback; done?: string; requestId?: string } = {}) {
      const leaders = await deps.meetings.schedulableLeaders(actor);
      const lead = config.meetingPackLeadDays;
      return buildScheduleCard({
        leaders,
        today: today(),
        packLead: lead === 1 ? "1 arbejdsdag" : `${lead} arbejdsdage`,
        minutes: config.oneOnOneMinutes,
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

    async agenda(actor: Person, meetingId: string, opts: { feedback?: CardFeedback; intro?: string } = {}): Promise<AdaptiveCard> {
      const view = await deps.meetings.agenda(actor, meetingId);
      return buildAgendaCard({ view, viewer: actor, tz, today: today(), ...opts });
    },

    async reflection(actor: Person, meetingId: string, opts: { editing?: boolean; typed?: Record<string, string>; feedback?: CardFeedback } = {}) {
      const view = await deps.reflections.view(actor, meetingId);
      return buildReflectionCard({ view, tz, maxLength, ...opts });
    },

    async form(actor: Person, meetingId: string, opts: { typed?: FormRowInput[]; feedback?: CardFeedback; savedAt?: Date; revision?: number } = {}) {
      const view = await deps.forms.open(actor, meetingId);
      return buildFollowUpFormCard({ view, tz, ...opts });
    },

    async referat(actor: Person, meetingId: string, intro = false): Promise<AdaptiveCard> {
      const r = await deps.forms.referat(actor, meetingId);
      return buildReferatCard({ ...r, tz, today: today(), intro });
    },

    async followUp(actor: Person, id: string, opts: { heading?: FollowUpHeading; feedback?: CardFeedback; view?: FollowUpView } = {}) {
      const view = opts.view ?? (await deps.followUps.get(actor, id));
      return buildFollowUpCard({ view, viewer: actor, today: today(), tz, maxLength, heading: opts.heading, feedback: opts.feedback });
    },
  };
}

export type Views = ReturnType<typeof createViews>;
