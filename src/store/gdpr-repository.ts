import type { ErasureCounts, GdprRepository, PersonExport } from "../domain/gdpr-service.js";
import { appendAudit, toAuditEntry } from "./audit-log.js";
import { toPerson } from "./mappers.js";
import type { Db } from "./prisma-client.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
};

/** Every string in a JSON value equal to `from` becomes `to` (person ids inside histories and snapshots). */
export function replaceId(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceId(v, from, to));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceId(v, from, to)]));
  return value;
}

/**
 * What is stored about one person (for gdpr:export), and their anonymisation (gdpr:erase).
 * Every table that holds a person id is named here; test/store/gdpr.test.ts checks that none
 * is forgotten.
 */
export function createGdprRepository(db: Db): GdprRepository {
  return {
    async find(who) {
      const p = await db.person.findFirst({ where: { OR: [{ id: who }, { aadObjectId: who }, { email: who }] } });
      return p ? toPerson(p) : undefined;
    },

    async exportPerson(id): Promise<PersonExport> {
      const person = await db.person.findUniqueOrThrow({ where: { id }, include: { roles: true, conversation: true } });
      const [participations, reflections, boardStatements, boardReports, followUps, events, topics, revisions, referater, wheels, wheelEntries, links, preferences, notifications, sentCards, tokens, calendarLinks, calendarEvents, audit] =
        await Promise.all([
          db.meetingParticipant.findMany({ where: { personId: id }, include: { meeting: { include: { unit: { select: { name: true } } } } } }),
          db.reflection.findMany({ where: { authorId: id }, orderBy: { sentAt: "asc" } }),
          db.boardStatement.findMany({ where: { authorId: id }, orderBy: { sentAt: "asc" } }),
          db.boardReport.findMany({ where: { authorId: id }, orderBy: { sentAt: "asc" } }),
          db.followUp.findMany({ where: { ownerId: id }, orderBy: { createdAt: "asc" } }),
          db.followUpEvent.findMany({ where: { actorId: id }, orderBy: { at: "asc" } }),
          db.agendaItem.findMany({ where: { addedById: id }, orderBy: { createdAt: "asc" } }),
          db.formRevision.findMany({ where: { editedById: id }, orderBy: { at: "asc" }, select: { meetingId: true, revision: true, at: true } }),
          db.referatVersion.findMany({ where: { OR: [{ closedById: id }, { reopenedById: id }] }, orderBy: { closedAt: "asc" } }),
          db.yearWheel.findMany({ where: { confirmedById: id }, select: { unitId: true, loopId: true, confirmedAt: true } }),
          db.yearWheelEntry.findMany({ where: { withPersonId: id }, select: { wheelId: true, kind: true, date: true, time: true, meetingId: true } }),
          db.channelLink.findMany({ where: { OR: [{ linkedById: id }, ...(person.aadObjectId ? [{ reference: { contains: person.aadObjectId } }] : [])] }, select: { areaId: true, conversationId: true, createdAt: true } }),
          db.preference.findUnique({ where: { personId: id } }),
          db.notification.findMany({ where: { personId: id }, orderBy: { dueAt: "asc" }, select: { kind: true, subjectId: true, dueAt: true, status: true, sentAt: true, lastError: true } }),
          db.sentCard.findMany({ where: { personId: id }, select: { subjectKind: true, subjectId: true, conversationId: true, activityId: true, createdAt: true } }),
          db.downloadToken.findMany({ where: { personId: id }, select: { areaId: true, fromDate: true, toDate: true, format: true, createdAt: true, expiresAt: true, usedAt: true } }),
          db.calendarFileToken.findMany({ where: { personId: id }, select: { meetingId: true, unitId: true, loopId: true, createdAt: true, expiresAt: true, usedAt: true } }),
          // The meetings' events the bot keeps in the person's Outlook calendar (CALENDAR_SYNC=graph), and those whose decline the chair was told of.
          db.calendarEvent.findMany({ where: { OR: [...(person.aadObjectId ? [{ mailbox: person.aadObjectId }] : []), { declinedTold: { contains: id } }] }, select: { meetingId: true, mailbox: true, eventId: true, startsAt: true, cancelled: true, declinedTold: true } }),
          db.auditEntry.findMany({ where: { OR: [{ actorId: id }, { personId: id }, { formerPersonId: id }, { subjectId: id }] }, orderBy: { seq: "asc" } }),
        ]);
      const [proposals, drafted, approvals, remarks] = await Promise.all([
        db.focusAreaProposal.findMany({ where: { OR: [{ proposedById: id }, { approvedById: id }] }, orderBy: { createdAt: "asc" } }),
        db.agendaItem.findMany({ where: { recommendationById: id }, orderBy: { createdAt: "asc" }, select: { meetingId: true, title: true, recommendation: true } }),
        db.referatApproval.findMany({ where: { personId: id }, orderBy: { approvedAt: "asc" }, select: { meetingId: true, version: true, approvedAt: true } }),
        db.referatRemark.findMany({ where: { personId: id }, orderBy: { at: "asc" }, select: { meetingId: true, version: true, text: true, at: true } }),
      ]);
      const c = person.conversation;
      return {
        person: { id: person.id, name: person.name, email: person.email, phone: person.phone, origin: person.origin, aadObjectId: person.aadObjectId, active: person.active, createdAt: person.createdAt, updatedAt: person.updatedAt },
        roles: person.roles.map((r) => ({ role: r.role, areaId: r.areaId, unitId: r.unitId })),
        teamsConversation: c
          ? { conversationId: c.conversationId, serviceUrl: c.serviceUrl, tenantId: c.tenantId, reference: parse(c.reference), active: c.active, inactiveReason: c.inactiveReason, inactiveSince: c.inactiveSince, greetedAt: c.greetedAt }
          : null,
        reminderSettings: preferences ? { absentUntil: preferences.absentUntil, muted: preferences.muted ? preferences.muted.split(",") : [], digestTime: preferences.digestTime } : null,
        meetings: participations.map((p) => ({ meetingId: p.meetingId, role: p.role, kind: p.meeting.kind, unit: p.meeting.unit.name, startsAt: p.meeting.startsAt, status: p.meeting.status, chair: p.meeting.chairId === id })),
        reflections: reflections.map((r) => ({ meetingId: r.meetingId, answers: parse(r.answers), nothingNew: r.nothingNew, status: r.status, version: r.version, sentAt: r.sentAt })),
        boardStatements: boardStatements.map((b) => ({ meetingId: b.meetingId, text: b.text, version: b.version, sentAt: b.sentAt })),
        boardReportsSent: boardReports.map((b) => ({ unitId: b.unitId, loopId: b.loopId, year: b.year, meetingId: b.meetingId, followedUp: b.followedUp, sentAt: b.sentAt })),
        followUpsOwned: followUps.map((f) => ({ id: f.id, meetingId: f.meetingId, text: f.text, dueDate: f.dueDate, evaluateOn: f.evaluateOn, status: f.status, createdAt: f.createdAt, doneAt: f.doneAt })),
        followUpChangesMade: events.map((e) => ({ followUpId: e.followUpId, kind: e.kind, at: e.at, data: parse(e.data) })),
        agendaTopicsAdded: topics.map((a) => ({ meetingId: a.meetingId, title: a.title, createdAt: a.createdAt })),
        formRevisionsSaved: revisions,
        focusAreaProposals: proposals.map((p) => ({
          unitId: p.unitId,
          loopId: p.loopId,
          meetingId: p.meetingId,
          rows: parse(p.rows),
          status: p.status,
          proposed: p.proposedById === id,
          ...(p.approvedById === id ? { approvedAt: p.approvedAt } : {}),
          version: p.version,
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
        })),
        indstillingerDrafted: drafted.map((a) => ({ meetingId: a.meetingId, agendaItem: a.title, indstilling: a.recommendation })),
        referaterClosedOrReopened: referater.map((r) => ({
          meetingId: r.meetingId,
          version: r.version,
          ...(r.closedById === id ? { closedAt: r.closedAt } : {}),
          ...(r.reopenedById === id ? { reopenedAt: r.reopenedAt } : {}),
        })),
        referatApprovals: approvals,
        referatRemarks: remarks,
        yearWheelsConfirmed: wheels,
        yearWheelEntries: wheelEntries,
        channelLinksMade: links,
        notifications,
        cardsSent: sentCards,
        downloadLinks: tokens,
        calendarLinks,
        calendarEvents: calendarEvents.map((e) => ({ meetingId: e.meetingId, inTheirCalendar: e.mailbox === person.aadObjectId, eventId: e.mailbox === person.aadObjectId ? e.eventId : undefined, startsAt: e.startsAt, cancelled: e.cancelled, declineTold: e.declinedTold.split(",").includes(id) })),
        auditLog: audit.map(toAuditEntry),
      };
    },

    async erasePerson(id, newId, erasedName, by) {
      return db.$transaction(async (tx) => {
        const old = await tx.person.findUniqueOrThrow({ where: { id } });
        await tx.person.create({ data: { id: newId, aadObjectId: newId, name: erasedName, email: null, active: false, createdAt: old.createdAt } });
        const counts: ErasureCounts = {
          reflections: (await tx.reflection.deleteMany({ where: { authorId: id } })).count,
          boardStatements: (await tx.boardStatement.deleteMany({ where: { authorId: id } })).count,
          referatRemarks: 0,
          comments: await dropComments(tx, id),
          conversation: (await tx.conversationRef.deleteMany({ where: { personId: id } })).count,
          preferences: (await tx.preference.deleteMany({ where: { personId: id } })).count,
          roles: (await tx.role.deleteMany({ where: { personId: id } })).count,
          notifications: (await tx.notification.deleteMany({ where: { personId: id } })).count,
          sentCards: (await tx.sentCard.deleteMany({ where: { personId: id } })).count,
          downloadLinks: (await tx.downloadToken.deleteMany({ where: { personId: id } })).count,
          calendarLinks: (await tx.calendarFileToken.deleteMany({ where: { personId: id } })).count,
          meetings: (await tx.meetingParticipant.updateMany({ where: { personId: id }, data: { personId: newId } })).count,
          followUpsOwned: (await tx.followUp.updateMany({ where: { ownerId: id }, data: { ownerId: newId } })).count,
          // The board's afrapportering is the board's record to the municipality: it stays, sent by «slettet person».
          boardReports: (await tx.boardReport.updateMany({ where: { authorId: id }, data: { authorId: newId } })).count,
          auditEntries: 0,
        };
        await tx.meeting.updateMany({ where: { chairId: id }, data: { chairId: newId } });
        // Approving a referat is part of the meeting's record: it stays, by «slettet person»; what the person wrote to it goes.
        await tx.referatApproval.updateMany({ where: { personId: id }, data: { personId: newId } });
        counts.referatRemarks = (await tx.referatRemark.deleteMany({ where: { personId: id } })).count;
        await tx.agendaItem.updateMany({ where: { addedById: id }, data: { addedById: newId } });
        await tx.agendaItem.updateMany({ where: { recommendationById: id }, data: { recommendationById: newId } });
        await tx.focusArea.updateMany({ where: { proposedById: id }, data: { proposedById: newId } });
        await tx.focusArea.updateMany({ where: { approvedById: id }, data: { approvedById: newId } });
        await tx.focusAreaProposal.updateMany({ where: { proposedById: id }, data: { proposedById: newId } });
        await tx.focusAreaProposal.updateMany({ where: { approvedById: id }, data: { approvedById: newId } });
        await tx.followUpEvent.updateMany({ where: { actorId: id }, data: { actorId: newId } });
        await tx.formRevision.updateMany({ where: { editedById: id }, data: { editedById: newId } });
        await tx.referatVersion.updateMany({ where: { closedById: id }, data: { closedById: newId } });
        await tx.referatVersion.updateMany({ where: { reopenedById: id }, data: { reopenedById: newId } });
        await tx.yearWheel.updateMany({ where: { confirmedById: id }, data: { confirmedById: newId } });
        await tx.yearWheelEntry.updateMany({ where: { withPersonId: id }, data: { withPersonId: newId } });
        // The meetings' events in the person's Outlook calendar (CALENDAR_SYNC=graph): the bot no longer names their mailbox.
        // Their events are no longer kept (the mailbox is gone from the bot): the read-back and the sync leave them be.
        if (old.aadObjectId) await tx.calendarEvent.updateMany({ where: { mailbox: old.aadObjectId }, data: { mailbox: newId, cancelled: true } });
        // A person outside Teams: their guest links name the anonymous id and no longer open anything.
        await tx.guestLink.updateMany({ where: { personId: id }, data: { personId: newId } });
        await tx.guestLink.updateMany({ where: { personId: newId, revokedAt: null }, data: { revokedAt: by.at, liveKey: null } });
        for (const e of await tx.calendarEvent.findMany({ where: { declinedTold: { contains: id } }, select: { meetingId: true, declinedTold: true } })) {
          await tx.calendarEvent.update({ where: { meetingId: e.meetingId }, data: { declinedTold: e.declinedTold.split(",").map((x) => (x === id ? newId : x)).join(",") } });
        }
        // Histories and snapshots name owners inside their JSON.
        const needle = JSON.stringify(id);
        for (const e of await tx.followUpEvent.findMany({ where: { data: { contains: needle } }, select: { id: true, data: true } })) {
          await tx.followUpEvent.update({ where: { id: e.id }, data: { data: JSON.stringify(replaceId(parse(e.data), id, newId)) } });
        }
        for (const r of await tx.formRevision.findMany({ where: { snapshot: { contains: needle } }, select: { id: true, snapshot: true } })) {
          await tx.formRevision.update({ where: { id: r.id }, data: { snapshot: JSON.stringify(replaceId(parse(r.snapshot), id, newId)) } });
        }
        // A channel the person linked (first, or again later) keeps working; its stored reference no longer names them.
        await tx.channelLink.updateMany({ where: { linkedById: id }, data: { linkedById: newId } });
        for (const l of old.aadObjectId ? await tx.channelLink.findMany({ where: { reference: { contains: old.aadObjectId } }, select: { id: true, reference: true } }) : []) {
          const ref = parse(l.reference);
          const scrubbed = ref && typeof ref === "object" ? { ...ref, user: { id: newId, name: erasedName } } : ref;
          await tx.channelLink.update({ where: { id: l.id }, data: { reference: JSON.stringify(scrubbed) } });
        }
        // The audit log accepts exactly this change: the person's id replaced by the anonymous one.
        for (const field of ["actorId", "subjectId", "personId", "formerPersonId"] as const) {
          counts.auditEntries += (await tx.auditEntry.updateMany({ where: { [field]: id }, data: { [field]: newId } })).count;
        }
        await tx.person.delete({ where: { id } });
        await appendAudit(tx, by, [{ action: "person.erased", subjectKind: "person", subjectId: newId, detail: { ...counts } }]);
        return { counts, nameMentions: await nameMentions(tx, old.name) };
      });
    },
  };
}

