import { logError } from "../lib/log-safe.js";
import cron from "node-cron";
import type { Logger } from "pino";

export interface Job {
  name: string;
  /** When it runs (in the scheduler's time zone); absent: on the scheduler's default tick. */
  cron?: string;
  /** Runs once; the scheduler never starts a job while its previous run is still going. */
  run(now: Date): Promise<unknown>;
}

export interface SchedulerOptions {
  /** The default tick for jobs without their own cron. */
  cron: string;
  timezone: string;
  jobs: Job[];
  log: Logger;
  now?: () => Date;
}

export interface Scheduler {
  /** Run a job now (after a change that planned sends); coalesces with a run in progress. */
  kick(name: string): void;
  /** Stops ticking and waits for running jobs to finish. */
  stop(): Promise<void>;
}

/** True for an expression node-cron accepts (five fields, or six with seconds first). */
export const isValidCron = (expression: string): boolean => cron.validate(expression);

/** The only place that knows node-cron: ticks in an explicit time zone, no overlapping runs. */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  const now = opts.now ?? (() => new Date());
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let stopped = false;

  function runJob(job: Job): void {
    if (stopped) return;
    if (running.has(job.name)) {
      again.add(job.name);
      return;
    }
    const log = opts.log.child({ job: job.name });
    const p = (async () => {
      try {
        const result = await job.run(now());
        log.debug({ result }, "job done");
      } catch (err) {
        logError(log, err, "job failed");
      } finally {
        running.delete(job.name);
        if (again.delete(job.name)) runJob(job);
      }
    })();
    running.set(job.name, p);
  }

  const tasks = opts.jobs.map((job) =>
    cron.schedule(job.cron ?? opts.cron, () => runJob(job), { timezone: opts.timezone, name: job.name }),
  );

  return {
    kick(name) {
      const job = opts.jobs.find((j) => j.name === name);
      if (job) runJob(job);
    },
    async stop() {
      stopped = true;
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.all(running.values());
    },
  };
}
