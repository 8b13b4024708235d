import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Changed, Effects } from "../domain/effects.js";
import type { ConversationRepository, FollowUpRepository, MeetingRepository, PeopleRepository, SentCardCopy, SentCardRepository, UnitRepository } from "../domain/ports.js";
import type { Person } from "../domain/types.js";
import { isAppError } from "../lib/errors.js";
import { logError } from "../lib/log-safe.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { Views } from "./views.js";

/**
 * Posted cards that tell the current story (docs/decisions/0009-card-copies.md). A command returns
 * what it changed (src/domain/effects.ts); this module is the one place that knows which kinds of
 * card show which subjects. For every changed subject it finds every tracked copy of every card
 * that shows it, renders it again for that copy's viewer and replaces it in place (not the copy the
 * click itself replaced), and starts delivery when the outbox got rows.
 *
 * A copy is tracked wherever it was posted: by the outbox, by an "open" button or a command, and
 * the card a click replaced (the invoke's replyToId). Views mark the cards they build with what
 * they show (`showing`); posting a marked card records it.
 */

/** The kinds of card kept up to date where they were posted. */
export type CardKind = "followup" | "evaluation" | "agenda" | "referat" | "form" | "reflection" | "boardStatement" | "focusAreas" | "tasks" | "meetings" | "reassign";

/** How a copy is rendered again, besides its kind and subject. */
export interface CopyParams {
  /** reflection: whose reflection the card shows. */
  authorId?: string;
  /** agenda: as the meeting pack (with its intro). */
  pack?: boolean;
  /** referat: as sent after the meeting (with its intro). */
  intro?: boolean;
  /** evaluation: of a follow-up, a focus area or a forvaltning initiative. */
  evaluates?: "followup" | "focus" | "initiative";
}

/** What a card shows: its kind, its subject (a follow-up, a meeting, a person's list) and how it is rendered. */
export interface CardSubject {
  kind: CardKind;
  id: string;
  params?: CopyParams;
}

/** What one card kind needs to know about the changes. Lookups are answered once per batch of effects. */
export interface Lookups {
  /** Meetings whose agenda or referat may list the follow-up (its own, those it was frozen onto, the unit's planned ones). */
  mayShowFollowUp(c: Extract<Changed, { subject: "followUp" }>): Promise<string[]>;
  /** The unit's læringssamtaler (in one loop). */
  laeringssamtaler(unitId: string, loopId?: string): Promise<string[]>;
  /** The chiefs of a unit. */
  chiefsOf(unitId: string): Promise<string[]>;
  /** A meeting's follow-ups with their owners. */
  followUpsOf(meetingId: string): Promise<{ id: string; ownerId: string }[]>;
}

export interface CardKindSpec {
  /** The card again, as a refresh shows it to `viewer`. */
  render(views: Views, viewer: Person, id: string, params: CopyParams): Promise<AdaptiveCard>;
  /** The subjects (ids) of this kind of card that show what changed. */
  shows(change: Changed, find: Lookups): string[] | Promise<string[]>;
  /**
   * Only the newest copy per conversation is kept up to date: a list a person asks for again and
   * again (the older ones are superseded, and there would be ever more of them).
   */
  onlyLatest?: boolean;
}

const none: string[] = [];

/**
 * THE MAP: which card kinds show which subjects. A new card kind registers here (how to render it
 * again, which changes it shows) and its view marks its cards with `showing`. Cards that are forms
 * being filled (årshjul, indstillinger, planlæg) are not refreshed: their save checks versions, and
 * a refresh would throw away what the person is typing. The opfølgningsskema is refreshed only
 * when its meeting is closed or reopened (its fingerprint is that state, not its rows: a copy
 * still offering «Gem og afslut mødet» after closing would tell an old story). Weekly overviews
 * and notices say what was true when sent. The channel's status card has its own tick (channel-publisher).
 */
