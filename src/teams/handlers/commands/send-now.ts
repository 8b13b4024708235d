import type { Config } from "../../../config.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, command, type CommandScope } from "../../turn.js";
import { strings } from "../../../lib/strings.da.js";
import { formatDateTime } from "../../../lib/format-da.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";

/**
 * Whether `send nu` is offered: only in local anonymous mode (no bot credentials, so it only
 * listens on 127.0.0.1), never with credentials and never in production (which refuses to start
 * without them anyway): there working hours always hold.
 */
export const offersSendNow = (config: Pick<Config, "anonymous" | "env">): boolean => config.anonymous && config.env !== "production";

/**
 * `send nu` (local anonymous mode only, see offersSendNow): what the outbox would send by the end of
 * the next working day goes now, so a meeting pack can be tried on an evening or a weekend.
 */
export const sendNow = (deps: TeamsDeps, _views: unknown, scopes: readonly CommandScope[]) =>
  command(
    deps,
    "sendNow",
    async () => {
      const { count, until, away, effects } = await deps.trial.sendPlannedNow();
      const when = formatDateTime(until, deps.config.timezone);
      if (count === 0) return buildNoticeCard(strings.trial.nothing(when));
      return answer(buildNoticeCard(strings.trial.sent(count, when, away)), effects);
    },
    { scopes },
  );
