import type { LoopSummaryService } from "../../domain/loop-summary-service.js";
import type { Job } from "../scheduler.js";

/** Daily (DIGEST_CRON): on a loop's last day, what the loop learned to every unit's chiefs that have not had it (decision 0020). */
export function planLoopSummariesJob(loopSummaries: LoopSummaryService, cron: string): Job {
  return { name: "plan-loop-summaries", cron, oneInstance: true, run: async () => ({ planned: await loopSummaries.planLastDay() }) };
}
