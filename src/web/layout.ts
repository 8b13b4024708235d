import { strings } from "../lib/strings.da.js";
import { constantHtml, html, type Html } from "./html.js";
import { STYLESHEET } from "./stylesheet.js";

/**
 * A whole page: Danish, for a phone first, the skip link to <main>, the site line, the content.
 * No script: forms post and the server answers with a page (docs/decisions/0026-guest-page.md).
 */
export function layout(opts: { title: string; main: Html }): string {
  const g = strings.guestPage;
  return `<!doctype html>\n${html`<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${opts.title} – ${g.siteName}</title>
<style>${constantHtml(STYLESHEET)}</style>
</head>
<body>
<a class="skip" href="#indhold">${g.skipLink}</a>
<header class="site">${g.siteName}</header>
<main id="indhold" tabindex="-1">
${opts.main}
</main>
</body>
</html>
`.source}`;
}
