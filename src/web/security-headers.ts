import { STYLESHEET_HASH } from "./stylesheet.js";

/**
 * The headers every guest page answer carries (docs/decisions/0026-guest-page.md). No script runs:
 * nothing but our own inline stylesheet is allowed, forms post only to us, no framing, no <base>.
 * The token is in the address: no Referer leaves the page and nothing is kept in a cache or index.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": `default-src 'none'; style-src '${STYLESHEET_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
});
