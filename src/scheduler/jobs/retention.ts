import type { RetentionService } from "../../domain/retention-service.js";
import type { Job } from "../scheduler.js";

/** Daily (RETENTION_CRON): erases reflections and minutes whose retention time after their loop has passed. */
export function retentionJob(retention: RetentionService, cron: string): Job {
  return { name: "retention", cron, oneInstance: true, run: () => retention.run() };
}
