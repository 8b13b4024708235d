import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Config } from "../config.js";

/**
 * The Bot Framework adapter. Its FIRST argument is the authentication configuration: with
 * credentials there, every request must carry a valid Bot Framework token. Without (local
 * anonymous mode, never in production: config refuses it) requests are accepted unsigned.
 */
export function createAdapter(config: Config): TeamsAdapter {
  if (!config.bot) return new TeamsAdapter({});
  return new TeamsAdapter({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
}
