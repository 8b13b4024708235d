import { createHash, randomBytes } from "node:crypto";

/**
 * The personal, single-use links the bot sends to a person's own chat (the export, the calendar
 * files): a random token in the link, only its SHA-256 stored, valid for 15 minutes.
 */
export const ONE_TIME_LINK_MS = 15 * 60_000;

/** What is stored for a token (never the token itself). */
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

/** A new token for a link, the hash to store and when it stops working. */
export function newOneTimeToken(now: Date): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: tokenHash(token), expiresAt: new Date(now.getTime() + ONE_TIME_LINK_MS) };
}
