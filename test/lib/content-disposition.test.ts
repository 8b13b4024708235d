import { describe, expect, it } from "vitest";
import { asciiFileName, contentDisposition } from "../../src/lib/content-disposition.js";

describe("a download's Content-Disposition (RFC 6266, RFC 5987)", () => {
  it("gives an ASCII name as it is (the export's files)", () => {
    expect(contentDisposition("laeringsloop-midt-2027-01-01-2027-06-30.xlsx")).toBe('attachment; filename="laeringsloop-midt-2027-01-01-2027-06-30.xlsx"');
  });

  it("gives a Danish name twice: an ASCII fallback and the UTF-8 name in filename*", () => {
    expect(contentDisposition("2027-03-03 Solsikken Læringssamtale.pdf")).toBe(
      "attachment; filename=\"2027-03-03 Solsikken Laeringssamtale.pdf\"; filename*=UTF-8''2027-03-03%20Solsikken%20L%C3%A6ringssamtale.pdf",
    );
    const header = contentDisposition("2027-10-12 Børnehuset Åen 1-1 ledelsesopfølgning.pdf");
    expect(decodeURIComponent(header.split("filename*=UTF-8''")[1]!)).toBe("2027-10-12 Børnehuset Åen 1-1 ledelsesopfølgning.pdf");
    expect(header).toContain('filename="2027-10-12 Boernehuset Aaen 1-1 ledelsesopfoelgning.pdf"');
  });

  it("keeps the fallback printable ASCII without quotes or backslashes, and encodes what RFC 5987 does not allow bare", () => {
    expect(asciiFileName('Café "Ø" \\ 😀.pdf')).toBe("Cafe _Oe_ _ __.pdf");
    expect(contentDisposition("Møde (udkast)*.pdf")).toContain("filename*=UTF-8''M%C3%B8de%20%28udkast%29%2A.pdf");
    expect(/^[\x20-\x7e]+$/.test(contentDisposition("Æblehaven – referat.pdf"))).toBe(true);
  });
});