/**
 * Shared texts (decisions, follow-ups, agenda, indstillinger, focus areas, others' comments, form
 * revisions) that mention the person's first name: other people wrote them and the municipality
 * must keep them (notatpligt), so they are listed for the administrator to review, not changed.
 */
async function nameMentions(tx: Tx, name: string): Promise<{ kind: string; id: string }[]> {
  const first = name.trim().split(/\s+/)[0] ?? "";
  if (first.length < 2) return [];
  const [decisions, followUps, items, focusAreas, comments, revisions, proposals] = await Promise.all([
    tx.decision.findMany({ where: { text: { contains: first } }, select: { id: true } }),
    tx.followUp.findMany({ where: { text: { contains: first } }, select: { id: true } }),
    tx.agendaItem.findMany({ where: { OR: [{ title: { contains: first } }, { recommendation: { contains: first } }] }, select: { id: true } }),
    tx.focusArea.findMany({ where: { title: { contains: first } }, select: { id: true } }),
    tx.followUpEvent.findMany({ where: { data: { contains: first } }, select: { id: true } }),
    tx.formRevision.findMany({ where: { snapshot: { contains: first } }, select: { id: true } }),
    tx.focusAreaProposal.findMany({ where: { rows: { contains: first } }, select: { id: true } }),
  ]);
  return [
    ...decisions.map((r) => ({ kind: "decision", id: r.id })),
    ...followUps.map((r) => ({ kind: "followup", id: r.id })),
    ...items.map((r) => ({ kind: "agenda_item", id: r.id })),
    ...focusAreas.map((r) => ({ kind: "focus_area", id: r.id })),
    ...comments.map((r) => ({ kind: "followup_event", id: r.id })),
    ...revisions.map((r) => ({ kind: "form_revision", id: r.id })),
    ...proposals.map((r) => ({ kind: "focus_area_proposal", id: r.id })),
  ];
}

/** The text of the person's comments on follow-ups goes; that a comment was made stays. */
async function dropComments(tx: Tx, id: string): Promise<number> {
  const comments = await tx.followUpEvent.findMany({ where: { actorId: id, kind: "commented" }, select: { id: true, data: true } });
  for (const c of comments) await tx.followUpEvent.update({ where: { id: c.id }, data: { data: "{}" } });
  return comments.length;
}

