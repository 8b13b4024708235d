import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { isParticipant } from "./access.js";
import type { Clock, BoardStatementRepository, MeetingRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { BoardStatement, Meeting, Person } from "./types.js";
import { effectsOf, noEffects, type Effects } from "./effects.js";

export interface BoardStatementView {
  meeting: Meeting;
  statement?: BoardStatement;
  editable: boolean;
}

export type BoardStatementService = ReturnType<typeof createBoardStatementService>;

/**
 * The board's statement (udtalelse) before a later læringssamtale, written by a board
 * representative who does not take part. It joins the agenda as input D; the participants
 * read it there.
 */
export function createBoardStatementService(deps: { meetings: MeetingRepository; statements: BoardStatementRepository; units: UnitRepository; clock: Clock; settings: DomainSettings }) {
  const { meetings, statements, units, clock, settings } = deps;

  async function load(actor: Person, meetingId: string): Promise<BoardStatementView> {
    const meeting = await meetings.get(meetingId);
    if (!meeting) throw new AppError("not-found", strings.generic.notFound);
    const roster = await units.roster(meeting.unit.id);
    const isBoard = roster?.boardRepresentativeIds.includes(actor.id) ?? false;
    if (meeting.kind !== "laeringssamtale" || (!isBoard && !isParticipant(meeting, actor.id))) {
      throw new AppError("not-authorised", strings.board.notBoard);
    }
    const statement = (await statements.list(meeting.id)).find((s) => s.authorId === actor.id);
    const open = meeting.status === "planned" && clock.now() < meeting.startsAt;
    return { meeting, statement, editable: isBoard && open };
  }

  return {
    view: load,

    /** What the participants see on the agenda: every statement sent for the meeting. */
    async forMeeting(meetingId: string): Promise<BoardStatement[]> {
      return statements.list(meetingId);
    },

    async send(actor: Person, meetingId: string, text: string, version: number | undefined): Promise<{ view: BoardStatementView; effects: Effects }> {
      const current = await load(actor, meetingId);
      if (!current.editable) throw new AppError("meeting-started", strings.board.closed);
      const clean = text.trim();
      if (!clean) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { statement: strings.board.required });
      if (clean.length > settings.maxTextLength) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { statement: strings.generic.tooLong(clean.length, settings.maxTextLength) });
      if (current.statement?.text === clean) return { view: current, effects: noEffects }; // sent twice
      if (version !== current.statement?.version) throw new AppError("stale-card", strings.generic.staleCard);
      const ok = await statements.save({ id: current.statement?.id ?? newId(), meetingId, authorId: actor.id, text: clean, sentAt: clock.now() }, current.statement?.version);
      if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
      return { view: await load(actor, meetingId), effects: effectsOf([{ subject: "boardStatement", meetingId: current.meeting.id, authorId: actor.id }]) };
    },
  };
}
