import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { leaderOf } from "./access.js";
import type { MeetingService } from "./meeting-service.js";
import type { Clock, ReflectionRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Person, Reflection, ReflectionAnswers } from "./types.js";
import { templateOf, type TemplateQuestion } from "./meeting-template.js";
import { effectsOf, type Effects } from "./effects.js";

export type ReflectionQuestion = TemplateQuestion;

export interface ReflectionView {
  meeting: Meeting;
  intro: string;
  /** Everyone fills the guide (a læringssamtale), not only the leader. */
  everyone: boolean;
  questions: ReflectionQuestion[];
  author: Person;
  reflection?: Reflection;
  /** The viewer is the author and the meeting has not started: the answers can be (re)sent. */
  editable: boolean;
  viewerIsAuthor: boolean;
  other?: Person;
}

export interface ReflectionServiceDeps {
  meetings: MeetingService;
  reflections: ReflectionRepository;
  clock: Clock;
  settings: DomainSettings;
}

export type ReflectionService = ReturnType<typeof createReflectionService>;

const sameAnswers = (a: ReflectionAnswers, b: ReflectionAnswers): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * The leader's reflection before a 1:1. Private: the author sees it always; the meeting's other
 * participants only once it is sent; nobody else ever.
 */
export function createReflectionService(deps: ReflectionServiceDeps) {
  const { meetings, reflections, clock, settings } = deps;
  /** Whose reflection: the leader's in a 1:1; in a læringssamtale the one asked for, or the viewer's own. */
  async function view(actor: Person, meetingId: string, authorId?: string): Promise<ReflectionView> {
    const meeting = await meetings.getForParticipant(actor, meetingId);
    const template = templateOf(meeting, settings.templates);
    const everyone = template.reflection.fillers === "participants";
    const author = everyone ? meeting.participants.find((p) => p.person.id === (authorId ?? actor.id))?.person : leaderOf(meeting);
    if (!author) throw new AppError("not-found", strings.generic.notFound);
    const reflection = await reflections.get(meeting.id, author.id);
    const viewerIsAuthor = author.id === actor.id;
    const other = everyone ? undefined : meeting.participants.find((p) => p.person.id !== author.id)?.person;
    return {
      meeting,
      intro: template.reflection.intro,
      everyone,
      questions: template.reflection.questions,
      author,
      // Not sent yet: only the author may see the draft.
      reflection: viewerIsAuthor || reflection?.status === "sent" ? reflection : undefined,
      editable: viewerIsAuthor && !meetings.hasStarted(meeting),
      viewerIsAuthor,
      other,
    };
  }

  return {
    view,

    /** Who has sent a reflection for the meeting (participants only). */
    async sentBy(actor: Person, meetingId: string): Promise<Set<string>> {
      const meeting = await meetings.getForParticipant(actor, meetingId);
      return new Set((await reflections.listSent(meeting.id)).map((r) => r.authorId));
    },

    /** Sends (or re-sends, edited) the author's answers. `version` is the card's; a mismatch is stale. */
    async send(actor: Person, meetingId: string, answers: ReflectionAnswers, version: number | undefined): Promise<{ view: ReflectionView; effects: Effects }> {
      const current = await view(actor, meetingId);
      if (!current.viewerIsAuthor) throw new AppError("not-authorised", strings.reflection.onlyLeaderFills);
      if (!current.editable) throw new AppError("meeting-started", strings.reflection.lockedStarted);
      const errors: Record<string, string> = {};
      const clean: ReflectionAnswers = {};
      for (const q of current.questions) {
        const a = (answers[q.id] ?? "").trim();
        if (a.length > settings.maxTextLength) errors[q.id] = strings.generic.tooLong(a.length, settings.maxTextLength);
        else if (q.required && !a) errors[q.id] = strings.reflection.answerRequired;
        if (a) clean[q.id] = a;
      }
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      // The same answers again (a double click, or a repeated attempt whose first one was not answered): already sent.
      if (current.reflection?.status === "sent" && sameAnswers(current.reflection.answers, clean)) {
        return { view: current, effects: effectsOf([{ subject: "reflection", meetingId: current.meeting.id, authorId: actor.id }]) };
      }
      const expected = current.reflection?.version;
      if (version !== expected) throw new AppError("stale-card", strings.generic.staleCard);
      const ok = await reflections.save(
        { id: current.reflection?.id ?? newId(), meetingId, authorId: actor.id, answers: clean, sentAt: clock.now() },
        expected,
      );
      if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
      return { view: await view(actor, meetingId), effects: effectsOf([{ subject: "reflection", meetingId: current.meeting.id, authorId: actor.id }]) };
    },

  };
}
