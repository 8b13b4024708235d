import { describe, expect, it } from "vitest";
import { md, mdLink } from "../../src/lib/markup.js";
import { cardTextHtml, html } from "../../src/web/html.js";
import { SECURITY_HEADERS } from "../../src/web/security-headers.js";
import { STYLESHEET, STYLESHEET_HASH } from "../../src/web/stylesheet.js";
import { createHash } from "node:crypto";

describe("the guest page's HTML", () => {
  it("escapes every value put into html`…`, in text and in attributes; lists join; nothing for absent values", () => {
    const name = `"><script>alert('x')</script>&`;
    expect(html`<p title="${name}">${name}</p>`.source).toBe(`<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>`);
    expect(html`<ul>${["a<", "b"].map((x) => html`<li>${x}</li>`)}</ul>`.source).toBe("<ul><li>a&lt;</li><li>b</li></ul>");
    expect(html`${undefined}${null}${false}${0}`.source).toBe("0");
    // Html from html`…` is kept as markup; a plain string that looks like markup is not.
    expect(html`${html`<b>x</b>`}${"<b>x</b>"}`.source).toBe("<b>x</b>&lt;b&gt;x&lt;/b&gt;");
  });

  it("renders a card's text: a person's text as text with its line breaks, our Markdown as bold, links and lists", () => {
    expect(cardTextHtml("Hej <du>\nnæste linje").source).toBe("Hej &lt;du&gt;<br>næste linje");
    expect(cardTextHtml(md`**${"Svar *her*"}** (skal besvares)`).source).toBe("<strong>Svar *her*</strong> (skal besvares)");
    expect(cardTextHtml(md`Se ${mdLink("datapakken", "https://lis.example.dk/a?b=1&c=2")}`).source).toBe('Se <a href="https://lis.example.dk/a?b=1&amp;c=2">datapakken</a>');
    expect(cardTextHtml(md`Overskrift\n\n- ${"<en>"}\n- to`).source).toBe("Overskrift<br><br><ul><li>&lt;en&gt;</li><li>to</li></ul>");
    // Text that only looks like a link in Markdown stays text.
    expect(cardTextHtml(md`${"[klik](javascript:alert(1))"}`).source).toBe("[klik](javascript:alert(1))");
  });

  it("the Content-Security-Policy allows exactly the page's stylesheet, no script, forms only to us, no framing, no <base>", () => {
    expect(STYLESHEET_HASH).toBe(`sha256-${createHash("sha256").update(STYLESHEET).digest("base64")}`);
    expect(SECURITY_HEADERS["Content-Security-Policy"]).toBe(`default-src 'none'; style-src '${STYLESHEET_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
    expect(SECURITY_HEADERS).toMatchObject({ "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });
  });
});
