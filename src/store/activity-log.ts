import { isRecordNotFound, isUniqueViolation } from "./errors.js";
import type { ActivityLog } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

export function createActivityLog(db: Db): ActivityLog {
  return {
    async firstDelivery(activityKey) {
      try {
        await db.processedActivity.create({ data: { id: activityKey } });
        return true;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        return false;
      }
    },
    async recordResponse(activityKey, response) {
      // One statement (updateMany would wrap it in a transaction of its own). A row pruned
      // meanwhile is nothing to answer any more.
      try {
        await db.processedActivity.update({ where: { id: activityKey }, data: { response }, select: { id: true } });
      } catch (e) {
        if (!isRecordNotFound(e)) throw e;
      }
    },
    async response(activityKey) {
      return (await db.processedActivity.findUnique({ where: { id: activityKey }, select: { response: true } }))?.response ?? undefined;
    },
    async prune(before) {
      return (await db.processedActivity.deleteMany({ where: { at: { lt: before } } })).count;
    },
  };
}
