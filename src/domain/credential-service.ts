/**
 * Checks the bot's credential (a token request to Entra ID, as every send makes) at start and
 * hourly, keeps the result where every instance and `npm run status` see it, and says what it
 * means for the bot's health: `degraded` with a reason code when Entra ID refuses the credential
 * or does not answer, a warning from 30 days before a known secret expiry. Logged at warn; never
 * the secret, never a token.
 */
import { credentialHealth, type DegradedReason, type HealthWarning } from "./credential-health.js";
import type { Clock, CredentialCheck, CredentialCheckRepository, CredentialProbe, Logger } from "./ports.js";

export interface CredentialServiceDeps {
  appId: string;
  /** Absent where there is nothing to check with (a managed identity has no secret of ours). */
  probe?: CredentialProbe;
  checks: CredentialCheckRepository;
  clock: Clock;
  log: Logger;
  /** BOT_SECRET_EXPIRES (YYYY-MM-DD). */
  secretExpires?: string;
  timezone: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  reasons?: DegradedReason[];
  warnings?: HealthWarning[];
  credential: {
    /** not-checked: a managed identity (nothing of ours to check); pending: the first check has not finished. */
    state: CredentialCheck["state"] | "not-checked" | "pending";
    reason?: string;
    checkedAt?: string;
    secretExpires?: string;
    secretExpiresInDays?: number;
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;

export function createCredentialService(deps: CredentialServiceDeps) {
  const { appId, probe, checks, clock, log, secretExpires, timezone } = deps;

  function report(check: CredentialCheck | undefined): HealthReport {
    const now = clock.now();
    const health = credentialHealth(check, secretExpires, now, timezone);
    return {
      status: health.degraded.length > 0 ? "degraded" : "ok",
      ...(health.degraded.length > 0 ? { reasons: health.degraded } : {}),
      ...(health.warnings.length > 0 ? { warnings: health.warnings } : {}),
      credential: {
        state: probe ? (check?.state ?? "pending") : "not-checked",
        ...(probe ? {} : { reason: "managed-identity" }),
        ...(check?.reason ? { reason: check.reason } : {}),
        ...(check ? { checkedAt: check.checkedAt.toISOString() } : {}),
        ...(secretExpires ? { secretExpires, secretExpiresInDays: health.secretExpiresInDays } : {}),
      },
    };
  }

  return {
    /** Asks Entra ID for a token now, keeps the outcome for every instance, and logs what needs doing. */
    async check(): Promise<HealthReport> {
      if (!probe) return report(undefined);
      const result = await probe();
      const check: CredentialCheck = { appId, checkedAt: clock.now(), state: result.state, ...(result.reason ? { reason: result.reason } : {}), ...(secretExpires ? { secretExpires } : {}) };
      await checks.save(check);
      const r = report(check);
      if (result.state === "ok") log.info({ appId, state: result.state }, "bot credential checked");
      else log.warn({ appId, state: result.state, reason: result.reason }, result.state === "rejected" ? "bot credential rejected by Entra ID: sends to Teams fail until it is replaced" : "bot credential could not be checked: Entra ID did not answer");
      if (r.reasons?.includes("bot-secret-expired") || r.warnings?.includes("bot-secret-expires-soon")) {
        log.warn({ appId, secretExpires, days: r.credential.secretExpiresInDays }, r.reasons?.includes("bot-secret-expired") ? "bot client secret has expired (BOT_SECRET_EXPIRES)" : "bot client secret expires soon: make a new one and set BOT_PASSWORD and BOT_SECRET_EXPIRES");
      }
      return r;
    },
    /** The health as the last check (by any instance) left it. */
    async health(): Promise<HealthReport> {
      return report(probe ? await checks.get(appId) : undefined);
    },
  };
}
