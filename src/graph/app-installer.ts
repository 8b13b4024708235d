import type { Chat, UserScopeTeamsAppInstallation } from "@microsoft/microsoft-graph-types";
import type { AppInstaller, InstallResult, Logger } from "../domain/ports.js";
import type { GraphClient, GraphFailure } from "./graph-client.js";

/**
 * Proactive installation through Microsoft Graph («Proactive installation of apps using Graph
 * API to send messages»), with the application permission TeamsAppInstallation.ReadWriteSelfForUser.All:
 * 1. `POST /users/{id}/teamwork/installedApps` binding the app from the organisation's catalogue
 *    (201; 409 when it is installed already: fine, go on);
 * 2. `GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{catalog id}'`
 *    for the installation's id;
 * 3. `GET /users/{id}/teamwork/installedApps/{installation}/chat`: the personal chat with the bot.
 * The conversation reference built from the chat is what the bot keeps until Teams' own
 * installationUpdate (sent to the bot after the install) replaces it with the one Teams names.
 */
export interface GraphAppInstallerOptions {
  graph: GraphClient;
  /** The app's id in the organisation's catalogue (TEAMS_CATALOG_APP_ID). */
  catalogAppId: string;
  /** The bot's app id (BOT_ID; empty in local anonymous mode). */
  botAppId: string;
  /** The tenant the people are in. */
  tenantId: string;
  /** Where to send to the chat (PROACTIVE_SERVICE_URL). */
  serviceUrl: string;
  log: Logger;
}

/** A Graph failure as an install outcome. */
function outcomeOf(step: string, e: GraphFailure): InstallResult {
  switch (e.kind) {
    case "forbidden":
      return { outcome: "forbidden", code: e.code };
    case "not-found":
      return step === "install" ? { outcome: "user-unknown", code: e.code } : { outcome: "retry", reason: `${step}: ${e.code}` };
    case "throttled":
    case "unavailable":
      return { outcome: "retry", reason: `${step}: ${e.code}`, retryAfterMs: e.retryAfterMs };
    case "credentials":
      return { outcome: "retry", reason: `${step}: credentials (${e.code})` };
    case "unauthorized":
    case "conflict":
    case "refused":
      return { outcome: "failed", reason: `${step}: ${e.status} ${e.code}` };
  }
}

export function createGraphAppInstaller(opts: GraphAppInstallerOptions): AppInstaller {
  const { graph, catalogAppId, botAppId, tenantId, serviceUrl, log } = opts;
  const catalogUrl = `${graph.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`;
  // An OData string literal: a quote is doubled.
  const filter = `teamsApp/id eq '${catalogAppId.replace(/'/g, "''")}'`;

  return {
    async install(person) {
      const user = `/users/${encodeURIComponent(person.aadObjectId)}/teamwork/installedApps`;
      const installed = await graph.post(user, { "teamsApp@odata.bind": catalogUrl });
      const already = !installed.ok && installed.error.kind === "conflict";
      if (!installed.ok && !already) return outcomeOf("install", installed.error);
      log.info({ personId: person.id, outcome: already ? "already-installed" : "installed" }, "app installed through graph");

      const found = await graph.get<{ value?: UserScopeTeamsAppInstallation[] }>(user, { $expand: "teamsApp", $filter: filter });
      if (!found.ok) return outcomeOf("find", found.error);
      const installation = found.body?.value?.[0]?.id;
      // Installed a moment ago and not listed yet: asked again shortly.
      if (!installation) return { outcome: "retry", reason: "find: installation not listed yet" };

      const chat = await graph.get<Chat>(`${user}/${encodeURIComponent(installation)}/chat`);
      if (!chat.ok) return outcomeOf("chat", chat.error);
      const chatId = chat.body?.id;
      if (!chatId) return { outcome: "retry", reason: "chat: no id" };
      const chatTenant = chat.body?.tenantId ?? tenantId;
      return {
        outcome: "installed",
        already,
        conversation: {
          conversationId: chatId,
          serviceUrl,
          tenantId: chatTenant,
          // As TurnContext.getConversationReference gives it for a personal chat (Teams names the
          // user by their Entra object id here; the bot by its app id).
          reference: {
            channelId: "msteams",
            serviceUrl,
            conversation: { id: chatId, conversationType: "personal", tenantId: chatTenant },
            user: { id: person.aadObjectId, aadObjectId: person.aadObjectId, role: "user" },
            bot: { id: `28:${botAppId}`, role: "bot" },
          },
        },
      };
    },
  };
}
