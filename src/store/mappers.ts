import { upgradeTemplateShape, type MeetingTemplate, type TemplateId } from "../domain/meeting-template.js";
import type { FollowUp, FollowUpEvent, FollowUpView, Meeting, Participant, Person, Unit } from "../domain/types.js";

const ROLE_ORDER: Participant["role"][] = ["chair", "leader", "paedagogisk_leder", "afdelingslederrepraesentant", "medarbejderrepraesentant", "bestyrelsesrepraesentant", "ungerepraesentant", "konsulent", "ad_hoc"];

/** Row → domain type conversions shared by the repositories. Prisma types stop here. */

export const personSelect = { id: true, aadObjectId: true, name: true, email: true, phone: true, active: true, origin: true } as const;

export function toPerson(p: { id: string; aadObjectId: string | null; name: string; email: string | null; phone?: string | null; active: boolean; origin?: string }): Person {
  return {
    id: p.id,
    aadObjectId: p.aadObjectId,
    name: p.name,
    email: p.email ?? undefined,
    ...(p.phone ? { phone: p.phone } : {}),
    active: p.active,
    ...(p.origin === "guest" ? { origin: "guest" as const } : {}),
  };
}

/** A date from a raw query: drivers give it as a Date, a number (ms) or a string, depending on the database. */
export const rawDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));

/** A boolean from a raw query: PostgreSQL's boolean, SQLite's 0 or 1. */
export type RawFlag = boolean | number | bigint;
export const rawFlag = (v: RawFlag): boolean => Boolean(Number(v));

/** A unit's columns as a raw query gives them (booleans as 0/1 and integers as bigints from some drivers). */
export interface RawUnitRow {
  id: string;
  name: string;
  type: string;
  selvejende: RawFlag;
  areaId: string;
  active: RawFlag;
  intentionCeiling: number | bigint | null;
  congestedSince: Date | string | number | null;
}

export function rawToUnit(r: RawUnitRow): Unit {
  return toUnit({
    id: r.id,
    name: r.name,
    type: r.type,
    selvejende: rawFlag(r.selvejende),
    areaId: r.areaId,
    active: rawFlag(r.active),
    intentionCeiling: r.intentionCeiling === null ? null : Number(r.intentionCeiling),
    congestedSince: r.congestedSince === null ? null : rawDate(r.congestedSince),
  });
}

export function toUnit(u: { id: string; name: string; type: string; selvejende: boolean; areaId: string; active: boolean; intentionCeiling: number | null; congestedSince: Date | null }): Unit {
  return {
    id: u.id,
    name: u.name,
    type: u.type as Unit["type"],
    selvejende: u.selvejende,
    areaId: u.areaId,
    active: u.active,
    intentionCeiling: u.intentionCeiling ?? undefined,
    congestedSince: u.congestedSince ?? undefined,
  };
}

export const meetingInclude = {
  unit: true,
  participants: true,
} as const;

/** A meeting's frozen template, if it has one. A snapshot from before per-role guides has the old shape (one question set for all). */
export const toTemplate = (json: string | null): MeetingTemplate | undefined => (json ? upgradeTemplateShape(JSON.parse(json) as MeetingTemplate) : undefined);

export function toMeeting(
  m: {
    id: string;
    kind: string;
    chairId: string;
    startsAt: Date;
    durationMinutes: number;
    status: string;
    version: number;
    closedAt: Date | null;
    referatVersion: number;
    carriedFrozen: boolean;
    unit: Parameters<typeof toUnit>[0];
    participants: { personId: string; role: string }[];
    loopId: string | null;
    firstOfLoop: boolean;
    templateId: string;
    template: string | null;
    boardMode?: string | null;
  },
  people: Map<string, Person>,
): Meeting {
  return {
    id: m.id,
    kind: m.kind as Meeting["kind"],
    unit: toUnit(m.unit),
    chairId: m.chairId,
    startsAt: m.startsAt,
    durationMinutes: m.durationMinutes,
    status: m.status as Meeting["status"],
    version: m.version,
    closedAt: m.closedAt ?? undefined,
    referatVersion: m.referatVersion,
    carriedFrozen: m.carriedFrozen,
    participants: m.participants
      .filter((p) => people.has(p.personId))
      .map((p) => ({ person: people.get(p.personId)!, role: p.role as Participant["role"] }))
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.person.name.localeCompare(b.person.name, "da")),
    loopId: m.loopId ?? undefined,
    firstOfLoop: m.firstOfLoop,
    templateId: m.templateId as TemplateId,
    template: toTemplate(m.template),
    boardMode: (m.boardMode ?? undefined) as Meeting["boardMode"],
  };
}

