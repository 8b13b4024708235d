import type { ExportRepository, FocusAreaExportRow } from "../domain/export.js";
import type { FocusArea, FollowUpStatus, MeetingKind } from "../domain/types.js";
import type { Db } from "./prisma-client.js";

/**
 * Reads an export (src/domain/export.ts). Selects only the fields the export shows: it never
 * touches reflections, board statements or follow-up events, so they cannot leak into a file.
 */
export function createExportRepository(db: Db): ExportRepository {
  return {
    async areas() {
      return db.area.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
    },

    async load(areaId, window) {
      const area = await db.area.findUnique({ where: { id: areaId }, select: { id: true, name: true } });
      if (!area) return undefined;

      const meetings = await db.meeting.findMany({
        // Læringssamtaler only: a 1:1's own agreements stay between its two people (DOMAIN 7).
        where: { unit: { areaId }, kind: "laeringssamtale", status: { not: "cancelled" }, startsAt: { gte: window.start, lt: window.end } },
        select: {
          id: true,
          kind: true,
          firstOfLoop: true,
          startsAt: true,
          unit: { select: { name: true } },
          decisions: { select: { position: true, text: true, agendaItemId: true } },
          followUps: {
            select: {
              text: true,
              ownerId: true,
              dueDate: true,
              status: true,
              doneAt: true,
              evaluateOn: true,
              createdAt: true,
              decision: { select: { text: true, position: true } },
            },
          },
        },
      });

      const itemIds = [...new Set(meetings.flatMap((m) => m.decisions.map((d) => d.agendaItemId).filter((id): id is string => id !== null)))];
      const ownerIds = [...new Set(meetings.flatMap((m) => m.followUps.map((f) => f.ownerId)))];
      const [items, owners] = await Promise.all([
        itemIds.length ? db.agendaItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, title: true } }) : [],
        ownerIds.length ? db.person.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } }) : [],
      ]);
      const itemTitle = new Map(items.map((i) => [i.id, i.title]));
      const ownerName = new Map(owners.map((p) => [p.id, p.name]));

      const decisions = [];
      const followUps = [];
      for (const m of meetings) {
        const meeting = { id: m.id, unitName: m.unit.name, startsAt: m.startsAt, kind: m.kind as MeetingKind, firstOfLoop: m.firstOfLoop };
        for (const d of m.decisions) {
          decisions.push({ meeting, position: d.position, agendaItem: d.agendaItemId ? itemTitle.get(d.agendaItemId) : undefined, text: d.text });
        }
        for (const f of m.followUps) {
          followUps.push({
            meeting,
            decision: f.decision ?? undefined,
            text: f.text,
            ownerName: ownerName.get(f.ownerId) ?? f.ownerId,
            dueDate: f.dueDate,
            status: f.status as FollowUpStatus,
            doneAt: f.doneAt ?? undefined,
            evaluateOn: f.evaluateOn ?? undefined,
            createdAt: f.createdAt,
          });
        }
      }

      // Focus areas active at some point in the window: chosen before its end, not ended before its start.
      const units = await db.unit.findMany({ where: { areaId }, select: { id: true, name: true } });
      const areas = units.length
        ? await db.focusArea.findMany({
            where: {
              unitId: { in: units.map((u) => u.id) },
              createdAt: { lt: window.end },
              OR: [{ status: "active" }, { endedAt: { gte: window.start } }],
            },
            select: { id: true, unitId: true, loopId: true, themeId: true, title: true, status: true, evaluateOn: true, position: true },
          })
        : [];
      const loopIds = [...new Set(areas.map((f) => f.loopId))];
      const themeIds = [...new Set(areas.map((f) => f.themeId))];
      const [loops, themes] = await Promise.all([
        loopIds.length ? db.loop.findMany({ where: { id: { in: loopIds } }, select: { id: true, name: true, startDate: true } }) : [],
        themeIds.length ? db.theme.findMany({ where: { id: { in: themeIds } }, select: { id: true, title: true } }) : [],
      ]);
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      const loop = new Map(loops.map((l) => [l.id, l]));
      const themeTitle = new Map(themes.map((t) => [t.id, t.title]));
      const focusAreas: FocusAreaExportRow[] = areas.map((f) => ({
        id: f.id,
        unitId: f.unitId,
        loopId: f.loopId,
        unitName: unitName.get(f.unitId) ?? f.unitId,
        loopName: loop.get(f.loopId)?.name ?? f.loopId,
        loopStart: loop.get(f.loopId)?.startDate ?? "",
        themeTitle: themeTitle.get(f.themeId) ?? f.themeId,
        title: f.title,
        status: f.status as FocusArea["status"],
        evaluateOn: f.evaluateOn ?? undefined,
        position: f.position,
      }));

      return { area, decisions, followUps, focusAreas };
    },
  };
}
