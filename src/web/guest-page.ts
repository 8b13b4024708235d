import type { Logger } from "pino";
import { isParticipant } from "../domain/access.js";
import type { BoardStatementService } from "../domain/board-statement-service.js";
import { noEffects, type Effects } from "../domain/effects.js";
import type { FormService } from "../domain/form-service.js";
import type { MeetingService } from "../domain/meeting-service.js";
import type { Clock } from "../domain/ports.js";
import type { ReferatApprovalService } from "../domain/referat-approval-service.js";
import type { ReflectionService, ReflectionView } from "../domain/reflection-service.js";
import type { FocusArea, Meeting, Person } from "../domain/types.js";
import { AppError, isAppError } from "../lib/errors.js";
import { formatDateTime } from "../lib/format-da.js";
import { logError } from "../lib/log-safe.js";
import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import { localDateOf } from "../lib/zoned-time.js";
import { agendaCardData } from "../cards/agenda-card.js";
import { boardStatementCardData } from "../cards/board-statement-card.js";
import type { CardFeedback } from "../cards/feedback.js";
import { kindLabel, meetingHeader, meetingStatus } from "../cards/meeting-labels.js";
import { referatCardData } from "../cards/referat-card.js";
import { reflectionCardData } from "../cards/reflection-card.js";
import { answersFrom } from "../teams/handlers/actions/reflection-answers.js";
import { boardStatementData, referatApprovalData, reflectionData } from "../teams/handlers/actions/schemas.js";
import { agendaHtml, GUEST_SECTIONS, gonePage, guideHtml, problemPage, referatHtml, statementHtml, type FieldProblem, type GuestSection, type PageFrame } from "./guest-page-view.js";

/**
 * The guest page, /m/<token> (issue 22 points 2, 4 and 5; docs/decisions/0026-guest-page.md): what a
 * participant without Teams opens through their personal link. It reads and writes through the same
 * domain services as the cards, as the person the link belongs to, and hands the effects of what
 * was sent to the same runner the Teams handlers use (card-copies.ts), so a guest's answer lands as
 * a Teams participant's would. Forms post back to the page (303 to a GET on success, the page again
 * with the errors and status 422 when something must be corrected). The token is never logged.
 */

/** What a link opens (the guest link service's GuestAccess, src/domain/guest-link-service.ts). */
export interface GuestAccessView {
  linkId?: string;
  meeting: Meeting;
  person: Person;
  expiresAt: Date;
}

export interface GuestPageDeps {
  /** What a token opens; undefined when unknown, revoked, expired or no longer taking part. */
  resolve(token: string): Promise<GuestAccessView | undefined>;
  meetings: Pick<MeetingService, "agenda">;
  reflections: Pick<ReflectionService, "view" | "send" | "nothingNew">;
  boardStatements: Pick<BoardStatementService, "view" | "send">;
  forms: Pick<FormService, "referat">;
  /** «Godkend referat» and «Bemærkning til referatet» (docs/decisions/0027-referat-approval.md). */
  referatApprovals: Pick<ReferatApprovalService, "approve" | "remark" | "status">;
  focusAreas: { active(unitId: string, loopId: string | undefined): Promise<FocusArea[]> };
  /** The effects of what the guest sent, to the runner the Teams handlers' go to (cardCopies.apply). */
  applyEffects(effects: Effects): void;
  clock: Clock;
  timezone: string;
  maxTextLength: number;
  boardStatementDays: number;
  /**
   * The path PUBLIC_URL ends in ("" at the host's root, "/laeringsloop" behind a proxy that serves the
   * bot below a path): the page's links, form actions and redirects start with it.
   */
  basePath?: string;
  log: Logger;
}

/** The path part of PUBLIC_URL without a trailing slash ("" for a bare host). */
export const basePathOf = (publicUrl: string): string => new URL(publicUrl).pathname.replace(/\/+$/, "");

/** The answer to one request: a page, or a redirect (PRG). */
export interface WebAnswer {
  status: number;
  body?: string;
  /** A path on this server (303 See Other). */
  location?: string;
}

/** The shape of a token we hand out (base64url); anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

const g = strings.guestPage;
const gone = (): WebAnswer => ({ status: 404, body: gonePage() });

/** A refusal the domain names for a person who may not see a part: that part is left out. */
const refused = (err: unknown) => isAppError(err) && (err.code === "not-authorised" || err.code === "not-found");

