import type { FormChange, FormRepository } from "../domain/ports.js";
import type { FormRow } from "../domain/types.js";
import { followUpAuditEntry, type NewAuditEntry } from "../domain/audit.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";

/** A follow-up changed under the form's change: its transaction is undone. */
export class StaleFollowUp extends Error {}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function rowsOf(client: Pick<Db, "decision">, meetingId: string): Promise<FormRow[]> {
  const decisions = await client.decision.findMany({
    where: { meetingId },
    orderBy: { position: "asc" },
    include: { followUps: { where: { status: { not: "cancelled" } }, orderBy: { createdAt: "asc" }, take: 1 } },
  });
  return decisions.map((d) => {
    const f = d.followUps[0];
    return {
      decisionId: d.id,
      agendaItemId: d.agendaItemId ?? undefined,
      decision: d.text,
      ...(d.focusAreaId ? { focusAreaId: d.focusAreaId } : {}),
      followUpId: f?.id,
      followUpText: f?.text,
      ownerId: f?.ownerId,
      dueDate: f?.dueDate,
      evaluateOn: f?.evaluateOn ?? undefined,
      followUpStatus: f?.status as FormRow["followUpStatus"],
      followUpVersion: f?.version,
    };
  });
}

/**
 * A change of the opfølgningsskema inside a transaction the caller holds (the afrapportering writes
 * its report in the same one): undefined when the meeting moved on from `expectedVersion`; a
 * follow-up whose owner acted meanwhile throws StaleFollowUp (the whole transaction is undone).
 */
export async function applyFormChange(tx: Tx, meetingId: string, expectedVersion: number, change: FormChange, editorId: string, at: Date): Promise<number | undefined> {
  // The version check and bump come first, so a concurrent save of the same version fails here.
  const bumped = await tx.meeting.updateMany({ where: { id: meetingId, version: expectedVersion }, data: { version: { increment: 1 } } });
  if (bumped.count !== 1) return undefined;
  const audit: NewAuditEntry[] = [];
  const decisionEntry = (action: NewAuditEntry["action"], id: string, detail: NewAuditEntry["detail"] = {}) =>
    audit.push({ action, subjectKind: "decision", subjectId: id, meetingId, detail });
  for (const d of change.createDecisions) {
    await tx.decision.create({ data: { id: d.id, meetingId, agendaItemId: d.agendaItemId ?? null, focusAreaId: d.focusAreaId ?? null, position: d.position, text: d.text } });
    decisionEntry("decision.created", d.id, { position: d.position });
  }
  for (const d of change.updateDecisions) {
    await tx.decision.update({ where: { id: d.id, meetingId }, data: { agendaItemId: d.agendaItemId ?? null, focusAreaId: d.focusAreaId ?? null, position: d.position, text: d.text } });
    decisionEntry("decision.edited", d.id, { position: d.position });
  }
  for (const id of change.cancelFollowUpIds) {
    const r = await tx.followUp.updateMany({ where: { id, meetingId, status: { not: "cancelled" } }, data: { status: "cancelled", version: { increment: 1 } } });
    if (r.count === 1) {
      const event = { kind: "cancelled" as const, actorId: editorId, at, data: {} };
      await tx.followUpEvent.create({ data: { followUpId: id, kind: event.kind, actorId: editorId, at, data: "{}" } });
      audit.push(followUpAuditEntry(id, meetingId, event));
    }
  }
  // Follow-ups keep their history: a removed decision only loses its link, the follow-up is cancelled above.
  if (change.deleteDecisionIds.length > 0) {
    await tx.followUp.updateMany({ where: { decisionId: { in: change.deleteDecisionIds } }, data: { decisionId: null } });
    const deleted = await tx.decision.findMany({ where: { id: { in: change.deleteDecisionIds }, meetingId }, select: { id: true } });
    await tx.decision.deleteMany({ where: { id: { in: change.deleteDecisionIds }, meetingId } });
    for (const d of deleted) decisionEntry("decision.deleted", d.id);
  }
  // The follow-up carries its meeting's unit and kind (the chief's status counts by them).
  const { unitId, kind: meetingKind } = change.createFollowUps.length > 0 ? await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { unitId: true, kind: true } }) : { unitId: "", kind: "" };
  for (const f of change.createFollowUps) {
    await tx.followUp.create({ data: { id: f.id, meetingId, unitId, meetingKind, decisionId: f.decisionId, text: f.text, ownerId: f.ownerId, dueDate: f.dueDate, evaluateOn: f.evaluateOn ?? null, createdAt: at } });
    const event = { kind: "created" as const, actorId: editorId, at, data: { ownerId: f.ownerId, dueDate: f.dueDate } };
    await tx.followUpEvent.create({ data: { followUpId: f.id, kind: event.kind, actorId: editorId, at, data: JSON.stringify(event.data) } });
    audit.push(followUpAuditEntry(f.id, meetingId, event));
  }
  for (const f of change.updateFollowUps) {
    const res = await tx.followUp.updateMany({
      where: { id: f.id, meetingId, version: f.expectedVersion },
      data: { decisionId: f.decisionId, text: f.text, ownerId: f.ownerId, dueDate: f.dueDate, evaluateOn: f.evaluateOn ?? null, version: { increment: 1 } },
    });
    // The owner acted between reading and writing: undo everything, the person sees the new state.
    if (res.count !== 1) throw new StaleFollowUp();
    await tx.followUpEvent.create({ data: { followUpId: f.id, kind: "edited", actorId: editorId, at, data: JSON.stringify(f.changes) } });
    audit.push(followUpAuditEntry(f.id, meetingId, { kind: "edited", actorId: editorId, at, data: f.changes }, f.ownerId));
  }
  const revision = (await tx.formRevision.count({ where: { meetingId } })) + 1;
  for (const r of change.recommendations) {
    const set = await tx.agendaItem.updateMany({ where: { id: r.agendaItemId, meetingId }, data: { recommendation: r.text || null } });
    if (set.count === 1) audit.push({ action: "agenda.indstilling_changed", subjectKind: "agenda_item", subjectId: r.agendaItemId, meetingId, detail: { cleared: !r.text } });
  }
  const snapshot = { rows: await rowsOf(tx, meetingId), recommendations: change.recommendations };
  await tx.formRevision.create({ data: { meetingId, revision, editedById: editorId, at, snapshot: JSON.stringify(snapshot) } });
  await appendAudit(tx, { actorId: editorId, at }, audit);
  return revision;
}

