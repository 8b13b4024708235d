/**
 * The bot's credential as health: a bot whose client secret Entra ID refuses looks alive (it
 * answers /healthz, its database is there) while every send fails. A token request with the
 * credentials, at start and hourly (credential-service.ts), says whether they still work; the
 * secret's expiry date, which is not in the secret, comes from the operator (BOT_SECRET_EXPIRES).
 */
import { addDays, compareDates, localDateOf } from "../lib/zoned-time.js";
import type { CredentialCheck } from "./ports.js";

/** How many days before the client secret's expiry the administrator is warned. */
export const SECRET_WARNING_DAYS = 30;

/** Why the bot is degraded (its sends fail or will), as codes for /healthz and the log. */
export type DegradedReason = "bot-credential-rejected" | "bot-credential-unchecked" | "bot-secret-expired";
/** What needs doing soon, though everything works now. */
export type HealthWarning = "bot-secret-expires-soon" | "bot-credential-check-stale";

/** The hourly check has not run for this long: its job (or the scheduler) has stopped on every instance. */
export const STALE_CHECK_MS = 3 * 60 * 60 * 1000;

export interface CredentialHealth {
  degraded: DegradedReason[];
  warnings: HealthWarning[];
  /** Days until the client secret expires (negative: past), when its date is known. */
  secretExpiresInDays?: number;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD). */
function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * What the last check and the secret's expiry date mean now. A rejected credential and an expiry
 * date passed are degraded; Entra ID not answering is too (tokens cannot be renewed, so sends fail
 * once the one held runs out); an expiry within SECRET_WARNING_DAYS is a warning. Nothing checked
 * yet (just started) is neither.
 */
export function credentialHealth(check: CredentialCheck | undefined, secretExpires: string | undefined, now: Date, tz: string): CredentialHealth {
  const degraded: DegradedReason[] = [];
  const warnings: HealthWarning[] = [];
  if (check?.state === "rejected") degraded.push("bot-credential-rejected");
  if (check?.state === "unreachable") degraded.push("bot-credential-unchecked");
  // The last check says what was true then; one hours old says the hourly job no longer runs.
  if (check && now.getTime() - check.checkedAt.getTime() > STALE_CHECK_MS) warnings.push("bot-credential-check-stale");
  if (!secretExpires) return { degraded, warnings };
  const today = localDateOf(now, tz);
  const days = daysBetween(today, secretExpires);
  // The secret works through its expiry date's day in Entra's terms; from the day after it does not.
  if (days < 0) degraded.push("bot-secret-expired");
  else if (compareDates(secretExpires, addDays(today, SECRET_WARNING_DAYS)) <= 0) warnings.push("bot-secret-expires-soon");
  return { degraded, warnings, secretExpiresInDays: days };
}
