import type { Logger } from "pino";

/**
 * How much work /api/messages takes on at once (docs/decisions/0032-overload.md): `concurrency`
 * requests in work, the rest waiting in arrival order; a waiting request is refused once it has
 * waited `maxWaitMs` since it arrived, or at once when `maxQueue` others already wait.
 */
export interface AdmissionLimits {
  concurrency: number;
  maxQueue: number;
  maxWaitMs: number;
}

export type RefusalReason = "queue-full" | "waited-too-long";

/** A turn to work (`release` when done, once), a refusal, or a client that went away while it waited. */
export type AdmissionOutcome = { admitted: true; release: () => void } | { admitted: false; reason: RefusalReason | "client-gone" };

export interface AdmissionRequest {
  /** When the request arrived (the admission's clock, ms): the wait is measured from here. */
  arrivedAt: number;
  /** Never refused and never dropped (installation and conversation events: they must not be lost); waits its turn. */
  mustRun?: boolean;
  /** Aborted when the client has gone (its connection closed): a waiting request is then dropped. */
  signal?: AbortSignal;
}

export interface AdmissionStats {
  inWork: number;
  queued: number;
  admitted: number;
  refused: number;
  dropped: number;
}

export interface Admission {
  enter(request: AdmissionRequest): Promise<AdmissionOutcome>;
  stats(): AdmissionStats;
  /** Logs what is still uncounted and stops the summary timer. */
  close(): void;
}

interface Waiter {
  mustRun: boolean;
  arrivedAt: number;
  resolve(outcome: AdmissionOutcome): void;
  timer?: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** How often, at most, the refusals and drops are summed up in the log (counts only). */
const SUMMARY_MS = 10_000;

export function createAdmission(limits: AdmissionLimits, opts: { log?: Logger; now?: () => number } = {}): Admission {
  if (limits.concurrency < 1) throw new RangeError("concurrency must be at least 1");
  const now = opts.now ?? (() => performance.now());
  const queue: Waiter[] = [];
  let inWork = 0;
  let queuedRefusable = 0;
  const totals = { admitted: 0, refused: 0, dropped: 0 };
  // Since the last summary line: refusals by reason, and requests dropped because their client had gone.
  let pending = { queueFull: 0, waitedTooLong: 0, clientGone: 0 };
  let summary: NodeJS.Timeout | undefined;

  function logSummary(): void {
    summary = undefined;
    const { queueFull, waitedTooLong, clientGone } = pending;
    if (queueFull + waitedTooLong + clientGone === 0) return;
    pending = { queueFull: 0, waitedTooLong: 0, clientGone: 0 };
    opts.log?.info({ refusedQueueFull: queueFull, refusedWaitedTooLong: waitedTooLong, droppedClientGone: clientGone, inWork, queued: queue.length }, "overloaded: requests refused");
  }

  function count(outcome: RefusalReason | "client-gone"): void {
    if (outcome === "client-gone") {
      totals.dropped += 1;
      pending.clientGone += 1;
    } else {
      totals.refused += 1;
      if (outcome === "queue-full") pending.queueFull += 1;
      else pending.waitedTooLong += 1;
    }
    if (!summary && opts.log) {
      summary = setTimeout(logSummary, SUMMARY_MS);
      summary.unref();
    }
  }

  function admit(): AdmissionOutcome {
    inWork += 1;
    totals.admitted += 1;
    let released = false;
    return {
      admitted: true,
      release() {
        if (released) return;
        released = true;
        inWork -= 1;
        next();
      },
    };
  }

  function leave(w: Waiter): void {
    const i = queue.indexOf(w);
    if (i >= 0) queue.splice(i, 1);
    if (!w.mustRun) queuedRefusable -= 1;
    if (w.timer) clearTimeout(w.timer);
    if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
  }

  /**
   * Gives the slots that are free to the first waiters. Each turn is handed over two turns of the
   * event loop later (its slot held meanwhile): a click's work and the next one's would otherwise
   * follow each other in one chain of promises that never lets Node read its sockets, so requests
   * that arrive meanwhile would have no arrival time and clients that left would not be seen. Then
   * the waiter is dropped if its client has gone, and refused if its deadline passed meanwhile.
   */
  function next(): void {
    while (inWork < limits.concurrency && queue.length > 0) {
      const w = queue[0]!;
      leave(w);
      inWork += 1;
      // Two turns, as for a request just read (server.ts): the first may come before Node has
      // polled its sockets again; the second comes after it has.
      const handOver = () => {
        inWork -= 1;
        if (!w.mustRun && w.signal?.aborted) w.resolve(refuse("client-gone"));
        else if (!w.mustRun && w.arrivedAt + limits.maxWaitMs - now() <= 0) w.resolve(refuse("waited-too-long"));
        else {
          w.resolve(admit());
          return;
        }
        next();
      };
      setImmediate(() => setImmediate(handOver));
    }
  }

  function refuse(reason: RefusalReason | "client-gone"): AdmissionOutcome {
    count(reason);
    return { admitted: false, reason };
  }

  const mustRunBound = Math.max(1_000, limits.maxQueue * 10);
  return {
    enter({ arrivedAt, mustRun = false, signal }) {
      if (!mustRun && signal?.aborted) return Promise.resolve(refuse("client-gone"));
      // Late is late even with a slot free: the wait may have been spent before the request was
      // read (the one thread busy with others' work), which only the arrival time shows.
      if (!mustRun && arrivedAt + limits.maxWaitMs - now() <= 0) return Promise.resolve(refuse("waited-too-long"));
      if (inWork < limits.concurrency && queue.length === 0) return Promise.resolve(admit());
      if (!mustRun && queuedRefusable >= limits.maxQueue) return Promise.resolve(refuse("queue-full"));
      // Events that must run wait without a deadline, but not without bound: admission comes before
      // the token is checked, so a flood of forged ones must not hold memory or the queue forever.
      if (mustRun && queue.length - queuedRefusable >= mustRunBound) return Promise.resolve(refuse("queue-full"));
      return new Promise<AdmissionOutcome>((resolve) => {
        const w: Waiter = { mustRun, arrivedAt, resolve };
        if (!mustRun) {
          queuedRefusable += 1;
          w.timer = setTimeout(() => {
            leave(w);
            resolve(refuse("waited-too-long"));
          }, arrivedAt + limits.maxWaitMs - now());
          if (signal) {
            w.signal = signal;
            w.onAbort = () => {
              leave(w);
              resolve(refuse("client-gone"));
            };
            signal.addEventListener("abort", w.onAbort, { once: true });
          }
        }
        queue.push(w);
      });
    },
    stats: () => ({ inWork, queued: queue.length, ...totals }),
    close() {
      if (summary) clearTimeout(summary);
      logSummary();
    },
  };
}