export const cardKinds: Record<CardKind, CardKindSpec> = {
  /** A follow-up's own card (assigned, due soon, overdue, opened from a list). */
  followup: {
    render: (views, viewer, id) => views.followUp(viewer, id),
    shows: (c, find) => (c.subject === "followUp" ? [c.id] : c.subject === "meeting" ? find.followUpsOf(c.id).then((f) => f.map((x) => x.id)) : none),
  },
  /** The evaluation card (solnedgangsklausul) of a follow-up or a focus area. */
  evaluation: {
    render: (views, viewer, id, p) => views.evaluation(viewer, p.evaluates ?? "followup", id),
    shows: (c) => (c.subject === "followUp" || c.subject === "focusArea" ? [c.id] : none),
  },
  /** The dagsorden: the meeting, its topics, carried follow-ups, reflections sent, focus areas, the board's statement, input C. */
  agenda: {
    render: (views, viewer, id, p) => views.agenda(viewer, id, { pack: p.pack }),
    shows: async (c, find) => {
      switch (c.subject) {
        case "meeting":
          return [c.id];
        case "reflection":
        case "boardStatement":
          return [c.meetingId];
        case "followUp":
          // Carried onto agendas; a læringssamtale's input C counts the unit's 1:1 follow-ups.
          return [...(await find.mayShowFollowUp(c)), ...(await find.laeringssamtaler(c.unitId))];
        case "focusArea":
          return find.laeringssamtaler(c.unitId, c.loopId);
        case "referatApproval":
          return none;
      }
    },
  },
  /** The referat: the meeting's decisions and follow-ups, the follow-ups carried into it, who approved it. */
  referat: {
    render: (views, viewer, id, p) => views.referat(viewer, id, p.intro),
    shows: (c, find) =>
      c.subject === "meeting" ? [c.id] : c.subject === "referatApproval" ? [c.meetingId] : c.subject === "followUp" ? find.mayShowFollowUp(c) : none,
  },
  /** The opfølgningsskema (the chair's): refreshed when its meeting is closed or reopened, not for its rows. */
  form: {
    render: (views, viewer, id) => views.form(viewer, id),
    shows: (c) => (c.subject === "meeting" ? [c.id] : none),
  },
  /** A refleksionsguide: one author's reflection, on every participant's copy. */
  reflection: {
    render: (views, viewer, id, p) => views.reflection(viewer, id, { authorId: p.authorId }),
    shows: (c) => (c.subject === "reflection" ? [c.meetingId] : c.subject === "meeting" ? [c.id] : none),
  },
  /** The board's udtalelse card (input D), with the unit's focus areas. */
  boardStatement: {
    render: (views, viewer, id) => views.boardStatement(viewer, id),
    shows: (c, find) =>
      c.subject === "boardStatement" ? [c.meetingId] : c.subject === "meeting" ? [c.id] : c.subject === "focusArea" ? find.laeringssamtaler(c.unitId, c.loopId) : none,
  },
  /** The lokale fokusområder of a læringssamtale, with the unit's load (intentionstrængsel). */
  focusAreas: {
    render: (views, viewer, id) => views.focusAreas(viewer, id),
    shows: (c, find) =>
      c.subject === "focusArea"
        ? find.laeringssamtaler(c.unitId, c.loopId)
        : c.subject === "meeting"
          ? [c.id]
          : c.subject === "followUp"
            ? find.laeringssamtaler(c.unitId)
            : none,
  },
  /** «Mine opgaver»: a person's open follow-ups (the subject is the person). */
  tasks: {
    render: (views, viewer) => views.tasks(viewer),
    shows: (c, find) => (c.subject === "followUp" ? c.ownerIds : c.subject === "meeting" ? find.followUpsOf(c.id).then((f) => f.map((x) => x.ownerId)) : none),
    onlyLatest: true,
  },
  /** «Mine møder»: a person's meetings (the subject is the person). */
  meetings: {
    render: (views, viewer) => views.meetings(viewer),
    shows: (c) => (c.subject === "meeting" ? c.participantIds : none),
    onlyLatest: true,
  },
  /** «Giv videre»: a chief's follow-ups whose owner has left (the subject is the chief). */
  reassign: {
    render: (views, viewer) => views.reassign(viewer),
    shows: (c, find) => (c.subject === "followUp" ? find.chiefsOf(c.unitId) : none),
    onlyLatest: true,
  },
};

/** What the cards a view built show, and the fingerprint of their plain rendering. */
const marks = new WeakMap<AdaptiveCard, CardSubject & { fingerprint: string }>();

const fingerprint = (card: AdaptiveCard): string => createHash("sha256").update(JSON.stringify(card)).digest("hex").slice(0, 32);

/**
 * Marks a card a view built with what it shows. `plain` is the card as a later refresh renders it
 * (without this answer's notice, a reminder's heading, an open editor): a refresh that renders the
 * same leaves the copy alone, so nothing a person is typing is thrown away for nothing.
 */
