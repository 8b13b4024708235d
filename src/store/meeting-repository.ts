import type { MeetingRepository } from "../domain/ports.js";
import { CLOSING_POSITION, type AgendaItem, type FollowUpView, type Meeting, type Person } from "../domain/types.js";
import type { Db } from "./prisma-client.js";
import { followUpViewInclude, meetingInclude, toFollowUpView, toMeeting } from "./mappers.js";
import { isUniqueViolation } from "./errors.js";

type LoadPeople = (ids: Iterable<string>) => Promise<Map<string, Person>>;

export function createMeetingRepository(db: Db, loadPeople: LoadPeople): MeetingRepository {
  async function hydrate(rows: Parameters<typeof toMeeting>[0][]): Promise<Meeting[]> {
    const people = await loadPeople(rows.flatMap((m) => m.participants.map((p) => p.personId)));
    return rows.map((m) => toMeeting(m, people));
  }

  async function followUpViews(where: object): Promise<FollowUpView[]> {
    const rows = await db.followUp.findMany({ where, include: followUpViewInclude, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] });
    const people = await loadPeople(rows.flatMap((r) => [r.ownerId, ...r.events.map((e) => e.actorId)]));
    return rows.flatMap((r) => toFollowUpView(r, people) ?? []);
  }

  return {
    async create(m) {
      const byRequest = async () => {
        if (!m.requestId) return undefined;
        const earlier = await db.meeting.findUnique({ where: { requestId: m.requestId }, include: meetingInclude });
        return earlier ? (await hydrate([earlier]))[0] : undefined;
      };
      const earlier = await byRequest();
      if (earlier) return earlier;
      try {
        await db.meeting.create({
          data: {
            id: m.id,
            requestId: m.requestId ?? null,
            kind: m.kind,
            unitId: m.unitId,
            chairId: m.chairId,
            startsAt: m.startsAt,
            durationMinutes: m.durationMinutes,
            participants: {
              create: [
                { personId: m.chairId, role: "chair" },
                { personId: m.leaderId, role: "leader" },
              ],
            },
            agendaItems: {
              create: m.standingItems.map((s, i) => ({
                id: s.id,
                position: (s.closing ? CLOSING_POSITION : 0) + i + 1,
                kind: "standing",
                title: s.title,
                minutes: s.minutes ?? null,
              })),
            },
          },
        });
      } catch (err) {
        // Two submits of the same form at the same moment: the other one created it.
        const other = isUniqueViolation(err) ? await byRequest() : undefined;
        if (other) return other;
        throw err;
      }
      const created = await db.meeting.findUniqueOrThrow({ where: { id: m.id }, include: meetingInclude });
      return (await hydrate([created]))[0]!;
    },

    async get(id) {
      const m = await db.meeting.findUnique({ where: { id }, include: meetingInclude });
      return m ? (await hydrate([m]))[0] : undefined;
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
        addedBy: r.addedById ? people.get(r.addedById) : undefined,
        followUpId: r.followUpId ?? undefined,
      }));
    },

    async addTopic(meetingId, item) {
      await db.$transaction(async (tx) => {
        const last = await tx.agendaItem.aggregate({ where: { meetingId, position: { lt: CLOSING_POSITION } }, _max: { position: true } });
        await tx.agendaItem.create({
          data: { id: item.id, meetingId, position: (last._max.position ?? 0) + 1, kind: "topic", title: item.title, addedById: item.addedById },
        });
      });
    },

    async carriedFollowUps(meeting) {
      const leaderId = meeting.participants.find((p) => p.role === "leader")?.person.id;
      if (!leaderId) return [];
      return followUpViews({
        status: "open",
        meeting: {
          id: { not: meeting.id },
          kind: meeting.kind,
          chairId: meeting.chairId,
          startsAt: { lt: meeting.startsAt },
          participants: { some: { personId: leaderId, role: "leader" } },
        },
      });
    },

    async frozenCarried(meetingId) {
      const items = await db.agendaItem.findMany({ where: { meetingId, kind: "carried" }, select: { followUpId: true } });
      const ids = items.flatMap((i) => (i.followUpId ? [i.followUpId] : []));
      return ids.length ? followUpViews({ id: { in: ids } }) : [];
    },

    async close(meetingId, at, carried) {
      return db.$transaction(async (tx) => {
        const res = await tx.meeting.updateMany({
          where: { id: meetingId, status: "planned" },
          data: { status: "closed", closedAt: at, version: { increment: 1 } },
        });
        if (res.count !== 1) return false;
        const last = await tx.agendaItem.aggregate({ where: { meetingId }, _max: { position: true } });
        let position = last._max.position ?? 0;
        for (const c of carried) {
          position += 1;
          await tx.agendaItem.create({ data: { id: c.id, meetingId, position, kind: "carried", title: c.title, followUpId: c.followUpId } });
        }
        return true;
      });
    },
  };
}
