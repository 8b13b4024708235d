import { TeamsAdapter } from "@microsoft/teams-ai";
import { CallerIdConstants } from "botbuilder";
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from "botframework-connector";
import { StatusCodes } from "botframework-schema";

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
import type { Config } from "../config.js";

/**
 * The Bot Framework adapter. Its FIRST argument is the authentication configuration: with
 * credentials there, every request must carry a valid Bot Framework token. Without (local
 * anonymous mode, never in production: config refuses it) requests are accepted unsigned.
 */
export function createAdapter(config: Config): TeamsAdapter {
  if (!config.bot) return new TeamsAdapter({});
  return answerBadTokensWith401(new TeamsAdapter({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId,
    ...(config.bot.openIdMetadataUrl ? publicCloudWithKeysFrom(config.bot.openIdMetadataUrl) : {}),
  }));
}

/**
 * botbuilder answers a token with a bad signature (or malformed) with 500: jsonwebtoken's own
 * error is not an AuthenticationError. Every failure to authenticate a request is one, so the
 * sender gets 401 and nothing runs.
 */
function answerBadTokensWith401(adapter: TeamsAdapter): TeamsAdapter {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError(`Unauthorized: ${err instanceof Error ? err.name : "invalid token"}`, StatusCodes.UNAUTHORIZED);
    }
  };
  return adapter;
}