export function showing(card: AdaptiveCard, subject: CardSubject, plain: AdaptiveCard = card): AdaptiveCard {
  marks.set(card, { ...subject, fingerprint: fingerprint(plain) });
  return card;
}

/**
 * Marks a card whose copies change only when `state` does (the opfølgningsskema: closed or
 * reopened). A refresh that renders the same state leaves the copy, and what is typed in it, alone.
 */
export function showingState(card: AdaptiveCard, subject: CardSubject, state: unknown): AdaptiveCard {
  marks.set(card, { ...subject, fingerprint: createHash("sha256").update(JSON.stringify(state)).digest("hex").slice(0, 32) });
  return card;
}

/** A card made around another (a reminder's frame) shows what that one shows. */
export function showingAs(card: AdaptiveCard, inner: AdaptiveCard): AdaptiveCard {
  const mark = marks.get(inner);
  if (mark) marks.set(card, mark);
  return card;
}

/** What a card shows, if a view marked it. */
export const shownBy = (card: AdaptiveCard | string): (CardSubject & { fingerprint: string }) | undefined => (typeof card === "string" ? undefined : marks.get(card));

/** Where a card was posted. */
export interface PostedAt {
  personId: string;
  conversationId: string;
  activityId: string;
}

/**
 * Records a posted card that shows a subject (an unmarked card is not tracked). `replaced`: the
 * card a click replaced with its answer, which lets go of no other copy (a newer list stays).
 */
export async function recordCopy(sentCards: SentCardRepository, card: AdaptiveCard | string, at: PostedAt, opts: { replaced?: boolean } = {}): Promise<void> {
  const mark = shownBy(card);
  if (!mark || !at.activityId) return;
  const params = mark.params && Object.values(mark.params).some((v) => v !== undefined) ? JSON.stringify(mark.params) : undefined;
  const onlyLatest = cardKinds[mark.kind].onlyLatest && !opts.replaced;
  await sentCards.record({ subjectKind: mark.kind, subjectId: mark.id, params, fingerprint: mark.fingerprint, ...at }, { onlyLatest });
}

export interface CardCopies {
  /** Tracks a posted card (or, `replaced`, what a card shows after a click replaced it), if it shows a subject. Never throws. */
  remember(card: AdaptiveCard | string, at: PostedAt, opts?: { replaced?: boolean }): Promise<void>;
  /**
   * Applies a command's effects in the background: starts delivery when rows were planned, and
   * brings every tracked copy of every card that shows a changed subject up to date, except the
   * copy `except` (the card the click replaced with its answer). A message id is unique only within
   * its conversation (Teams and the Playground number messages by the millisecond they arrive), so
   * the copy is named by both: another person's copy posted in the same millisecond is still refreshed.
   */
  apply(effects: Effects, opts?: { except?: Pick<PostedAt, "conversationId" | "activityId"> }): void;
}

export interface CardCopiesDeps {
  views: Views;
  sentCards: SentCardRepository;
  people: Pick<PeopleRepository, "byId">;
  conversations: Pick<ConversationRepository, "get">;
  meetings: Pick<MeetingRepository, "mayShowFollowUp" | "idsOfUnit">;
  units: Pick<UnitRepository, "chiefIds">;
  followUps: Pick<FollowUpRepository, "listByMeeting">;
  /** Replaces a posted card (throws with the HTTP status when Teams refuses). */
  updateCard(to: { conversationId: string; tenantId?: string; reference: Record<string, unknown> }, activityId: string, card: AdaptiveCard): Promise<void>;
  statusOf(err: unknown): number | undefined;
  /** Starts the outbox now. */
  kickDelivery(): void;
  /** Runs background work (the bot awaits it on close; tests await it). */
  inBackground(work: Promise<unknown>): void;
  log: Logger;
}

