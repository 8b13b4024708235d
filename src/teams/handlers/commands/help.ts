import type { TeamsDeps } from "../../deps.js";
import { command } from "../../turn.js";
import type { Views } from "../../views.js";

/** `hjælp` / `help`: what the bot can do, as a card. */
export const help = (deps: TeamsDeps, views: Views) => command(deps, "help", (t) => views.help(t.actor), { anywhere: true });
