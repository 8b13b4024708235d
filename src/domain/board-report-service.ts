import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import type { CongestionService } from "./congestion-service.js";
import { effectsOf, meetingChanged, noEffects, type Changed, type Effects } from "./effects.js";
import { mayOwnFollowUp, rosterIds } from "./followup-owners.js";
import { limits } from "./limits.js";
import { followUpAssignedRow, followUpReminderRows } from "./notification-keys.js";
import type { BoardReportRepository, Clock, FollowUpRepository, FormRepository, LoopRepository, MeetingRepository, NotificationRepository, PeopleRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { BoardReport, FollowUp, Loop, Meeting, Person, PlannedNotification } from "./types.js";

/** One follow-up the board agrees in its afrapportering: one owner and a frist, like any other. */
export interface BoardReportFollowUpInput {
  text: string;
  ownerId: string;
  dueDate: string;
}

export interface BoardReportView {
  /** The year's last læringssamtale the afrapportering follows. */
  meeting: Meeting;
  year: number;
  report?: BoardReport;
  /** Its follow-ups, once sent. */
  followUps: FollowUp[];
  /** Who may own a follow-up (the unit's people), by name. */
  owners: Person[];
  /** The board's chair, while it is not sent. */
  editable: boolean;
}

export type BoardReportService = ReturnType<typeof createBoardReportService>;

/**
 * The afrapportering's year of the loop: whole years since the loop's start (a loop starting
 * 1 March 2027 has the years 1 March 2027 – 28 February 2028 and on to 2029), named by the calendar
 * year it begins in. Copenhagen dates.
 */
export function loopYearOf(startsAt: Date, loop: Pick<Loop, "startDate">, tz: string): number {
  const day = localDateOf(startsAt, tz);
  const startYear = Number(loop.startDate.slice(0, 4));
  const whole = Number(day.slice(0, 4)) - startYear - (day.slice(5) < loop.startDate.slice(5) ? 1 : 0);
  return startYear + Math.max(0, whole);
}

/**
 * A selvejende dagtilbud's written afrapportering (seed 002: «Børn og Unge-chefens opfølgning
 * består af bestyrelsens skriftlige afrapportering»): once per year of the loop, after the year's
 * last læringssamtale is closed, the board's chair gets a short card (what the board has followed
 * up on, and its follow-ups with one owner and a frist each). What is sent reaches the unit's
 * chiefs; its follow-ups join that læringssamtale's, so they count and are carried as those are.
 */
export function createBoardReportService(deps: {
  meetings: MeetingRepository;
  reports: BoardReportRepository;
  forms: FormRepository;
  followUps: FollowUpRepository;
  people: PeopleRepository;
  units: UnitRepository;
  loops: Pick<LoopRepository, "get">;
  notifications: NotificationRepository;
  congestion: Pick<CongestionService, "check">;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { meetings, reports, forms, followUps, people, units, loops, notifications, congestion, clock, settings } = deps;
  const { calendar } = settings;
  const tz = calendar.tz;

  /** The year of the loop a meeting of the loop falls in (the loop's start; a missing loop counts from its own year). */
  async function yearIn(loopId: string): Promise<(m: Meeting) => number> {
    const loop = await loops.get(loopId);
    return (m) => loopYearOf(m.startsAt, loop ?? { startDate: `${localDateOf(m.startsAt, tz).slice(0, 4)}-01-01` }, tz);
  }

  async function load(actor: Person, meetingId: string): Promise<BoardReportView> {
    const meeting = await meetings.get(meetingId);
    if (!meeting || meeting.kind !== "laeringssamtale" || !meeting.unit.selvejende || !meeting.loopId) throw new AppError("not-found", strings.generic.notFound);
    const roster = await units.roster(meeting.unit.id);
    // The board, the læringssamtale's participants (the leader serves the board) and the unit's chiefs.
    const mayRead = meeting.participants.some((p) => p.person.id === actor.id) || (roster?.boardRepresentativeIds.includes(actor.id) ?? false) || (roster?.chiefIds.includes(actor.id) ?? false);
    if (!mayRead) throw new AppError("not-authorised", strings.theBoard.reportNotYours);
    const year = (await yearIn(meeting.loopId))(meeting);
    const report = await reports.get(meeting.unit.id, meeting.loopId, year);
    const all = report?.decisionId ? await followUps.listByMeeting(report.meetingId) : [];
    const ownerIds = roster ? rosterIds(roster) : meeting.participants.map((p) => p.person.id);
    const owners = (await Promise.all(ownerIds.map((id) => people.byId(id)))).filter((p): p is Person => !!p && p.active);
    return { meeting, year, report, followUps: all.filter((f) => f.decisionId === report?.decisionId), owners, editable: !report && meeting.chairId === actor.id };
  }

  /** The rows of a valid input, and the Danish errors per field of the card. */
  function validate(view: BoardReportView, followedUp: string, rows: BoardReportFollowUpInput[], roster: Parameters<typeof mayOwnFollowUp>[2]) {
    const errors: Record<string, string> = {};
    if (!followedUp) errors.followedUp = strings.theBoard.reportRequired;
    else if (followedUp.length > settings.maxTextLength) errors.followedUp = strings.generic.tooLong(followedUp.length, settings.maxTextLength);
    const today = localDateOf(clock.now(), tz);
    const kept: BoardReportFollowUpInput[] = [];
    rows.forEach((row, i) => {
      if (!row.text && !row.ownerId && !row.dueDate) return; // an empty row
      if (!row.text) errors[`followup_${i}`] = strings.theBoard.reportFollowUpRequired;
      else if (row.text.length > limits.followUpText) errors[`followup_${i}`] = strings.generic.tooLong(row.text.length, limits.followUpText);
      if (!row.ownerId) errors[`owner_${i}`] = strings.form.ownerRequired;
      else if (!view.owners.some((p) => p.id === row.ownerId) || !mayOwnFollowUp(view.meeting, row.ownerId, roster)) errors[`owner_${i}`] = strings.form.ownerNotParticipant;
      if (!row.dueDate) errors[`due_${i}`] = strings.form.dueRequired;
      else if (!isValidLocalDate(row.dueDate)) errors[`due_${i}`] = strings.generic.invalidDate;
      else if (compareDates(row.dueDate, today) < 0) errors[`due_${i}`] = strings.generic.dateInPast;
      else if (compareDates(row.dueDate, addDays(today, 730)) > 0) errors[`due_${i}`] = strings.generic.dateTooFar;
      kept.push(row);
    });
    return { errors, kept };
  }

  /** What a sent afrapportering plans: its owners told and reminded, the unit's chiefs given what was sent. */
  function rowsAfterSending(report: BoardReport, sent: Pick<FollowUp, "id" | "ownerId" | "dueDate">[], chiefIds: string[], now: Date): PlannedNotification[] {
    const planned: PlannedNotification[] = [];
    for (const f of sent) planned.push(followUpAssignedRow(f, report.authorId, calendar, now), ...followUpReminderRows(f, settings.followUpDueSoonDays, calendar, now));
    for (const chiefId of chiefIds) planned.push({ key: `board_report_received:${report.id}:${chiefId}`, kind: "board_report_received", personId: chiefId, subjectId: report.meetingId, dueAt: calendar.nextWindowStart(now) });
    return planned;
  }

  return {
    view: load,

    /**
     * The afrapportering to plan when a læringssamtale is closed: once per unit, loop and year,
     * after the year's last læringssamtale of a selvejende dagtilbud (closing it again after a
     * reopening plans nothing new: the key is the same).
     */
    async rowsAfterClosing(meeting: Meeting, now: Date): Promise<PlannedNotification[]> {
      if (meeting.kind !== "laeringssamtale" || !meeting.unit.selvejende || !meeting.loopId) return [];
      const yearOf = await yearIn(meeting.loopId);
      const year = yearOf(meeting);
      const others = await meetings.getMany(await meetings.idsOfUnit(meeting.unit.id, { kind: "laeringssamtale", loopId: meeting.loopId }));
      if (others.some((m) => m.id !== meeting.id && m.status !== "cancelled" && yearOf(m) === year && m.startsAt > meeting.startsAt)) return [];
      return [
        {
          key: `board_report:${meeting.unit.id}:${meeting.loopId}:${year}:${meeting.chairId}`,
          kind: "board_report",
          personId: meeting.chairId,
          subjectId: meeting.id,
          dueAt: calendar.nextWindowStart(now),
        },
      ];
    },

    /**
     * The board's chair sends the afrapportering: stored once (sent twice, or from two copies,
     * stores one), its follow-ups written under one decision of that læringssamtale, the owners
     * told, and the unit's chiefs get what was sent.
     */
    async send(actor: Person, meetingId: string, followedUp: string, rows: BoardReportFollowUpInput[]): Promise<{ view: BoardReportView; effects: Effects }> {
      const view = await load(actor, meetingId);
      const clean = followedUp.trim();
      const roster = await units.roster(view.meeting.unit.id);
      if (view.report) {
        if (view.report.followedUp !== clean) throw new AppError("invalid-input", strings.theBoard.reportAlreadySent);
        // Sent twice: what a failure after storing may have left unplanned is planned now (the keys make it once).
        const added = await notifications.plan(rowsAfterSending(view.report, view.followUps.filter((f) => f.status === "open"), roster?.chiefIds ?? [], clock.now()), clock.now());
        return { view, effects: effectsOf([], added) };
      }
      if (!view.editable) throw new AppError("not-authorised", strings.theBoard.reportChairOnly);
      const { errors, kept } = validate(view, clean, rows.map((r) => ({ text: r.text.trim(), ownerId: r.ownerId.trim(), dueDate: r.dueDate.trim() })), roster);
      if (Object.keys(errors).length) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const now = clock.now();
      const decisionId = kept.length ? newId() : undefined;
      const report: BoardReport = { id: newId(), unitId: view.meeting.unit.id, loopId: view.meeting.loopId!, year: view.year, meetingId, decisionId, authorId: actor.id, followedUp: clean, version: 1, sentAt: now };
      const created = kept.map((r) => ({ id: newId(), decisionId: decisionId!, text: r.text, ownerId: r.ownerId, dueDate: r.dueDate }));
      // Its follow-ups join the læringssamtale's, under one decision of their own, in the report's own
      // transaction (a retry if the form moved on meanwhile).
      const change = { createDecisions: [{ id: decisionId ?? "", position: 0, text: strings.theBoard.reportDecision(view.year) }], updateDecisions: [], deleteDecisionIds: [], createFollowUps: created, updateFollowUps: [], recommendations: [], cancelFollowUpIds: [] };
      for (let attempt = 0; ; attempt++) {
        const current = (await meetings.get(meetingId))!;
        change.createDecisions[0]!.position = (await forms.rows(meetingId)).length;
        const stored = await reports.create(report, decisionId ? { expectedVersion: current.version, change } : undefined);
        if (stored === "exists") return { view: await load(actor, meetingId), effects: noEffects }; // another copy got there first
        if (stored === "created") break;
        if (attempt === 2) throw new AppError("stale-card", strings.generic.staleCard);
      }
      const changed: Changed[] = [meetingChanged(view.meeting)];
      for (const f of created) changed.push({ subject: "followUp", id: f.id, meetingId, unitId: view.meeting.unit.id, ownerIds: [f.ownerId] });
      const added = await notifications.plan(rowsAfterSending(report, created, roster?.chiefIds ?? [], now), now);
      const congested = created.length ? (await congestion.check(view.meeting.unit.id, actor.id)).planned : 0;
      return { view: await load(actor, meetingId), effects: effectsOf(changed, added + congested) };
    },
  };
}
