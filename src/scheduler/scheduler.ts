import { logError } from "../lib/log-safe.js";
import cron from "node-cron";
import type { Logger } from "pino";
import type { JobLeases } from "../domain/ports.js";

export interface Job {
  name: string;
  /** When it runs (in the scheduler's time zone); absent: on the scheduler's default tick. */
  cron?: string;
  /** Runs once; the scheduler never starts a job while its previous run is still going. */
  run(now: Date): Promise<unknown>;
  /**
   * Runs on one instance at a time when several share the database (under the scheduler's
   * `leases`). Such a job must find its own work done when another instance ran it a moment
   * earlier (digests, channel posts and retention record what they did).
   */
  oneInstance?: boolean;
}

export interface LeaseOptions {
  store: JobLeases;
  /** This process, as the lease table names it. */
  holder: string;
  /** How long a lease lasts unless renewed (renewed every third of it while the job runs). */
  leaseMs: number;
}

export interface SchedulerOptions {
  /** The default tick for jobs without their own cron. */
  cron: string;
  timezone: string;
  jobs: Job[];
  log: Logger;
  now?: () => Date;
  /** Where `oneInstance` jobs take their lease; without it they simply run. */
  leases?: LeaseOptions;
}

/** Instances' clocks and cron timers differ by far less than this: their ticks of one moment fall within it. */
const SAME_TICK_MS = 10_000;

/** What a `oneInstance` job's run gives when another instance holds its lease. */
const HELD_ELSEWHERE = { skipped: "held-by-another-instance" } as const;

export interface Scheduler {
  /** Run a job now (after a change that planned sends); coalesces with a run in progress. */
  kick(name: string): void;
  /** Stops ticking and waits for running jobs to finish. */
  stop(): Promise<void>;
  /** Resolves once no job runs (nor was kicked to run again): what a kick started is done. */
  idle(): Promise<void>;
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
        const result = job.oneInstance && opts.leases ? await runLeased(job, opts.leases, log) : await job.run(now());
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

  /** Runs a `oneInstance` job while holding its lease, renewing it as it goes, and gives it up after. */
  async function runLeased(job: Job, leases: LeaseOptions, log: Logger): Promise<unknown> {
    const at = now();
    if (!(await leases.store.acquire(job.name, leases.holder, at, new Date(at.getTime() + leases.leaseMs)))) return HELD_ELSEWHERE;
    // The last renewal sent: awaited before the release, so a late one cannot take the lease back.
    let renewing: Promise<unknown> = Promise.resolve();
    const renewal = setInterval(() => {
      renewing = leases.store.renew(job.name, leases.holder, new Date(now().getTime() + leases.leaseMs)).then(
        (held) => {
          if (!held) log.warn({ holder: leases.holder }, "job lease lost while running (another instance may run it too)");
        },
        (err: unknown) => logError(log, err, "job lease not renewed"),
      );
    }, Math.max(1000, leases.leaseMs / 3));
    try {
      return await job.run(at);
    } finally {
      clearInterval(renewal);
      await renewing;
      // Held until a little after the tick, so the other instances' ticks of this same moment skip it.
      const heldUntil = new Date(Math.max(now().getTime(), at.getTime() + Math.min(leases.leaseMs, SAME_TICK_MS)));
      await leases.store.release(job.name, leases.holder, heldUntil).catch((err: unknown) => logError(log, err, "job lease not given up (it runs out by itself)"));
    }
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
    async idle() {
      // A run that ends with a kick pending starts the next one before its own promise settles.
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
