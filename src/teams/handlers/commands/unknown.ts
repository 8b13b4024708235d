import { buildNoticeCard } from "../../../cards/notice-card.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { command } from "../../turn.js";

/** Anything else typed to the bot: a pointer to `hjælp`. Registered last. */
export const unknown = (deps: TeamsDeps) => command(deps, "unknown", async () => buildNoticeCard(strings.generic.unknownCommand), { anywhere: true });
