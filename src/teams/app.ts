import { logError } from "../lib/log-safe.js";
import { Application, type TeamsAdapter } from "@microsoft/teams-ai";
import type { TeamsDeps } from "./deps.js";
import { register as registerActions } from "./handlers/actions/index.js";
import { register as registerCommands } from "./handlers/commands/index.js";
import { register as registerLifecycle } from "./handlers/lifecycle/index.js";
import { buildNoticeCard } from "../cards/notice-card.js";
import { strings } from "../lib/strings.da.js";
import { cardActivity } from "./turn.js";
import type { Views } from "./views.js";
import { tenantGuard } from "./tenant-guard.js";
import { normaliseMessageText } from "./message-text.js";

/** The teams-ai Application: routes only; every handler lives in its own file. */
export function createTeamsApp(adapter: TeamsAdapter, deps: TeamsDeps, views: Views): Application {
  const app = new Application({
    adapter,
    botAppId: deps.config.bot?.appId ?? "",
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  // First: only our tenants and Microsoft's Bot Connectors are served.
  app.turn("beforeTurn", tenantGuard(deps.config, deps.log));
  // Then: what a person typed is normalised before any command matches it.
  app.turn("beforeTurn", normaliseMessageText);
  registerLifecycle(app, deps, views);
  registerCommands(app, deps, views);
  registerActions(app, deps, views);

  // Last line of defence: handlers turn their own errors into cards, so this is for the unplanned.
  adapter.onTurnError = async (context, error) => {
    logError(deps.log, error, "turn failed", { activityId: context.activity.id });
    if (context.activity.type === "message") {
      await context.sendActivity(cardActivity(buildNoticeCard(strings.generic.unexpected, { tone: "error" }))).catch(() => undefined);
    }
  };
  return app;
}