export function toFollowUp(f: {
  id: string;
  meetingId: string;
  decisionId: string | null;
  text: string;
  ownerId: string;
  dueDate: string;
  evaluateOn: string | null;
  evaluateAtNextMeeting: boolean;
  status: string;
  version: number;
  createdAt: Date;
  doneAt: Date | null;
}): FollowUp {
  return {
    id: f.id,
    meetingId: f.meetingId,
    decisionId: f.decisionId ?? undefined,
    text: f.text,
    ownerId: f.ownerId,
    dueDate: f.dueDate,
    evaluateOn: f.evaluateOn ?? undefined,
    evaluateAtNextMeeting: f.evaluateAtNextMeeting,
    status: f.status as FollowUp["status"],
    version: f.version,
    createdAt: f.createdAt,
    doneAt: f.doneAt ?? undefined,
  };
}

export function toEvent(e: { kind: string; actorId: string; at: Date; data: string }): FollowUpEvent {
  return { kind: e.kind as FollowUpEvent["kind"], actorId: e.actorId, at: e.at, data: JSON.parse(e.data) as Record<string, unknown> };
}

export const followUpViewInclude = {
  meeting: { select: { id: true, kind: true, startsAt: true, chairId: true, unitId: true } },
  decision: { select: { text: true } },
  events: { where: { kind: "commented" }, orderBy: { at: "asc" as const }, select: { actorId: true, at: true, data: true } },
} as const;

export function toFollowUpView(
  f: Parameters<typeof toFollowUp>[0] & {
    meeting: { id: string; kind: string; startsAt: Date; chairId: string; unitId: string };
    decision: { text: string } | null;
    events: { actorId: string; at: Date; data: string }[];
  },
  people: Map<string, Person>,
): FollowUpView | undefined {
  const owner = people.get(f.ownerId);
  if (!owner) return undefined;
  return {
    followUp: toFollowUp(f),
    owner,
    meeting: { id: f.meeting.id, kind: f.meeting.kind as Meeting["kind"], startsAt: f.meeting.startsAt, chairId: f.meeting.chairId, unitId: f.meeting.unitId },
    decisionText: f.decision?.text,
    comments: f.events
      .filter((e) => people.has(e.actorId))
      .map((e) => ({ author: people.get(e.actorId)!, at: e.at, text: String((JSON.parse(e.data) as { text?: string }).text ?? "") })),
  };
}

/**
 * Follow-up rows (with `followUpViewInclude`) as views, loading their owners and commenters in one
 * go. People in `known` (already read this turn, e.g. the person acting) are not read again.
 */
export async function toFollowUpViews(
  rows: Parameters<typeof toFollowUpView>[0][],
  loadPeople: (ids: Iterable<string>) => Promise<Map<string, Person>>,
  known: readonly Person[] = [],
): Promise<FollowUpView[]> {
  const have = new Map(known.map((p) => [p.id, p]));
  const missing = rows.flatMap((r) => [r.ownerId, ...r.events.map((e) => e.actorId)]).filter((id) => !have.has(id));
  const people = new Map([...have, ...(await loadPeople(missing))]);
  return rows.flatMap((r) => toFollowUpView(r, people) ?? []);
}
