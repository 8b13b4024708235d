import type { DigestService } from "../../domain/digest-service.js";
import type { Job } from "../scheduler.js";

/** Daily: plans the coming weekly overviews (owners' overdue follow-ups, chiefs' areas). */
export function planDigestsJob(digests: DigestService, cron: string): Job {
  return { name: "plan-digests", cron, oneInstance: true, run: async () => ({ planned: await digests.planWeek() }) };
}