export function createCardCopies(deps: CardCopiesDeps): CardCopies {
  const { views, sentCards, people, conversations, log } = deps;
  /** One refresh of a copy at a time: a later one renders the later state and is posted last. */
  const busy = new Map<string, Promise<unknown>>();

  function lookups(): Lookups {
    const memo = new Map<string, Promise<unknown>>();
    const once = <T>(key: string, get: () => Promise<T>): Promise<T> => {
      if (!memo.has(key)) memo.set(key, get());
      return memo.get(key) as Promise<T>;
    };
    return {
      mayShowFollowUp: (c) => once(`f:${c.id}`, () => deps.meetings.mayShowFollowUp({ id: c.id, meetingId: c.meetingId, unitId: c.unitId })),
      laeringssamtaler: (unitId, loopId) => once(`l:${unitId}:${loopId ?? ""}`, () => deps.meetings.idsOfUnit(unitId, { kind: "laeringssamtale", loopId })),
      chiefsOf: (unitId) => once(`c:${unitId}`, () => deps.units.chiefIds(unitId)),
      followUpsOf: (meetingId) => once(`m:${meetingId}`, async () => (await deps.followUps.listByMeeting(meetingId)).map((f) => ({ id: f.id, ownerId: f.ownerId }))),
    };
  }

  async function refreshCopy(kind: CardKind, copy: SentCardCopy): Promise<"updated" | "unchanged" | "skipped" | "forgotten" | "failed"> {
    const [person, ref] = await Promise.all([people.byId(copy.personId), conversations.get(copy.personId)]);
    // The person's chat moved on (reinstalled) or is gone: that copy cannot be reached.
    if (!person || !ref?.active || ref.conversationId !== copy.conversationId) return "skipped";
    let card: AdaptiveCard;
    try {
      card = await cardKinds[kind].render(views, person, copy.subjectId, copy.params ? (JSON.parse(copy.params) as CopyParams) : {});
    } catch (err) {
      // The viewer may no longer see it (no longer a participant, the subject is gone): left as it is.
      if (isAppError(err)) return "skipped";
      throw err;
    }
    const print = shownBy(card)?.fingerprint ?? fingerprint(card);
    if (print === copy.fingerprint) return "unchanged";
    try {
      await deps.updateCard(ref, copy.activityId, card);
    } catch (err) {
      const status = deps.statusOf(err);
      if (status === 403 || status === 404) {
        await sentCards.forget(copy.conversationId, copy.activityId);
        return "forgotten";
      }
      log.warn({ kind, subjectId: copy.subjectId, activityId: copy.activityId, status }, "card copy not updated");
      return "failed";
    }
    await sentCards.updated(copy.conversationId, copy.activityId, print);
    return "updated";
  }

  /** Refreshes a copy after any refresh of it already under way. */
  function refreshInTurn(kind: CardKind, copy: SentCardCopy): Promise<string> {
    const key = `${copy.conversationId}\n${copy.activityId}`;
    const run = (busy.get(key) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => refreshCopy(kind, copy));
    busy.set(key, run);
    void run.finally(() => {
      if (busy.get(key) === run) busy.delete(key);
    }).catch(() => undefined);
    return run;
  }

  async function refresh(changed: Changed[], except?: Pick<PostedAt, "conversationId" | "activityId">): Promise<Record<string, number>> {
    const find = lookups();
    const outcomes: Record<string, number> = {};
    const wanted = [];
    for (const [kind, spec] of Object.entries(cardKinds) as [CardKind, CardKindSpec][]) {
      const ids = (await Promise.all(changed.map((c) => spec.shows(c, find)))).flat();
      if (ids.length > 0) wanted.push({ subjectKind: kind, subjectIds: ids });
    }
    const copies = wanted.length > 0 ? await sentCards.list(wanted) : [];
    for (const copy of copies) {
      const kind = copy.subjectKind as CardKind;
      const replaced = except !== undefined && copy.activityId === except.activityId && copy.conversationId === except.conversationId;
      if (replaced || !Object.hasOwn(cardKinds, kind)) continue;
      const outcome = await refreshInTurn(kind, copy).catch((err: unknown) => {
        logError(log, err, "card copy not updated", { kind, subjectId: copy.subjectId, activityId: copy.activityId });
        return "failed";
      });
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    log.debug({ changed: changed.map((c) => c.subject), ...outcomes }, "card copies brought up to date");
    return outcomes;
  }

  return {
    async remember(card, at, opts) {
      await recordCopy(sentCards, card, at, opts).catch((err: unknown) => logError(log, err, "card copy not recorded", { activityId: at.activityId }));
    },

    apply(effects, opts = {}) {
      if (effects.planned > 0) deps.kickDelivery();
      if (effects.changed.length > 0) deps.inBackground(refresh(effects.changed, opts.except));
    },
  };
}
