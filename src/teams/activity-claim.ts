import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { ActivityLog } from "../domain/ports.js";
import { logError } from "../lib/log-safe.js";

/** What a handled activity leaves behind: the answer to keep, or nothing (the attempt gives its claim up). */
export type KeptAnswer = string | undefined;

/**
 * The activity log as the Teams layer uses it: each delivered activity is handled by at most one
 * attempt at a time, and the claim lasts exactly as long as that attempt (decision 0010).
 */
export interface ActivityClaims {
  /**
   * Runs `work` as the attempt that handles the activity, renewing the claim while it runs, and
   * keeps `keep(result)` as its answer (undefined: gives the claim up, so a redelivery runs it
   * again). Gives `{ ran: false }` without running anything while another attempt holds the
   * activity, or once it was answered. When `work` throws, the claim is given up and it rethrows.
   */
  once<T>(activityKey: string, work: () => Promise<T>, keep: (result: T) => KeptAnswer): Promise<{ ran: true; result: T } | { ran: false }>;
  /** The answer kept for an activity (given again to a repeated delivery). */
  response(activityKey: string): Promise<string | undefined>;
}

export function createActivityClaims(deps: { activityLog: ActivityLog; leaseMs: number; log: Logger }): ActivityClaims {
  const { activityLog, leaseMs, log } = deps;
  // Activities this process is handling now. Its own attempt is alive by definition, so a
  // redelivery to this process never takes it over, even if a renewal came late (a busy event loop).
  const inFlight = new Set<string>();
  // Leases follow real time (how long a process has been silent), not the domain's clock.
  const leaseFrom = (ms: number) => new Date(ms + leaseMs);

  return {
    async once(activityKey, work, keep) {
      if (inFlight.has(activityKey)) return { ran: false };
      inFlight.add(activityKey);
      const holder = randomUUID();
      try {
        const now = Date.now();
        if (!(await activityLog.claim(activityKey, holder, new Date(now), leaseFrom(now)))) return { ran: false };
        // The last renewal sent is awaited before the answer, so a late one cannot outlive it.
        let renewing: Promise<unknown> = Promise.resolve();
        const renewal = setInterval(() => {
          renewing = activityLog.renew(activityKey, holder, leaseFrom(Date.now())).then(
            (held) => {
              if (!held) log.warn({ activityId: activityKey }, "activity claim lost while handling it (answered or taken over elsewhere)");
            },
            (err: unknown) => logError(log, err, "activity claim not renewed", { activityId: activityKey }),
          );
        }, Math.max(100, leaseMs / 3));
        let result: Awaited<ReturnType<typeof work>>;
        try {
          result = await work();
        } catch (err) {
          clearInterval(renewal);
          await renewing;
          await activityLog.release(activityKey, holder).catch((e: unknown) => logError(log, e, "activity claim not given up (it runs out by itself)"));
          throw err;
        }
        clearInterval(renewal);
        await renewing;
        const answer = keep(result);
        try {
          if (answer === undefined) await activityLog.release(activityKey, holder);
          else await activityLog.recordResponse(activityKey, answer);
        } catch (err) {
          // The person still gets the answer; the claim runs out, and a redelivery finds the work done.
          logError(log, err, "activity answer not kept", { activityId: activityKey });
        }
        return { ran: true, result };
      } finally {
        inFlight.delete(activityKey);
      }
    },
    response: (activityKey) => activityLog.response(activityKey),
  };
}
