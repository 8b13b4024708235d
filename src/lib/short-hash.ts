import { createHash } from "node:crypto";

/**
 * A short fingerprint of a text as a card showed it (trimmed), so the card can tell later what it
 * showed without carrying the text twice. Ten hex digits: enough to tell one person's edits apart.
 */
export function shortHash(text: string): string {
  return createHash("sha256").update(text.trim()).digest("hex").slice(0, 10);
}
