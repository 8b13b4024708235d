import { AuthenticationConstants } from "botframework-connector";
import type { Config } from "../config.js";
import type { CredentialProbe, CredentialProbeResult } from "../domain/ports.js";

type BotConfig = NonNullable<Config["bot"]>;

/** The Entra tenant the bot's tokens come from: its own for a SingleTenant bot, Bot Framework's otherwise (as botbuilder does). */
export const tokenTenant = (bot: Pick<BotConfig, "type" | "tenantId">): string =>
  bot.type === "SingleTenant" && bot.tenantId ? bot.tenantId : AuthenticationConstants.DefaultChannelAuthTenant;

/**
 * Entra ID's error codes (AADSTS…) that say what is wrong with the credentials, as reason codes
 * for /healthz, the log and npm run status.
 */
const ENTRA_REASONS: Record<number, string> = {
  7000222: "secret-expired",
  7000215: "secret-invalid",
  700016: "app-not-found",
  7000112: "app-disabled",
  90002: "tenant-not-found",
};

/**
 * A token request with the bot's client secret: the OAuth 2.0 client-credentials request MSAL
 * sends for every Bot Connector call (same authority, client id, secret and scope), made here
 * directly so that it is never answered from MSAL's token cache (a cached token would hide an
 * expired secret for up to an hour) and so tests can answer it locally (MSAL accepts only an
 * https authority). The token is thrown away unread; nothing of the request or answer is logged.
 */
export function createCredentialProbe(bot: BotConfig, timeoutMs: number, fetchImpl: typeof fetch = fetch): CredentialProbe {
  const url = `${bot.loginUrl}/${encodeURIComponent(tokenTenant(bot))}/oauth2/v2.0/token`;
  return async (): Promise<CredentialProbeResult> => {
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: bot.appId,
      client_secret: bot.password ?? "",
      scope: `${AuthenticationConstants.ToChannelFromBotOAuthScope}/.default`,
    });
    let res: Response;
    try {
      res = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      return { state: "unreachable", reason: (err as Error).name === "TimeoutError" ? "timeout" : "network" };
    }
    const answer = (await res.json().catch(() => undefined)) as { access_token?: unknown; error?: unknown; error_codes?: unknown } | undefined;
    if (res.ok && typeof answer?.access_token === "string") return { state: "ok" };
    // Not Entra's answer (a proxy's page, an outage, a throttle): nothing is known about the credential.
    if (res.ok || res.status >= 500 || res.status === 429 || typeof answer !== "object" || answer === null) return { state: "unreachable", reason: `http-${res.status}` };
    const codes = Array.isArray(answer.error_codes) ? answer.error_codes.filter((c): c is number => typeof c === "number") : [];
    const known = codes.map((c) => ENTRA_REASONS[c]).find(Boolean);
    const reason = known ?? (codes[0] !== undefined ? `aadsts-${codes[0]}` : typeof answer.error === "string" ? answer.error.replace(/[^a-z_]/gi, "").replace(/_/g, "-") : `http-${res.status}`);
    return { state: "rejected", reason };
  };
}
