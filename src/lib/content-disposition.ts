/**
 * The Content-Disposition of a download (RFC 6266). A name in plain ASCII goes as it is; one with
 * other letters («2027-03-03 Solsikken Læringssamtale.pdf») goes twice: an ASCII fallback in
 * `filename` (æ → ae, ø → oe, å → aa, other accents dropped) for old clients, and the real name
 * UTF-8 percent-encoded in `filename*` (RFC 5987), which browsers and Outlook prefer.
 */
const DANISH: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", Æ: "Ae", Ø: "Oe", Å: "Aa" };

/** The name in printable ASCII, without the quote and backslash a quoted string would need escaped. */
export function asciiFileName(name: string): string {
  return name
    .replace(/[æøåÆØÅ]/g, (c) => DANISH[c]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
}

/** RFC 5987 `attr-char`s stay; everything else is percent-encoded UTF-8. */
const encode5987 = (name: string): string => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(name: string): string {
  const ascii = asciiFileName(name);
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encode5987(name)}`;
}