/** What the person typed, or the error, for one section's page drawn again. */
interface Redraw {
  feedback: CardFeedback;
  typedAnswers?: Record<string, string>;
  typedStatement?: string;
  typedRemark?: string;
}

export type GuestPage = ReturnType<typeof createGuestPage>;

export function createGuestPage(deps: GuestPageDeps) {
  const { timezone: tz, maxTextLength: maxLength } = deps;
  const log = deps.log.child({ component: "guest-page" });

  /** The person's own guide, when their role is asked for one (never another person's). */
  async function ownGuide(access: GuestAccessView): Promise<ReflectionView | undefined> {
    if (!isParticipant(access.meeting, access.person.id)) return undefined;
    try {
      const view = await deps.reflections.view(access.person, access.meeting.id);
      return view.viewerIsAuthor ? view : undefined;
    } catch (err) {
      if (refused(err)) return undefined;
      throw err;
    }
  }

  /** The board's udtalelse, for a representative asked for one (not a participant: those read it on the dagsorden). */
  async function statement(access: GuestAccessView) {
    if (isParticipant(access.meeting, access.person.id)) return undefined;
    try {
      return await deps.boardStatements.view(access.person, access.meeting.id);
    } catch (err) {
      if (refused(err)) return undefined;
      throw err;
    }
  }

  /** The parts of the meeting this person sees, in the order the page lists them. */
  async function sectionsOf(access: GuestAccessView): Promise<GuestSection[]> {
    const { meeting, person } = access;
    const participant = isParticipant(meeting, person.id);
    const [guide, board] = await Promise.all([ownGuide(access), statement(access)]);
    const has: Record<GuestSection, boolean> = {
      dagsorden: participant,
      refleksion: !!guide,
      udtalelse: !!board,
      referat: participant && meeting.referatVersion > 0 && meeting.status !== "cancelled",
    };
    return GUEST_SECTIONS.filter((s) => has[s]);
  }

  function frameOf(access: GuestAccessView, base: string, section: GuestSection, sections: GuestSection[], extra: { notice?: CardText; error?: CardText; problems?: FieldProblem[] } = {}): PageFrame {
    const { meeting, person } = access;
    const started = meeting.status !== "planned" || deps.clock.now() >= meeting.startsAt;
    // Who takes part is on the dagsorden; a board representative asked for the udtalelse reads what that card says (when, where).
    const header = meetingHeader(meeting, tz);
    if (!isParticipant(meeting, person.id)) header.participants = "";
    return {
      base,
      section,
      sections,
      title: g.title(kindLabel(meeting), meeting.unit.name),
      header: { ...header, statusLabel: strings.followUp.status, status: meetingStatus(meeting, started) },
      personName: person.name,
      validUntil: g.linkValidUntil(formatDateTime(access.expiresAt, tz)),
      ...extra,
    };
  }

  /** The fields named in the errors, as the summary links them. */
  function problemsOf(section: GuestSection, fieldErrors: Readonly<Record<string, string>> | undefined, guide?: ReflectionView): FieldProblem[] {
    if (!fieldErrors) return [];
    if (section === "udtalelse") return fieldErrors.statement ? [{ id: "statement", label: strings.board.label, message: fieldErrors.statement }] : [];
    return (guide?.questions ?? []).flatMap((q, i) => (fieldErrors[q.id] ? [{ id: `q_${q.id}`, label: q.text || g.questionField(i + 1), message: fieldErrors[q.id]! }] : []));
  }

  async function render(access: GuestAccessView, base: string, section: GuestSection, sections: GuestSection[], opts: { notice?: CardText; redraw?: Redraw } = {}): Promise<string> {
    const { meeting, person } = access;
    const feedback = opts.redraw?.feedback;
    const today = localDateOf(deps.clock.now(), tz);
    switch (section) {
      case "dagsorden": {
        const view = await deps.meetings.agenda(person, meeting.id);
        const data = agendaCardData({ view, viewer: person, tz, today, boardStatementDays: deps.boardStatementDays });
        return agendaHtml(frameOf({ ...access, meeting: view.meeting }, base, section, sections, { notice: opts.notice }), data);
      }
      case "refleksion": {
        const view = (await ownGuide(access))!;
        const data = reflectionCardData({ view, tz, maxLength, editing: view.editable, typed: opts.redraw?.typedAnswers, feedback });
        const problems = problemsOf(section, feedback?.fieldErrors, view);
        return guideHtml(frameOf(access, base, section, sections, { notice: opts.notice, error: feedback?.error, problems }), data, { editable: view.editable });
      }
      case "udtalelse": {
        const view = (await statement(access))!;
        const focusAreas = await deps.focusAreas.active(meeting.unit.id, meeting.loopId);
        const data = boardStatementCardData({ view, focusAreas, tz, maxLength, typed: opts.redraw?.typedStatement, feedback });
        const problems = problemsOf(section, feedback?.fieldErrors);
        return statementHtml(frameOf(access, base, section, sections, { notice: opts.notice, error: feedback?.error, problems }), data);
      }
      case "referat": {
        const r = await deps.forms.referat(person, meeting.id);
        const status = await deps.referatApprovals.status(meeting.id);
        const approval = status ? { status, viewerId: person.id, maxLength, typedRemark: opts.redraw?.typedRemark } : undefined;
        const data = referatCardData({ ...r, tz, today, feedback, approval });
        const problems = feedback?.fieldErrors?.remark ? [{ id: "remark", label: strings.referatApproval.remarkLabel, message: feedback.fieldErrors.remark }] : [];
        const own = { remarks: status?.remarks.filter((x) => x.personId === person.id).length ?? 0, allApproved: !!status && status.required && status.pending.length === 0 };
        return referatHtml(frameOf({ ...access, meeting: r.meeting }, base, section, sections, { notice: opts.notice, error: feedback?.error, problems }), data, own);
      }
    }
  }

  /** The link's person and meeting, or the polite page. */
  async function open(token: string): Promise<GuestAccessView | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    return deps.resolve(token);
  }

  const sectionOf = (name: string | undefined): GuestSection | undefined => (name === undefined ? "dagsorden" : (GUEST_SECTIONS as readonly string[]).includes(name) ? (name as GuestSection) : undefined);

  /** Turns a failure nobody planned for into a calm page; AppErrors the page cannot place become the polite page. */
  async function guarded(what: string, run: () => Promise<WebAnswer>): Promise<WebAnswer> {
    try {
      return await run();
    } catch (err) {
      if (isAppError(err)) {
        log.info({ outcome: err.code, what }, "guest page");
        return gone();
      }
      logError(log, err, "guest page failed", { what });
      return { status: 500, body: problemPage(g.unexpected) };
    }
  }

  return {
    /** GET /m/<token>[/<section>]: `saved` after a form was sent («Tak, det er gemt»). */
    get(token: string, sectionName: string | undefined, query: URLSearchParams): Promise<WebAnswer> {
      return guarded("get", async () => {
        const access = await open(token);
        const wanted = sectionOf(sectionName);
        if (!access || !wanted) return gone();
        const base = `${deps.basePath ?? ""}/m/${token}`;
        const sections = await sectionsOf(access);
        // The first part this person sees stands at the link itself (a board representative asked for the udtalelse: that form).
        const section = sectionName === undefined ? sections[0] : sections.includes(wanted) ? wanted : undefined;
        if (!section) {
          if (sectionName !== undefined) return { status: 303, location: base };
          return { status: 200, body: problemPage(g.noSections) };
        }
        const saved = query.get("gemt");
        // A Map: `?gemt=constructor` or `__proto__` must not read Object.prototype.
        const notices = new Map<string, string>([["ja", g.saved], ["uaendret", g.alreadySaved], ["godkendt", strings.referatApproval.approvedNow], ["bemaerkning", strings.referatApproval.remarkSent]]);
        const notice = saved ? notices.get(saved) : undefined;
        log.info({ outcome: "shown", section, linkId: access.linkId }, "guest page");
        return { status: 200, body: await render(access, base, section, sections, { notice }) };
      });
    },

    /** POST /m/<token>/<section>: the form of that section, as the card's button would send it. */
    post(token: string, sectionName: string | undefined, body: string): Promise<WebAnswer> {
      return guarded("post", async () => {
        const access = await open(token);
        const section = sectionOf(sectionName);
        if (!access || !section) return gone();
        const base = `${deps.basePath ?? ""}/m/${token}`;
        const sections = await sectionsOf(access);
        if (!sections.includes(section) || section === "dagsorden") return { status: 303, location: sectionName ? `${base}/${section}` : base };
        const form = Object.fromEntries(new URLSearchParams(body));
        const back = `${base}/${section}`;
        const { person, meeting } = access;
        const done = (effects: Effects, changed: boolean, what = "ja"): WebAnswer => {
          deps.applyEffects(effects);
          log.info({ outcome: changed ? "saved" : "unchanged", section, linkId: access.linkId }, "guest page");
          return { status: 303, location: `${back}?gemt=${changed ? what : "uaendret"}` };
        };
        const refuse = async (err: AppError, redraw: Omit<Redraw, "feedback">): Promise<WebAnswer> => {
          log.info({ outcome: err.code, section, linkId: access.linkId }, "guest page");
          // «Det, du skrev, står stadig i feltet» only when something was typed (not on «Godkend referat»).
          const typed = Object.values(redraw).some((v) => v !== undefined);
          const error = err.code === "stale-card" ? (typed ? g.stale : g.staleNothingTyped) : err.text;
          return { status: 422, body: await render(access, base, section, await sectionsOf(access), { redraw: { ...redraw, feedback: { error, fieldErrors: { ...err.fieldErrors } } } }) };
        };
        if (section === "referat") {
          const parsed = referatApprovalData.safeParse(form);
          if (!parsed.success) return { status: 400, body: problemPage(g.invalidForm, back) };
          const { referatVersion, handling, remark } = parsed.data;
          try {
            if (handling === "godkend") {
              const { outcome, effects } = await deps.referatApprovals.approve(person.id, meeting.id, referatVersion);
              return done(effects, outcome === "approved", "godkendt");
            }
            const { outcome, effects } = await deps.referatApprovals.remark(person.id, meeting.id, referatVersion, remark);
            return done(effects, outcome === "sent", "bemaerkning");
          } catch (err) {
            if (!isAppError(err) || (refused(err) && err.code !== "not-authorised")) throw err;
            return refuse(err, { typedRemark: handling === "bemaerkning" ? remark : undefined });
          }
        }
        if (section === "udtalelse") {
          const parsed = boardStatementData.omit({ meetingId: true }).safeParse(form);
          if (!parsed.success) return { status: 400, body: problemPage(g.invalidForm, back) };
          const { statement: text, version } = parsed.data;
          try {
            const { effects } = await deps.boardStatements.send(person, meeting.id, text, version === 0 ? undefined : version);
            return done(effects, effects.changed.length > 0);
          } catch (err) {
            if (!isAppError(err) || refused(err)) throw err;
            // Two posts of the same form at once (a double tap): the other one stored exactly this.
            if (err.code === "stale-card" && (await statement(access))?.statement?.text === text.trim()) return done(noEffects, false);
            return refuse(err, { typedStatement: text });
          }
        }
        const parsed = reflectionData.omit({ meetingId: true }).safeParse(form);
        if (!parsed.success) return { status: 400, body: problemPage(g.invalidForm, back) };
        const answers = answersFrom(parsed.data);
        const version = parsed.data.version === 0 ? undefined : parsed.data.version;
        try {
          const before = await ownGuide(access);
          const wasSent = before?.reflection?.status === "sent" ? before.reflection : undefined;
          const { view, effects } = form.handling === "intet-nyt" ? await deps.reflections.nothingNew(person, meeting.id, version, answers) : await deps.reflections.send(person, meeting.id, answers, version);
          // Sent before exactly so (a form sent twice): said as such, nothing changed.
          const unchanged = !!wasSent && view.reflection?.version === wasSent.version;
          return done(effects, !unchanged);
        } catch (err) {
          if (!isAppError(err) || refused(err)) throw err;
          return refuse(err, { typedAnswers: answers });
        }
      });
    },

    /** A request the page cannot take (a body over the limit, not a form): the calm page with the way back. */
    refusal(status: number, text: string): WebAnswer {
      return { status, body: problemPage(text) };
    },

    gone,
  };
}
