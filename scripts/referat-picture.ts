/**
 * `npm run referat:picture`: the README's picture of the referat PDF, page 1 of the sample
 * læringssamtale in Solsikken (scripts/lib/referat-sample.ts), rendered by pdftoppm (Debian's
 * poppler-utils) to docs/cards/referat-pdf.png.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderReferatPdf } from "../src/documents/referat-pdf.js";
import { strings } from "../src/lib/strings.da.js";
import { SAMPLE_CREATED, SAMPLE_TODAY, SAMPLE_TZ, sampleApproval, sampleReferat } from "./lib/referat-sample.js";

const OUT = resolve(import.meta.dirname, "../docs/cards/referat-pdf.png");
const DPI = "80";

const dir = mkdtempSync(join(tmpdir(), "referat-picture-"));
try {
  const pdf = join(dir, "referat.pdf");
  writeFileSync(pdf, await renderReferatPdf({ referat: sampleReferat, approval: sampleApproval, tz: SAMPLE_TZ, today: SAMPLE_TODAY, createdAt: SAMPLE_CREATED }));
  const r = spawnSync("pdftoppm", ["-png", "-r", DPI, "-f", "1", "-l", "1", "-singlefile", pdf, join(dir, "page")], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    console.error(strings.referatPdf.pictureFailed(r.error?.message ?? r.stderr));
    process.exitCode = 1;
  } else {
    copyFileSync(join(dir, "page.png"), OUT); // not a rename: the temporary folder may be on another file system
    console.log(strings.referatPdf.pictureWritten(OUT));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
