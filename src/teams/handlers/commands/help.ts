import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `hjælp` / `help`: what the bot can do, as a card. */
export const help = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "help", (t) => views.help(t.actor), { scopes });
