import type { TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { isAllowedServiceUrl } from "../lib/service-url.js";

/** The tenant an activity comes from, as Teams sends it. */
export const tenantOf = (context: TurnContext): string | undefined =>
  (context.activity.conversation?.tenantId ?? (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id)?.toLowerCase();

/**
 * Runs before every turn: only the configured tenants are served, and only activities whose
 * serviceUrl is a Bot Connector the bot may answer. Anything else is logged (ids only) and
 * dropped; a card click gets 403 so Teams shows it failed.
 */
export function tenantGuard(config: Pick<Config, "allowedTenants" | "serviceUrlHosts">, log: Logger) {
  return async (context: TurnContext): Promise<boolean> => {
    const tenant = tenantOf(context);
    const reason =
      config.allowedTenants.length > 0 && (!tenant || !config.allowedTenants.includes(tenant))
        ? "tenant-not-allowed"
        : !isAllowedServiceUrl(context.activity.serviceUrl, config.serviceUrlHosts)
          ? "service-url-not-allowed"
          : undefined;
    if (!reason) return true;
    log.warn({ activityId: context.activity.id, type: context.activity.type, tenant, reason }, "activity refused");
    if (context.activity.type === "invoke") await context.sendActivity({ type: "invokeResponse", value: { status: 403, body: { error: reason } } });
    return false;
  };
}
