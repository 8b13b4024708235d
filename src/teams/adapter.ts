import { ConfidentialClientApplication } from "@azure/msal-node";
import { TeamsAdapter } from "@microsoft/teams-ai";
import { CallerIdConstants } from "botbuilder";
import {
  AuthenticationConstants,
  AuthenticationError,
  MsalServiceClientCredentialsFactory,
  type BotFrameworkAuthentication,
  type ServiceClientCredentialsFactory,
} from "botframework-connector";
import { StatusCodes } from "botframework-schema";
import { keepConnectorClients } from "./connector-clients.js";
import { connectorHttpClient } from "./connector-timeout.js";
import { installOpenIdMetadataTimeout, SigningKeysUnavailableError } from "./openid-timeout.js";
import { timeoutNetworkClient } from "./token-timeout.js";
import { tokenTenant } from "./credential-probe.js";

/**
 * The public cloud's settings with another place for the signing keys. botbuilder takes either
 * none of these settings (and uses the public cloud's) or all of them: giving only the keys'
 * address would leave the token issuer unset and refuse every token.
 */
const publicCloudWithKeysFrom = (openIdMetadataUrl: string) => ({
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
});
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Pacer } from "../lib/pacer.js";

/**
 * The Bot Framework adapter. Its FIRST argument is the authentication configuration: with
 * credentials there, every request must carry a valid Bot Framework token. Without (local
 * anonymous mode, never in production: config refuses it) requests are accepted unsigned.
 *
 * Every outbound call has a deadline (OUTBOUND_TIMEOUT_SECONDS), so a Microsoft endpoint that
 * stops answering cannot hold a turn or the outbox: Bot Connector calls (each attempt), the
 * token request of password credentials, and the fetch of the signing keys.
 */
export function createAdapter(config: Pick<Config, "bot" | "outboundTimeoutMs">, pacer?: Pacer, log?: Logger): TeamsAdapter {
  const connectorClientOptions = { httpClient: connectorHttpClient(config.outboundTimeoutMs, pacer) };
  if (!config.bot) return withKeptClients(new TeamsAdapter({}, undefined, undefined, connectorClientOptions));
  installOpenIdMetadataTimeout(config.outboundTimeoutMs);
  return answerBadTokensWith401(
    withKeptClients(new TeamsAdapter(
      {
        MicrosoftAppId: config.bot.appId,
        MicrosoftAppPassword: config.bot.password,
        MicrosoftAppType: config.bot.type,
        MicrosoftAppTenantId: config.bot.tenantId,
        ...(config.bot.openIdMetadataUrl ? publicCloudWithKeysFrom(config.bot.openIdMetadataUrl) : {}),
      },
      credentialsWithTimeout(config.bot, config.outboundTimeoutMs),
      undefined,
      connectorClientOptions,
    )),
    log,
  );
}

/** The adapter's authentication: botbuilder keeps it in a field its types call protected. */
const authOf = (adapter: TeamsAdapter) => (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;

/** The adapter, its Bot Connector clients made once and used again (src/teams/connector-clients.ts). */
function withKeptClients(adapter: TeamsAdapter): TeamsAdapter {
  keepConnectorClients(authOf(adapter));
  return adapter;
}

/**
 * The credentials botbuilder would build from the configuration, with a deadline on the token
 * request. A managed identity (UserAssignedMSI) keeps botbuilder's own factory: its token
 * requests have the Azure identity library's timeouts (docs/security.md).
 */
function credentialsWithTimeout(bot: NonNullable<Config["bot"]>, timeoutMs: number): ServiceClientCredentialsFactory | undefined {
  if (bot.type === "UserAssignedMSI" || !bot.password) return undefined;
  const tenant = tokenTenant(bot);
  const msal = new ConfidentialClientApplication({
    auth: { clientId: bot.appId, clientSecret: bot.password, authority: `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}` },
    system: { networkClient: timeoutNetworkClient(timeoutMs) },
  });
  // msal-node ships separate ESM and CJS declarations; at runtime it is the object botbuilder expects.
  return new MsalServiceClientCredentialsFactory(bot.appId, msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
}

/**
 * botbuilder answers a token with a bad signature (or malformed) with 500: jsonwebtoken's own
 * error is not an AuthenticationError. Every failure to authenticate a request is one, so the
 * sender gets 401 and nothing runs. Signing keys that could not be fetched are not the sender's
 * failure: that error goes on as it is, botbuilder answers 500 and the HTTP server turns it into
 * 503 with Retry-After (Teams tries again; it does not retry a 401). No answer carries the error's
 * text (server.ts).
 */
function answerBadTokensWith401(adapter: TeamsAdapter, log?: Logger): TeamsAdapter {
  const auth = authOf(adapter);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof SigningKeysUnavailableError) {
        log?.warn({ err: { name: err.name, reason: err.reason }, activityId: activity.id }, "signing keys unavailable; answered 503");
        throw err;
      }
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError(`Unauthorized: ${err instanceof Error ? err.name : "invalid token"}`, StatusCodes.UNAUTHORIZED);
    }
  };
  return adapter;
}
