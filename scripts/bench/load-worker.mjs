// The load generator's thread starts here: TypeScript through tsx's loader, registered for this
// thread (a worker does not inherit the main thread's loader), then the generator itself.
import { register } from "tsx/esm/api";

register();
await import("./load-worker.ts");
