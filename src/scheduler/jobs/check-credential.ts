import type { CredentialService } from "../../domain/credential-service.js";
import type { Job } from "../scheduler.js";

export const CHECK_CREDENTIAL = "check-credential";

/**
 * Hourly: a token request with the bot's credential (credential-service.ts), on one instance at a
 * time; every instance's /healthz and npm run status read the outcome it stores.
 */
export function checkCredentialJob(credentials: CredentialService): Job {
  return {
    name: CHECK_CREDENTIAL,
    oneInstance: true,
    cron: "11 * * * *",
    run: async () => {
      const r = await credentials.check();
      return { status: r.status, state: r.credential.state, ...(r.credential.reason ? { reason: r.credential.reason } : {}) };
    },
  };
}
