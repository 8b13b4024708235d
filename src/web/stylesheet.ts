import { createHash } from "node:crypto";

/**
 * The guest page's one stylesheet, inline (so the page needs no second request) and allowed by its
 * hash in the Content-Security-Policy. Readable from 320 px; every colour pair at least 4.5:1 on
 * its background (text #1b1b1b, links and buttons #0b4f94, errors #a1001a, all on white or their
 * own pale background); a visible focus outline on everything that takes focus.
 */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}
.skip{position:absolute;left:-999em;top:0;background:#fff;color:#0b4f94;padding:.5rem 1rem;border:2px solid #0b4f94}
.skip:focus{left:.5rem;top:.5rem;z-index:1}
header.site,main,footer.site{max-width:42rem;margin:0 auto;padding:0 1rem}
header.site{padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid #6b6b6b;font-weight:600}
main{padding-top:1rem;padding-bottom:2rem}
footer.site{padding-bottom:2rem;font-size:.875rem;color:#4a4a4a}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.25rem;line-height:1.3;margin:1.75rem 0 .5rem}
h3{font-size:1.0625rem;margin:1.25rem 0 .25rem}
p,ul,ol,dl{margin:.5rem 0}
ul,ol{padding-left:1.25rem}
dt{font-weight:600}
dd{margin:0 0 .5rem}
a{color:#0b4f94;text-decoration:underline}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,.skip:focus{outline:3px solid #0b4f94;outline-offset:2px}
nav.sections ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
nav.sections a[aria-current="page"]{font-weight:700;text-decoration:none;border-bottom:3px solid #0b4f94}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem}
.facts dd{margin:0}
.notice{border-left:6px solid #1d6b34;background:#eaf5ec;color:#10381c;padding:.75rem 1rem;margin:1rem 0}
.summary{border:3px solid #a1001a;padding:.75rem 1rem;margin:1rem 0}
.summary h2{margin-top:0;color:#a1001a}
.error{color:#a1001a;font-weight:600;margin:.25rem 0}
.hint{color:#4a4a4a;font-size:.9375rem;margin:.25rem 0}
.field{margin:1.25rem 0}
label{display:block;font-weight:600}
textarea{display:block;width:100%;min-height:8rem;font:inherit;padding:.5rem;border:2px solid #5a5a5a;border-radius:4px;color:#1b1b1b;background:#fff}
textarea[aria-invalid="true"]{border-color:#a1001a}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0}
button{font:inherit;font-weight:600;padding:.625rem 1.25rem;border:2px solid #0b4f94;border-radius:4px;background:#0b4f94;color:#fff;cursor:pointer;min-height:2.75rem}
button.secondary{background:#fff;color:#0b4f94}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0 1rem}
.muted{color:#4a4a4a}
section{overflow-wrap:anywhere}
`.trim();

/** The stylesheet's hash, as the Content-Security-Policy names it. */
export const STYLESHEET_HASH = `sha256-${createHash("sha256").update(STYLESHEET, "utf8").digest("base64")}`;
