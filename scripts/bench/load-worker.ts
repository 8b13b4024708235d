/**
 * The load generator of the answering benchmark, in a thread of its own: autocannon's event loop
 * is not the bot's, so a request waits in the bot's socket, not behind the generator's own work
 * (decision 0032: with both on one loop, the wait before Node reads a request was the bot's p99).
 * Each request is built here from a plan (who sends what, in turn); the bot answers in the main
 * thread, where its SQL statements are counted.
 */
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";
import { invoke, message, type BenchPerson } from "./activities.js";
import { round } from "./machine.js";

/** What to send: one of these per request, cycling through `people` (and `followUpIds`). */
export type LoadPlan =
  | { kind: "message"; text: string; people: BenchPerson[] }
  | { kind: "invoke"; verb: string; people: BenchPerson[]; followUpIds: string[] };

export interface LoadJob {
  url: string;
  serviceUrl: string;
  connections: number;
  seconds: number;
  plan: LoadPlan;
  /** Text that marks a response as a refusal under overload (decision 0032). */
  refusalMarks: string[];
}

/** What one load saw; the answered and refused responses («prøv igen om lidt», decision 0032) with their p99s (ms; 0 when none). */
export interface LoadOutcome {
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  answered: number;
  refused: number;
  p99Answered: number;
  p99Refused: number;
  /** How many of `followUpIds` were sent (a writing plan): the first `sent`, once each. */
  sent: number;
}

const p99Of = (ms: number[]): number => {
  if (ms.length === 0) return 0;
  const sorted = [...ms].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!);
};

function bodies(job: LoadJob): { next(): string; sent(): number } {
  const { plan } = job;
  let n = 0;
  if (plan.kind === "message") return { next: () => message(plan.text, plan.people[n++ % plan.people.length]!, job.serviceUrl), sent: () => 0 };
  return {
    next: () => {
      const i = n++;
      return invoke(plan.verb, { followUpId: plan.followUpIds[i % plan.followUpIds.length], version: 1 }, plan.people[i % plan.people.length]!, job.serviceUrl);
    },
    sent: () => Math.min(n, plan.followUpIds.length),
  };
}

async function run(job: LoadJob): Promise<LoadOutcome> {
  const make = bodies(job);
  // autocannon hands a response's body to onResponse and, in the same tick, its time to the
  // instance's "response" event: the one tells answered from refused, the other how long it took.
  let refusal = false;
  const answeredMs: number[] = [];
  const refusedMs: number[] = [];
  const opts: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [{ setupRequest: (req) => ({ ...req, body: make.next() }), onResponse: (_status, text) => void (refusal = job.refusalMarks.some((m) => String(text).includes(m))) }],
  };
  // Outside the main thread autocannon hands back its raw histograms: aggregated here, as it
  // does itself in a main thread.
  const { aggregateResult } = autocannon as unknown as { aggregateResult(results: autocannon.Result[], opts: autocannon.Options): autocannon.Result };
  const r = await new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(opts, (err, result) => (err ? fail(err) : ok(result.latency ? result : aggregateResult([result], opts))));
    instance.on("response", (_client, _status, _bytes, ms) => (refusal ? refusedMs : answeredMs).push(ms));
  });
  return {
    requests: r.requests.total,
    // Per second of the run (the aggregate of a thread has no per-second average).
    throughput: round(r.requests.total / Math.max(0.001, r.duration)),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    answered: answeredMs.length,
    refused: refusedMs.length,
    p99Answered: p99Of(answeredMs),
    p99Refused: p99Of(refusedMs),
    sent: make.sent(),
  };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadJob).then(
    (outcome) => port.postMessage({ outcome }),
    (err: unknown) => port.postMessage({ error: String(err instanceof Error ? err.stack : err) }),
  );
}
