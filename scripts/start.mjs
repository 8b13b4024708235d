// `npm start`: the bot as compiled JavaScript (dist/build-…/index.js), rebuilt first when src/ changed
// since the last build (scripts/build.mjs). Plain JavaScript, so nothing transpiles at start.
import { pathToFileURL } from "node:url";
import { ensureBuilt } from "./build.mjs";

const { entry } = await ensureBuilt();
await import(pathToFileURL(entry).href);