/**
 * The indstillinger as the form's revisions up to the last one hold them: each revision holds only
 * those it changed (or, from a closing, every item's), folded up in order.
 */
export function foldRecommendations(snapshots: string[]): Record<string, string> {
  const recommendations: Record<string, string> = {};
  for (const s of snapshots) {
    const snapshot = JSON.parse(s) as { recommendations?: { agendaItemId: string; text: string }[] };
    for (const rec of snapshot.recommendations ?? []) recommendations[rec.agendaItemId] = rec.text;
  }
  return recommendations;
}

export function createFormRepository(db: Db): FormRepository {
  return {
    rows: (meetingId) => rowsOf(db, meetingId),

    async revisionCount(meetingId) {
      return db.formRevision.count({ where: { meetingId } });
    },

    async at(meetingId, revision) {
      if (revision === 0) return { rows: [], recommendations: {} };
      // Each revision holds every row, and the indstillinger it changed: those are folded up.
      const revisions = await db.formRevision.findMany({ where: { meetingId, revision: { lte: revision } }, orderBy: { revision: "asc" }, select: { revision: true, snapshot: true } });
      const recommendations = foldRecommendations(revisions.map((r) => r.snapshot));
      const last = revisions.find((r) => r.revision === revision);
      const rows = last ? (JSON.parse(last.snapshot) as { rows?: FormRow[] }).rows : undefined;
      // Erased after the retention period (the snapshot is "{}"): that version can no longer be shown.
      return rows ? { rows, recommendations } : undefined;
    },

    async apply(meetingId, expectedVersion, change, editorId, at) {
      return db.$transaction((tx) => applyFormChange(tx, meetingId, expectedVersion, change, editorId, at)).catch((err: unknown) => {
        if (err instanceof StaleFollowUp) return undefined;
        throw err;
      });
    },
  };
}

