import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import type { MeetingService } from "./meeting-service.js";
import type { Clock, LoopRepository, ReflectionRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Participant, Person, Reflection, ReflectionAnswers } from "./types.js";
import { DATAPAKKE_SOURCE, guideFor, guideIsShared, templateOf, type GuideRole, type TemplateQuestion } from "./meeting-template.js";
import { effectsOf, type Effects } from "./effects.js";

export type ReflectionQuestion = TemplateQuestion;

export interface ReflectionView {
  meeting: Meeting;
  intro: string;
  /** More than the leader fills the guide (a læringssamtale: each role its own set). */
  everyone: boolean;
  /** The author's questions: their role's set in the template. */
  questions: ReflectionQuestion[];
  author: Person;
  /** Whose questions the author answers (shown to the others beside the name). */
  authorRole: GuideRole;
  /** «Intet nyt» is offered: a 1:1 guide whose questions are all optional, while the author has sent no answers. */
  nothingNewOffered: boolean;
  reflection?: Reflection;
  /** The viewer is the author and the meeting has not started: the answers can be (re)sent. */
  editable: boolean;
  viewerIsAuthor: boolean;
  other?: Person;
  /**
   * The unit's datapakke in the meeting's loop (input A) and the question it stands beside: the
   * author's set's question about the datapakke, when there is one and the organisation file gives
   * an address. Only here is it decided; the card puts the link where this says.
   */
  datapakke?: { questionId: string; url: string };
}

export interface ReflectionServiceDeps {
  meetings: MeetingService;
  reflections: ReflectionRepository;
  loops: Pick<LoopRepository, "datapakke">;
  clock: Clock;
  settings: DomainSettings;
}

export type ReflectionService = ReturnType<typeof createReflectionService>;

/** Sent with answers: «Intet nyt» would erase them. */
const hasSentAnswers = (r: Reflection | undefined): boolean => r?.status === "sent" && !r.nothingNew && Object.values(r.answers).some((a) => a.trim() !== "");

const sameAnswers = (a: ReflectionAnswers, b: ReflectionAnswers): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * A guide sent empty in a 1:1 (possible only where no question is required) is «Intet nyt». In a
 * læringssamtale «nothing new» makes no sense, so an empty send there stays an empty reflection.
 */
export const sentEmptyIsNothingNew = (meeting: Pick<Meeting, "kind">, answers: ReflectionAnswers): boolean =>
  meeting.kind !== "laeringssamtale" && Object.values(answers).every((a) => a.trim() === "");

/**
 * The leader's reflection before a 1:1. Private: the author sees it always; the meeting's other
 * participants only once it is sent; nobody else ever.
 */
