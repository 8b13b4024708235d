/**
 * Loaded only by the footprint benchmark, into the bot's process from outside
 * (`NODE_OPTIONS="--expose-gc --import=…/heap-probe.mjs"`): product code neither loads nor knows it.
 * GET http://127.0.0.1:$BENCH_HEAP_PORT/ runs a full garbage collection and answers the V8 heap
 * in use after it, with the resident memory: `{ "heapUsed": bytes, "rss": bytes }`.
 */
import { createServer } from "node:http";
import process from "node:process";

const port = Number(process.env.BENCH_HEAP_PORT);
if (port > 0 && typeof globalThis.gc === "function") {
  const gc = globalThis.gc;
  const server = createServer((_req, res) => {
    // Twice: objects with finalizers (weak references) are freed by the second.
    gc();
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ heapUsed, rss }));
  });
  // A second process that loads it (a child of the bot) leaves the port to the first.
  server.on("error", () => {});
  server.listen(port, "127.0.0.1");
  // It never keeps the bot alive: the bot stops as it would without it.
  server.unref();
}
