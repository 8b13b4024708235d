import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { leaderOf } from "./access.js";
import type { MeetingService } from "./meeting-service.js";
import type { Clock, ReflectionRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Person, Reflection, ReflectionAnswers } from "./types.js";

export interface ReflectionQuestion {
  id: string;
  text: string;
  help: string;
  required: boolean;
}

export interface ReflectionView {
  meeting: Meeting;
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

/**
 * The leader's reflection before a 1:1. Private: the author sees it always; the meeting's other
 * participants only once it is sent; nobody else ever.
 */
export function createReflectionService(deps: ReflectionServiceDeps) {
  const { meetings, reflections, clock, settings } = deps;
  const questions: ReflectionQuestion[] = strings.templates.oneOnOne.questions.map((q) => ({ ...q }));

  async function view(actor: Person, meetingId: string): Promise<ReflectionView> {
    const meeting = await meetings.getForParticipant(actor, meetingId);
    const author = leaderOf(meeting);
    if (!author) throw new AppError("not-found", strings.generic.notFound);
    const reflection = await reflections.get(meeting.id, author.id);
    const viewerIsAuthor = author.id === actor.id;
    const other = meeting.participants.find((p) => p.person.id !== author.id)?.person;
    return {
      meeting,
      questions,
      author,
      // Not sent yet: only the author may see the draft.
      reflection: viewerIsAuthor || reflection?.status === "sent" ? reflection : undefined,
      editable: viewerIsAuthor && !meetings.hasStarted(meeting),
      viewerIsAuthor,
      other,
    };
  }

  return {
    questions,
    view,

    /** Sends (or re-sends, edited) the author's answers. `version` is the card's; a mismatch is stale. */
    async send(actor: Person, meetingId: string, answers: ReflectionAnswers, version: number | undefined): Promise<ReflectionView> {
      const current = await view(actor, meetingId);
      if (!current.viewerIsAuthor) throw new AppError("not-authorised", strings.reflection.onlyLeaderFills);
      if (!current.editable) throw new AppError("meeting-started", strings.reflection.lockedStarted);
      const errors: Record<string, string> = {};
      const clean: ReflectionAnswers = {};
      for (const q of questions) {
        const a = (answers[q.id] ?? "").trim();
        if (a.length > settings.maxTextLength) errors[q.id] = strings.generic.tooLong(settings.maxTextLength);
        else if (q.required && !a) errors[q.id] = strings.reflection.answerRequired;
        if (a) clean[q.id] = a;
      }
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const expected = current.reflection?.version;
      if (version !== expected) throw new AppError("stale-card", strings.generic.staleCard);
      const ok = await reflections.save(
        { id: current.reflection?.id ?? newId(), meetingId, authorId: actor.id, answers: clean, sentAt: clock.now() },
        expected,
      );
      if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
      return view(actor, meetingId);
    },

  };
}
