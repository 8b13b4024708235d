import type { ActivityLog } from "../../domain/ports.js";
import type { Job } from "../scheduler.js";

const KEEP_MS = 7 * 24 * 3_600_000;

/**
 * Daily: forget which activities were handled more than a week ago (duplicate detection needs
 * minutes), then let the database refresh its planner statistics.
 */
export function pruneActivityLogJob(activityLog: ActivityLog, optimize: () => Promise<void>): Job {
  return {
    name: "prune-activity-log",
    oneInstance: true,
    cron: "17 3 * * *",
    run: async (now) => {
      const pruned = await activityLog.prune(new Date(now.getTime() - KEEP_MS));
      await optimize();
      return { pruned };
    },
  };
}
