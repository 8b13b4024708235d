/**
 * The data subject's rights, for the administrator (`npm run gdpr:export` / `gdpr:erase`):
 * everything stored about a person as JSON, and their anonymisation. Erasure replaces the
 * person's id everywhere by a new anonymous one and removes what identifies them (name, Entra
 * id, e-mail, Teams conversation, settings, roles, their reflections, statements and comments);
 * meetings, decisions and follow-ups other people depend on stay, now naming «Anonymiseret person».
 */
import { randomBytes } from "node:crypto";
import { strings } from "../lib/strings.da.js";
import { ANONYMOUS_PREFIX, SYSTEM_ACTORS, type AuditStamp } from "./audit.js";
import type { Clock } from "./ports.js";
import type { Person } from "./types.js";

/** Everything stored about a person, as plain JSON-ready data. */
export type PersonExport = Record<string, unknown> & { person: Record<string, unknown> & { id: string; name: string } };

export interface ErasureCounts {
  reflections: number;
  boardStatements: number;
  /** Remarks the person wrote to a referat (deleted; their approvals stay, anonymised). */
  referatRemarks: number;
  comments: number;
  conversation: number;
  preferences: number;
  roles: number;
  notifications: number;
  sentCards: number;
  downloadLinks: number;
  /** «Føj til kalender»'s single-use links to .ics files. */
  calendarLinks: number;
  meetings: number;
  followUpsOwned: number;
  /** Afrapporteringer the person sent for the board: kept, their author anonymised. */
  boardReports: number;
  auditEntries: number;
}

export interface Erasure {
  counts: ErasureCounts;
  /** Texts others wrote that mention the person's first name, to review by hand (they are kept). */
  nameMentions: { kind: string; id: string }[];
}

export interface GdprRepository {
  /** By the organisation file's key, the Entra object id, or the e-mail address. */
  find(who: string): Promise<Person | undefined>;
  exportPerson(personId: string): Promise<PersonExport>;
  /** In one transaction: re-keys every reference to `newId`, deletes what identifies the person. */
  erasePerson(personId: string, newId: string, erasedName: string, by: AuditStamp): Promise<Erasure>;
}

export type GdprOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

export function createGdprService(deps: { gdpr: GdprRepository; clock: Clock }) {
  const { gdpr, clock } = deps;
  const s = strings.gdpr;

  return {
    async export(who: string): Promise<GdprOutcome<PersonExport & { exportedAt: string }>> {
      const person = await gdpr.find(who);
      if (!person) return { ok: false, message: s.notFound(who) };
      return { ok: true, value: { exportedAt: clock.now().toISOString(), ...(await gdpr.exportPerson(person.id)) } };
    },

    /**
     * Anonymises a person who has left the organisation file. An active person is refused: the
     * next import would bring them back, and they could not use the bot meanwhile.
     */
    async erase(who: string): Promise<GdprOutcome<Erasure & { anonymousId: string }>> {
      const person = await gdpr.find(who);
      if (!person) return { ok: false, message: s.notFound(who) };
      if (person.active) return { ok: false, message: s.stillActive(person.id) };
      const anonymousId = `${ANONYMOUS_PREFIX}${randomBytes(6).toString("hex")}`;
      const erasure = await gdpr.erasePerson(person.id, anonymousId, s.erasedName, { actorId: SYSTEM_ACTORS.gdpr, at: clock.now() });
      return { ok: true, value: { anonymousId, ...erasure } };
    },
  };
}
