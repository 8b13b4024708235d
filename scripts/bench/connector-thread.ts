import { Worker } from "node:worker_threads";
import type { AcceptedPost, ConnectorLimits } from "./local-connector.js";

/** What the connector took in a run: every accepted post, and how many it refused. */
export interface ConnectorRecord {
  accepted: AcceptedPost[];
  refused: { tooMany: number; badGateway: number };
  /** When each 429 was given. */
  tooManyAt?: number[];
}

/**
 * A LocalConnector with Teams' limits, run in a worker thread (connector-worker.ts): its clock for
 * the limits is not held up by the benchmark's thread. `acceptedCount` follows the posts as they
 * are accepted (`onAccepted` after each); `stop` gives the whole record.
 */
export class ConnectorThread {
  url = "";
  acceptedCount = 0;
  onAccepted?: () => void;
  private worker?: Worker;

  constructor(private readonly limits: ConnectorLimits) {}

  async start(): Promise<this> {
    const worker = new Worker(new URL("./connector-worker.mjs", import.meta.url), { workerData: this.limits });
    this.worker = worker;
    await new Promise<void>((ok, fail) => {
      worker.on("message", (m: { url?: string; accepted?: number }) => {
        if (m.url) {
          this.url = m.url;
          ok();
        }
        if (m.accepted !== undefined) {
          this.acceptedCount = m.accepted;
          this.onAccepted?.();
        }
      });
      worker.once("error", fail);
    });
    return this;
  }

  async stop(): Promise<ConnectorRecord> {
    const worker = this.worker;
    if (!worker) return { accepted: [], refused: { tooMany: 0, badGateway: 0 } };
    this.worker = undefined;
    const record = new Promise<ConnectorRecord>((ok, fail) => {
      worker.on("message", (m: { final?: ConnectorRecord }) => m.final && ok(m.final));
      worker.once("error", fail);
    });
    worker.postMessage("stop");
    try {
      return await record;
    } finally {
      await worker.terminate();
    }
  }
}
