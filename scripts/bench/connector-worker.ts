/**
 * The delivery benchmark's local Bot Connector in a thread of its own (connector-thread.ts): the
 * moment a post arrives is taken on a loop that does nothing else, as Teams' would be, not one
 * the benchmark's own work (its database polls, its collections) holds up now and then.
 */
import { parentPort, workerData } from "node:worker_threads";
import { LocalConnector, type ConnectorLimits } from "./local-connector.js";

const connector = new LocalConnector(workerData as ConnectorLimits);
connector.onAccepted = () => parentPort!.postMessage({ accepted: connector.accepted.length });
await connector.start();
parentPort!.postMessage({ url: connector.url });
parentPort!.once("message", () => {
  void connector.stop().then(() => parentPort!.postMessage({ final: { accepted: connector.accepted, refused: connector.refused, tooManyAt: connector.tooManyAt } }));
});
