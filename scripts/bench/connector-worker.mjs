// The local Bot Connector's thread starts here: TypeScript through tsx's loader, registered for
// this thread (a worker does not inherit the main thread's loader), then the connector itself.
import { register } from "tsx/esm/api";

register();
await import("./connector-worker.ts");
