import cron from "node-cron";
import type { Logger } from "pino";

export interface Job {
  name: string;
  /** Runs once; the scheduler never starts a job while its previous run is still going. */
  run(now: Date): Promise<unknown>;
}

export interface SchedulerOptions {
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
        log.error({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, "job failed");
      } finally {
        running.delete(job.name);
        if (again.delete(job.name)) runJob(job);
      }
    })();
    running.set(job.name, p);
  }

  const task = cron.schedule(opts.cron, () => opts.jobs.forEach(runJob), { timezone: opts.timezone, noOverlap: true, name: "laeringsloop-tick" });

  return {
    kick(name) {
      const job = opts.jobs.find((j) => j.name === name);
      if (job) runJob(job);
    },
    async stop() {
      stopped = true;
      await task.stop();
      await Promise.all(running.values());
    },
  };
}
