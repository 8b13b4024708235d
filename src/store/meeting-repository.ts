import { clashWindow, findClashes, type BusyPeriod, type Clash, type MeetingSlot } from "../domain/meeting-clash.js";
import type { MeetingRepository, StandingItem } from "../domain/ports.js";
import { CLOSING_POSITION, type AgendaItem, type FollowUpView, type Meeting, type MeetingKind, type Person } from "../domain/types.js";
import { normaliseText } from "../lib/text.js";
import { appendAudit } from "./audit-log.js";
import { foldRecommendations } from "./form-repository.js";
import { chunked } from "./chunked.js";
import type { Db, Dialect } from "./prisma-client.js";
import { followUpViewInclude, meetingInclude, toFollowUpViews, toMeeting } from "./mappers.js";
import { isUniqueViolation } from "./errors.js";
import { rawSqlOf } from "./raw-sql.js";

type LoadPeople = (ids: Iterable<string>) => Promise<Map<string, Person>>;

/** Standing items as rows: closing ones from CLOSING_POSITION on, after any topic. */
const standingRows = (items: StandingItem[]) =>
  items.map((s, i) => ({
    id: s.id,
    position: (s.closing ? CLOSING_POSITION : 0) + i + 1,
    kind: "standing",
    title: s.title,
    minutes: s.minutes ?? null,
    step: s.step ?? null,
  }));

/** PostgreSQL: the advisory locks of bookings, one per person under this namespace (any constant all instances share). */
const BOOKING_LOCK = 70_419_110;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Taken first in a transaction that books people, so that of two bookings for the same person
 * the second reads what the first wrote. SQLite: a write that changes no row takes its one write
 * lock. PostgreSQL: one advisory lock per person until the transaction ends, taken in the order
 * of their keys (two bookings sharing people never wait for each other in a circle).
 */