export function createReflectionService(deps: ReflectionServiceDeps) {
  const { meetings, reflections, loops, clock, settings } = deps;
  /**
   * Whose reflection: the one asked for, or the viewer's own if their role is asked, or (the chair
   * of a 1:1) the leader's. Each author gets their own role's questions. In a læringssamtale, a
   * participant whose role the template leaves out is told so.
   */
  async function view(actor: Person, meetingId: string, authorId?: string): Promise<ReflectionView> {
    const meeting = await meetings.getForParticipant(actor, meetingId);
    const template = templateOf(meeting, settings.templates);
    const guideOf = (p: Participant) => guideFor(template, meeting, p.role);
    const wanted = authorId ?? actor.id;
    const own = meeting.participants.find((p) => p.person.id === wanted && guideOf(p));
    if (!own && !authorId && meeting.kind === "laeringssamtale") throw new AppError("not-authorised", strings.reflection.roleNotAsked);
    const participant = own ?? (authorId ? undefined : meeting.participants.find((p) => p.role === "leader" && guideOf(p)));
    const guide = participant && guideOf(participant);
    if (!participant || !guide) throw new AppError("not-found", strings.generic.notFound);
    const author = participant.person;
    const reflection = await reflections.get(meeting.id, author.id);
    const viewerIsAuthor = author.id === actor.id;
    const everyone = guideIsShared(template);
    const other = everyone ? undefined : meeting.participants.find((p) => p.person.id !== author.id)?.person;
    // The link to the data stands where input A is asked: only a set with that question gets it.
    const dataQuestion = guide.questions.find((q) => q.source === DATAPAKKE_SOURCE);
    const datapakkeUrl = dataQuestion && meeting.loopId ? await loops.datapakke(meeting.unit.id, meeting.loopId) : undefined;
    const datapakke = dataQuestion && datapakkeUrl ? { questionId: dataQuestion.id, url: datapakkeUrl } : undefined;
    return {
      meeting,
      intro: guide.intro,
      everyone,
      questions: guide.questions,
      author,
      authorRole: guide.role,
      nothingNewOffered: meeting.kind !== "laeringssamtale" && guide.questions.every((q) => !q.required) && !hasSentAnswers(reflection),
      // Not sent yet: only the author may see the draft.
      reflection: viewerIsAuthor || reflection?.status === "sent" ? reflection : undefined,
      editable: viewerIsAuthor && !meetings.hasStarted(meeting),
      viewerIsAuthor,
      other,
      datapakke,
    };
  }

  /** Refuses anyone but the author, and a guide whose meeting has begun. */
  async function ownGuide(actor: Person, meetingId: string): Promise<ReflectionView> {
    const current = await view(actor, meetingId);
    if (!current.viewerIsAuthor) throw new AppError("not-authorised", strings.reflection.onlyLeaderFills);
    if (!current.editable) throw new AppError("meeting-started", strings.reflection.lockedStarted);
    return current;
  }

  return {
    view,

    /** Who has sent a reflection for the meeting (participants only). */
    async sentBy(actor: Person, meetingId: string): Promise<Set<string>> {
      const meeting = await meetings.getForParticipant(actor, meetingId);
      return new Set((await reflections.listSent(meeting.id)).map((r) => r.authorId));
    },

    /**
     * Sends (or re-sends, edited) the author's answers. `version` is the card's; a mismatch is stale.
     * In a 1:1, nothing written is stored as «Intet nyt» (`nothingNew`), as the button would.
     */
    async send(actor: Person, meetingId: string, answers: ReflectionAnswers, version: number | undefined): Promise<{ view: ReflectionView; effects: Effects }> {
      const current = await ownGuide(actor, meetingId);
      const errors: Record<string, string> = {};
      const clean: ReflectionAnswers = {};
      for (const q of current.questions) {
        const a = (answers[q.id] ?? "").trim();
        if (a.length > settings.maxTextLength) errors[q.id] = strings.generic.tooLong(a.length, settings.maxTextLength);
        else if (q.required && !a) errors[q.id] = strings.reflection.answerRequired;
        if (a) clean[q.id] = a;
      }
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      // A 1:1 guide sent with nothing written says what «Intet nyt» says, and is stored so: one meaning.
      const nothingNew = sentEmptyIsNothingNew(current.meeting, clean);
      // The same answers again (a double click, or a repeated attempt whose first one was not answered): already sent.
      if (current.reflection?.status === "sent" && current.reflection.nothingNew === nothingNew && sameAnswers(current.reflection.answers, clean)) {
        return { view: current, effects: effectsOf([{ subject: "reflection", meetingId: current.meeting.id, authorId: actor.id }]) };
      }
      const expected = current.reflection?.version;
      if (version !== expected) throw new AppError("stale-card", strings.generic.staleCard);
      const ok = await reflections.save(
        { id: current.reflection?.id ?? newId(), meetingId, authorId: actor.id, answers: clean, nothingNew, sentAt: clock.now() },
        expected,
      );
      if (!ok) {
        // A concurrent send of the same answers (or an empty send racing «Intet nyt») won: that is what was asked.
        const again = await view(actor, meetingId);
        if (again.reflection?.status === "sent" && again.reflection.nothingNew === nothingNew && sameAnswers(again.reflection.answers, clean)) {
          return { view: again, effects: effectsOf([{ subject: "reflection", meetingId: current.meeting.id, authorId: actor.id }]) };
        }
        throw new AppError("stale-card", strings.generic.staleCard);
      }
      return { view: await view(actor, meetingId), effects: effectsOf([{ subject: "reflection", meetingId: current.meeting.id, authorId: actor.id }]) };
    },

    /**
     * «Intet nyt»: the author answers the guide in one tap with nothing new since the last meeting
     * (a 1:1 guide with no required question). Idempotent: a second tap, or a redelivered one,
     * finds it answered so and changes nothing. `version` is the card's, as for send. It never erases
     * what was written: refused once answers are sent, or when the tap came with text typed in the
     * guide (`typed`, the card's inputs by question id).
     */
    async nothingNew(actor: Person, meetingId: string, version: number | undefined, typed: ReflectionAnswers = {}): Promise<{ view: ReflectionView; effects: Effects }> {
      const current = await ownGuide(actor, meetingId);
      if (Object.values(typed).some((a) => a.trim() !== "")) throw new AppError("invalid-input", strings.reflection.nothingNewWithText);
      if (hasSentAnswers(current.reflection)) throw new AppError("invalid-input", strings.reflection.nothingNewAfterAnswers);
      if (!current.nothingNewOffered) throw new AppError("invalid-input", strings.reflection.nothingNewNotOffered);
      const subject = effectsOf([{ subject: "reflection", meetingId: current.meeting.id, authorId: actor.id }]);
      if (current.reflection?.status === "sent" && current.reflection.nothingNew) return { view: current, effects: subject };
      const expected = current.reflection?.version;
      if (version !== expected) throw new AppError("stale-card", strings.generic.staleCard);
      const ok = await reflections.save({ id: current.reflection?.id ?? newId(), meetingId, authorId: actor.id, answers: {}, nothingNew: true, sentAt: clock.now() }, expected);
      if (!ok) {
        // A concurrent tap of the same button won the race: that is the answer asked for.
        const again = await view(actor, meetingId);
        if (again.reflection?.status === "sent" && again.reflection.nothingNew) return { view: again, effects: subject };
        throw new AppError("stale-card", strings.generic.staleCard);
      }
      return { view: await view(actor, meetingId), effects: subject };
    },
  };
}