async function lockPeople(tx: Tx, dialect: Dialect, personIds: readonly string[]): Promise<void> {
  if (dialect === "postgresql") {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOKING_LOCK}::int, k) FROM (SELECT DISTINCT hashtext(p) AS k FROM unnest(${[...personIds]}::text[]) AS p ORDER BY k) AS keys`;
  } else {
    await tx.$executeRaw`UPDATE "Meeting" SET "id" = "id" WHERE 1 = 0`;
  }
}

/** The meetings (not cancelled) `personIds` are in that start in [from, to), as busy periods. */
async function busyIn(client: Pick<Db, "meeting">, personIds: readonly string[], from: Date, to: Date): Promise<BusyPeriod[]> {
  const ids = [...new Set(personIds)];
  const rows = await client.meeting.findMany({
    where: { status: { not: "cancelled" }, startsAt: { gte: from, lt: to }, participants: { some: { personId: { in: ids } } } },
    select: {
      id: true,
      requestId: true,
      kind: true,
      firstOfLoop: true,
      startsAt: true,
      durationMinutes: true,
      unit: { select: { name: true } },
      participants: { where: { personId: { in: ids } }, select: { personId: true } },
    },
    orderBy: { startsAt: "asc" },
  });
  return rows.flatMap((r) => {
    const meeting = { id: r.id, requestId: r.requestId ?? undefined, kind: r.kind as MeetingKind, firstOfLoop: r.firstOfLoop, unitName: r.unit.name, startsAt: r.startsAt, durationMinutes: r.durationMinutes };
    return r.participants.map((p) => ({ personId: p.personId, meeting }));
  });
}

/** Who of the slot's participants is busy during it, read inside the booking's transaction. */
async function clashesIn(tx: Tx, slot: MeetingSlot): Promise<Clash[]> {
  const { from, to } = clashWindow(slot);
  return findClashes(slot, await busyIn(tx, slot.participantIds, from, to));
}

/** Thrown inside addGuest's transaction to roll it back: a guest of that name or e-mail is there. */
class DuplicateGuest extends Error {}

export function createMeetingRepository(db: Db, loadPeople: LoadPeople, dialect: Dialect = "sqlite"): MeetingRepository {
  const sql = rawSqlOf(db);
  async function hydrate(rows: Parameters<typeof toMeeting>[0][]): Promise<Meeting[]> {
    const people = await loadPeople(rows.flatMap((m) => m.participants.map((p) => p.personId)));
    return rows.map((m) => toMeeting(m, people));
  }

  async function followUpViews(where: object): Promise<FollowUpView[]> {
    const rows = await db.followUp.findMany({ where, include: followUpViewInclude, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] });
    return toFollowUpViews(rows, loadPeople);
  }

  return {
    async create(m, by) {
      const byRequest = async () => {
        if (!m.requestId) return undefined;
        const earlier = await db.meeting.findUnique({ where: { requestId: m.requestId }, include: meetingInclude });
        return earlier ? (await hydrate([earlier]))[0] : undefined;
      };
      const earlier = await byRequest();
      if (earlier) return { meeting: earlier };
      const participantIds = m.participants.map((p) => p.personId);
      let outcome: "created" | "earlier" | Clash[];
      try {
        outcome = await db.$transaction(async (tx) => {
          await lockPeople(tx, dialect, participantIds);
          // The same form submitted at the same moment: the other submit made it while this one waited.
          if (m.requestId && (await tx.meeting.count({ where: { requestId: m.requestId } })) > 0) return "earlier" as const;
          const clashes = await clashesIn(tx, { requestId: m.requestId, participantIds, startsAt: m.startsAt, durationMinutes: m.durationMinutes });
          if (clashes.length > 0) return clashes;
          await tx.meeting.create({
            data: {
              id: m.id,
              requestId: m.requestId ?? null,
              kind: m.kind,
              unitId: m.unitId,
              chairId: m.chairId,
              startsAt: m.startsAt,
              durationMinutes: m.durationMinutes,
              loopId: m.loopId ?? null,
              firstOfLoop: m.firstOfLoop ?? false,
              templateId: m.template.id,
              template: JSON.stringify(m.template),
              participants: { create: m.participants.map((p) => ({ personId: p.personId, role: p.role })) },
              agendaItems: { create: standingRows(m.standingItems) },
            },
          });
          await appendAudit(tx, by, [
            { action: "meeting.scheduled", subjectKind: "meeting", subjectId: m.id, meetingId: m.id, detail: { kind: m.kind, unitId: m.unitId, startsAt: m.startsAt.toISOString() } },
          ]);
          return "created" as const;
        });
      } catch (err) {
        // Two submits of the same form at the same moment: the other one created it.
        const other = isUniqueViolation(err) ? await byRequest() : undefined;
        if (other) return { meeting: other };
        throw err;
      }
      if (Array.isArray(outcome)) return { clashes: outcome };
      if (outcome === "earlier") return { meeting: (await byRequest())! };
      const created = await db.meeting.findUniqueOrThrow({ where: { id: m.id }, include: meetingInclude });
      return { meeting: (await hydrate([created]))[0]! };
    },

    busy: (personIds, from, to) => busyIn(db, personIds, from, to),

    async get(id) {
      const m = await db.meeting.findUnique({ where: { id }, include: meetingInclude });
      return m ? (await hydrate([m]))[0] : undefined;
    },

    async getMany(ids) {
      const rows = [];
      for (const chunk of chunked(ids)) rows.push(...(await db.meeting.findMany({ where: { id: { in: chunk } }, include: meetingInclude })));
      return hydrate(rows);
    },

    async listForPerson(personId, now, limits) {
      const where = { participants: { some: { personId } }, status: { not: "cancelled" } };
      const [upcoming, recent] = await Promise.all([
        db.meeting.findMany({ where: { ...where, startsAt: { gte: now }, status: "planned" }, include: meetingInclude, orderBy: { startsAt: "asc" }, take: limits.upcoming }),
        db.meeting.findMany({
          where: { ...where, OR: [{ startsAt: { lt: now } }, { status: "closed" }] },
          include: meetingInclude,
          orderBy: { startsAt: "desc" },
          take: limits.recent,
        }),
      ]);
      return { upcoming: await hydrate(upcoming), recent: await hydrate(recent) };
    },

    async agendaItems(meetingId): Promise<AgendaItem[]> {
      const rows = await db.agendaItem.findMany({ where: { meetingId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
      const people = await loadPeople(rows.flatMap((r) => (r.addedById ? [r.addedById] : [])));
      return rows.map((r) => ({
        id: r.id,
        position: r.position,
        kind: r.kind as AgendaItem["kind"],
        title: r.title,
        minutes: r.minutes ?? undefined,
        step: (r.step ?? undefined) as AgendaItem["step"],
        recommendation: r.recommendation ?? undefined,
        addedBy: r.addedById ? people.get(r.addedById) : undefined,
        followUpId: r.followUpId ?? undefined,
      }));
    },

    async addTopic(meetingId, item, by) {
      await db.$transaction(async (tx) => {
        const last = await tx.agendaItem.aggregate({ where: { meetingId, position: { lt: CLOSING_POSITION } }, _max: { position: true } });
        await tx.agendaItem.create({
          data: { id: item.id, meetingId, position: (last._max.position ?? 0) + 1, kind: "topic", title: item.title, addedById: by.actorId },
        });
        await appendAudit(tx, by, [{ action: "agenda.topic_added", subjectKind: "agenda_item", subjectId: item.id, meetingId }]);
      });
    },

    async draftIndstillinger(meetingId, drafts, by) {
      class Changed extends Error {}
      return db.$transaction(async (tx) => {
        // The checks are in the writes: a meeting closed (or a text changed) since it was read is not written.
        const bumped = await tx.meeting.updateMany({ where: { id: meetingId, status: "planned", referatVersion: 0 }, data: { version: { increment: 1 } } });
        if (bumped.count !== 1) throw new Changed();
        for (const d of drafts) {
          const set = await tx.agendaItem.updateMany({
            where: { id: d.agendaItemId, meetingId, recommendation: d.expected ? d.expected : null },
            data: { recommendation: d.text || null, recommendationById: d.text ? by.actorId : null },
          });
          if (set.count !== 1) throw new Changed();
        }
        await appendAudit(
          tx,
          by,
          drafts.map((d) => ({ action: "agenda.indstilling_changed" as const, subjectKind: "agenda_item" as const, subjectId: d.agendaItemId, meetingId, detail: { drafted: true, cleared: !d.text } })),
        );
        return true;
      }).catch((err: unknown) => {
        if (err instanceof Changed) return false;
        throw err;
      });
    },

    async carriedFollowUps(meeting) {
      const leaderId = meeting.participants.find((p) => p.role === "leader")?.person.id;
      if (!leaderId) return [];
      const earlier = { id: { not: meeting.id }, startsAt: { lt: meeting.startsAt } };
      // A læringssamtale follows up on the unit's earlier læringssamtaler (whoever chaired).
      if (meeting.kind === "laeringssamtale") {
        return followUpViews({ status: "open", meeting: { ...earlier, kind: meeting.kind, unitId: meeting.unit.id } });
      }
      // A 1:1 follows up on the earlier 1:1s between the same two people, and on the open
      // agreements of the unit's læringssamtaler owned by the person it follows up on.
      return followUpViews({
        status: "open",
        OR: [
          { meeting: { ...earlier, kind: meeting.kind, chairId: meeting.chairId, participants: { some: { personId: leaderId, role: "leader" } } } },
          { ownerId: leaderId, meeting: { ...earlier, kind: "laeringssamtale", unitId: meeting.unit.id } },
        ],
      });
    },

    async oneOnOneInput(unitId, since, until) {
      const where = { unitId, kind: "one_on_one", status: { not: "cancelled" }, startsAt: { gte: since, lt: until } };
      const [meetings, byStatus] = await Promise.all([
        db.meeting.count({ where }),
        db.followUp.groupBy({ by: ["status"], where: { meeting: where, status: { not: "cancelled" } }, _count: { _all: true } }),
      ]);
      const n = (status: string) => byStatus.find((r) => r.status === status)?._count._all ?? 0;
      return { meetings, open: n("open"), done: n("done") };
    },

    async previousLaeringssamtale(meeting) {
      const row = await db.meeting.findFirst({
        where: { unitId: meeting.unit.id, kind: "laeringssamtale", status: { not: "cancelled" }, startsAt: { lt: meeting.startsAt }, id: { not: meeting.id } },
        orderBy: { startsAt: "desc" },
        select: { startsAt: true },
      });
      return row?.startsAt;
    },

    async frozenCarried(meetingId) {
      const items = await db.agendaItem.findMany({ where: { meetingId, kind: "carried" }, select: { followUpId: true } });
      const ids = items.flatMap((i) => (i.followUpId ? [i.followUpId] : []));
      return ids.length ? followUpViews({ id: { in: ids } }) : [];
    },

    async mayShowFollowUp(followUp) {
      // After every change of a follow-up (the card copies' refresh): one raw statement on the driver, not two model queries.
      const rows = await sql.$queryRaw<{ id: string }[]>`
        SELECT "meetingId" AS "id" FROM "AgendaItem" WHERE "followUpId" = ${followUp.id} AND "kind" = 'carried'
        UNION
        SELECT "id" FROM "Meeting" WHERE "unitId" = ${followUp.unitId} AND "status" = 'planned'`;
      return [...new Set([followUp.meetingId, ...rows.map((r) => r.id)])];
    },

    async idsOfUnit(unitId, filter = {}) {
      // After every change of a follow-up (the unit's læringssamtaler, for the card copies): one raw statement.
      const kind = filter.kind || null;
      const loopId = filter.loopId || null;
      const rows = await sql.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Meeting" WHERE "unitId" = ${unitId}
          AND (CAST(${kind} AS TEXT) IS NULL OR "kind" = ${kind})
          AND (CAST(${loopId} AS TEXT) IS NULL OR "loopId" = ${loopId})`;
      return rows.map((m) => m.id);
    },

    async lastSamtalePerUnit(loopId) {
      const rows = await db.meeting.findMany({
        where: { loopId, kind: "laeringssamtale", status: { not: "cancelled" }, unit: { active: true } },
        orderBy: [{ unitId: "asc" }, { startsAt: "desc" }],
        distinct: ["unitId"],
        select: { id: true, unitId: true },
      });
      return rows.map((m) => ({ unitId: m.unitId, meetingId: m.id }));
    },

    async reschedule(meetingId, startsAt, by) {
      return db.$transaction(async (tx) => {
        const before = await tx.meeting.findUnique({ where: { id: meetingId }, select: { startsAt: true, durationMinutes: true, participants: { select: { personId: true } } } });
        if (!before) return "not-planned" as const;
        const participantIds = before.participants.map((p) => p.personId);
        await lockPeople(tx, dialect, participantIds);
        const clashes = await clashesIn(tx, { meetingId, participantIds, startsAt, durationMinutes: before.durationMinutes });
        if (clashes.length > 0) return { clashes };
        const res = await tx.meeting.updateMany({ where: { id: meetingId, status: "planned" }, data: { startsAt, version: { increment: 1 } } });
        if (res.count !== 1) return "not-planned" as const;
        await appendAudit(tx, by, [
          { action: "meeting.moved", subjectKind: "meeting", subjectId: meetingId, meetingId, detail: { startsAt: startsAt.toISOString(), formerStartsAt: before.startsAt.toISOString() } },
        ]);
        return "moved" as const;
      });
    },

    async setBoardMode(meetingId, expectedVersion, mode, boardIds, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.meeting.updateMany({ where: { id: meetingId, status: "planned", version: expectedVersion }, data: { boardMode: mode, version: { increment: 1 } } });
        if (res.count !== 1) return false;
        if (mode === "participation") {
          const present = new Set((await tx.meetingParticipant.findMany({ where: { meetingId }, select: { personId: true } })).map((p) => p.personId));
          const add = boardIds.filter((id) => !present.has(id));
          if (add.length) await tx.meetingParticipant.createMany({ data: add.map((personId) => ({ meetingId, personId, role: "bestyrelsesrepraesentant" })) });
        } else {
          await tx.meetingParticipant.deleteMany({ where: { meetingId, role: "bestyrelsesrepraesentant", personId: { in: [...boardIds] } } });
        }
        await appendAudit(tx, by, [{ action: "meeting.board_mode", subjectKind: "meeting", subjectId: meetingId, meetingId, detail: { boardMode: mode } }]);
        return true;
      });
    },

    async addAdHocParticipant(meetingId, personId, by) {
      return db.$transaction(async (tx) => {
        await lockPeople(tx, dialect, [personId]);
        const m = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true, startsAt: true, durationMinutes: true, participants: { where: { personId }, select: { personId: true } } } });
        if (!m || m.status !== "planned") return "not-planned" as const;
        if (m.participants.length > 0) return "already" as const;
        // Nobody in two meetings at once: the person's other meetings then (this one is not theirs yet).
        const clashes = await clashesIn(tx, { meetingId, participantIds: [personId], startsAt: m.startsAt, durationMinutes: m.durationMinutes });
        if (clashes.length > 0) return { clashes };
        await tx.meetingParticipant.create({ data: { meetingId, personId, role: "ad_hoc" } });
        await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } });
        await appendAudit(tx, by, [{ action: "meeting.ad_hoc_added", subjectKind: "meeting", subjectId: meetingId, meetingId, personId, detail: { guest: false } }]);
        return "added" as const;
      });
    },

    async removeAdHocParticipant(meetingId, personId, by) {
      return db.$transaction(async (tx) => {
        const m = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
        if (!m || m.status !== "planned") return "not-planned" as const;
        const res = await tx.meetingParticipant.deleteMany({ where: { meetingId, personId, role: "ad_hoc" } });
        if (res.count === 0) return "gone" as const;
        await tx.guestLink.updateMany({ where: { meetingId, personId, revokedAt: null }, data: { revokedAt: by.at, liveKey: null } });
        await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } });
        await appendAudit(tx, by, [{ action: "meeting.ad_hoc_removed", subjectKind: "meeting", subjectId: meetingId, meetingId, personId, detail: { guest: false } }]);
        return "removed" as const;
      });
    },

    async addGuest(meetingId, guest, by) {
      const same = (a: string, b: string) => normaliseText(a).replace(/\s+/g, " ").trim().toLocaleLowerCase("da") === normaliseText(b).replace(/\s+/g, " ").trim().toLocaleLowerCase("da");
      return db.$transaction(async (tx) => {
        // Under the meeting's row: two adds of the same guest at once are one.
        const m = await tx.meeting.updateMany({ where: { id: meetingId, status: "planned" }, data: { version: { increment: 1 } } });
        if (m.count !== 1) return "not-planned" as const;
        // A guest is a person of their own (origin "guest", no Teams account) taking part with role ad_hoc (decision 0025).
        const present = (await tx.meetingParticipant.findMany({ where: { meetingId }, select: { personId: true } })).map((p) => p.personId);
        const others = await tx.person.findMany({ where: { origin: "guest", id: { in: present } }, select: { name: true, email: true } });
        if (others.some((o) => same(o.name, guest.name) || (guest.email && o.email && same(o.email, guest.email)))) {
          // Nothing changed after all: the version goes back (the transaction is rolled back).
          throw new DuplicateGuest();
        }
        await tx.person.create({ data: { id: guest.id, aadObjectId: null, origin: "guest", name: guest.name, email: guest.email ?? null, phone: guest.phone ?? null, active: true } });
        await tx.meetingParticipant.create({ data: { meetingId, personId: guest.id, role: "ad_hoc" } });
        await appendAudit(tx, by, [{ action: "meeting.ad_hoc_added", subjectKind: "meeting", subjectId: meetingId, meetingId, personId: guest.id, detail: { guest: true, guestId: guest.id } }]);
        return "added" as const;
      }).catch((err: unknown) => {
        if (err instanceof DuplicateGuest) return "duplicate" as const;
        throw err;
      });
    },

    async removeGuest(meetingId, guestId, by) {
      return db.$transaction(async (tx) => {
        const m = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
        if (!m || m.status !== "planned") return "not-planned" as const;
        const guest = await tx.person.findFirst({ where: { id: guestId, origin: "guest" }, select: { id: true } });
        const res = guest ? await tx.meetingParticipant.deleteMany({ where: { meetingId, personId: guestId, role: "ad_hoc" } }) : { count: 0 };
        if (res.count === 0) return "gone" as const;
        // The guest was there for this one meeting: the person stays (the audit log names them by id), inactive, and their link stops working.
        await tx.person.update({ where: { id: guestId }, data: { active: false } });
        await tx.guestLink.updateMany({ where: { meetingId, personId: guestId, revokedAt: null }, data: { revokedAt: by.at, liveKey: null } });
        await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } });
        await appendAudit(tx, by, [{ action: "meeting.ad_hoc_removed", subjectKind: "meeting", subjectId: meetingId, meetingId, personId: guestId, detail: { guest: true, guestId } }]);
        return "removed" as const;
      });
    },

    async unfrozen() {
      // A meeting someone has written a reflection for keeps its template (their answers belong to its questions).
      const rows = await db.meeting.findMany({ where: { status: "planned", templateFrozen: false, reflections: { none: {} } }, include: meetingInclude });
      return hydrate(rows);
    },

    async applyTemplate(meetingId, template, items, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.meeting.updateMany({
          where: { id: meetingId, status: "planned", templateFrozen: false, reflections: { none: {} } },
          data: { template: JSON.stringify(template), templateId: template.id, durationMinutes: template.durationMinutes },
        });
        if (res.count !== 1) return false;
        // A standing item a decision already points at stays (the form may be filled early).
        const used = await tx.decision.findMany({ where: { meetingId, agendaItemId: { not: null } }, select: { agendaItemId: true } });
        const keep = used.flatMap((d) => (d.agendaItemId ? [d.agendaItemId] : []));
        await tx.agendaItem.deleteMany({ where: { meetingId, kind: "standing", id: { notIn: keep } } });
        await tx.agendaItem.createMany({ data: standingRows(items).map((r) => ({ ...r, meetingId })) });
        await appendAudit(tx, by, [{ action: "meeting.template_applied", subjectKind: "meeting", subjectId: meetingId, meetingId, detail: { templateId: template.id, durationMinutes: template.durationMinutes } }]);
        return true;
      });
    },

    async freezeTemplate(meetingId) {
      await db.meeting.updateMany({ where: { id: meetingId, templateFrozen: false }, data: { templateFrozen: true } });
    },

    async nextInSeries(meeting, after) {
      const leaderId = meeting.participants.find((p) => p.role === "leader")?.person.id;
      const series =
        meeting.kind === "laeringssamtale"
          ? { kind: meeting.kind, unitId: meeting.unit.id }
          : { kind: meeting.kind, chairId: meeting.chairId, participants: { some: { personId: leaderId ?? "", role: "leader" } } };
      const next = await db.meeting.findFirst({
        where: { id: { not: meeting.id }, status: "planned", startsAt: { gt: after }, ...series },
        include: meetingInclude,
        orderBy: { startsAt: "asc" },
      });
      return next ? (await hydrate([next]))[0] : undefined;
    },

    async cancel(meetingId, by) {
      return db.$transaction(async (tx) => {
        if ((await tx.decision.count({ where: { meetingId } })) > 0) return "has-decisions" as const;
        const res = await tx.meeting.updateMany({ where: { id: meetingId, status: "planned" }, data: { status: "cancelled", version: { increment: 1 } } });
        if (res.count !== 1) return "not-planned" as const;
        // Its guests' links stop working (resolving refuses a cancelled meeting anyway; this shows it on the row).
        await tx.guestLink.updateMany({ where: { meetingId, revokedAt: null }, data: { revokedAt: by.at, liveKey: null } });
        await appendAudit(tx, by, [{ action: "meeting.cancelled", subjectKind: "meeting", subjectId: meetingId, meetingId }]);
        return "cancelled" as const;
      });
    },

    async close(meetingId, closing, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.meeting.updateMany({
          where: { id: meetingId, status: "planned", referatVersion: closing.after },
          data: { status: "closed", closedAt: by.at, referatVersion: { increment: 1 }, carriedFrozen: true, version: { increment: 1 } },
        });
        if (res.count !== 1) return undefined;
        const version = closing.after + 1;
        // The referat shows the form as it stands now (a save just before this one included).
        let formRevision = await tx.formRevision.count({ where: { meetingId } });
        // Indstillinger drafted on the dagsorden that no revision holds yet enter the form's history
        // now, so the referat as sent keeps them after a reopening (they are no longer drafted then).
        const revisions = await tx.formRevision.findMany({ where: { meetingId }, orderBy: { revision: "asc" }, select: { snapshot: true } });
        const held = foldRecommendations(revisions.map((r) => r.snapshot));
        const items = await tx.agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true, recommendation: true } });
        if (items.some((i) => (i.recommendation ?? "") !== (held[i.id] ?? ""))) {
          const last = revisions.at(-1);
          const rows = last ? ((JSON.parse(last.snapshot) as { rows?: unknown[] }).rows ?? []) : [];
          const recommendations = items.map((i) => ({ agendaItemId: i.id, text: i.recommendation ?? "" }));
          formRevision += 1;
          await tx.formRevision.create({ data: { meetingId, revision: formRevision, editedById: by.actorId, at: by.at, snapshot: JSON.stringify({ rows, recommendations }) } });
        }
        await tx.referatVersion.create({ data: { meetingId, version, formRevision, closedAt: by.at, closedById: by.actorId } });
        const last = await tx.agendaItem.aggregate({ where: { meetingId }, _max: { position: true } });
        let position = last._max.position ?? 0;
        for (const c of closing.carried) {
          position += 1;
          await tx.agendaItem.create({ data: { id: c.id, meetingId, position, kind: "carried", title: c.title, followUpId: c.followUpId } });
        }
        await appendAudit(tx, by, [
          { action: "meeting.closed", subjectKind: "meeting", subjectId: meetingId, meetingId, detail: { carriedFollowUps: closing.carried.length, referatVersion: version } },
        ]);
        return version;
      });
    },

    async reopen(meetingId, referatVersion, opts, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.meeting.updateMany({
          where: { id: meetingId, status: "closed", referatVersion },
          data: { status: "planned", version: { increment: 1 }, ...(opts.unfreeze ? { carriedFrozen: false } : {}) },
        });
        if (res.count !== 1) return false;
        await tx.referatVersion.update({ where: { meetingId_version: { meetingId, version: referatVersion } }, data: { reopenedAt: by.at, reopenedById: by.actorId } });
        let unfrozen = 0;
        if (opts.unfreeze) {
          const carried = await tx.agendaItem.findMany({ where: { meetingId, kind: "carried" }, select: { id: true } });
          const ids = carried.map((c) => c.id);
          // The form offers no carried item to a decision; one that points at one anyway keeps its text.
          await tx.decision.updateMany({ where: { meetingId, agendaItemId: { in: ids } }, data: { agendaItemId: null } });
          unfrozen = (await tx.agendaItem.deleteMany({ where: { meetingId, id: { in: ids } } })).count;
        }
        await appendAudit(tx, by, [
          { action: "meeting.reopened", subjectKind: "meeting", subjectId: meetingId, meetingId, detail: { referatVersion, carriedLetGo: unfrozen } },
        ]);
        return true;
      });
    },

    async referatVersions(meetingId) {
      const rows = await db.referatVersion.findMany({ where: { meetingId }, orderBy: { version: "asc" } });
      return rows.map((r) => ({
        version: r.version,
        formRevision: r.formRevision,
        closedAt: r.closedAt,
        closedById: r.closedById,
        reopenedAt: r.reopenedAt ?? undefined,
        reopenedById: r.reopenedById ?? undefined,
      }));
    },
  };
}
