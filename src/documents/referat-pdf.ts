import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { strings } from "../lib/strings.da.js";
import { referatContent, type ReferatContentInput } from "./referat-content.js";

/**
 * The referat as a PDF for the municipality's case system (ESDH): PDF/A-2b, tagged, in Danish,
 * with DejaVu Sans embedded (every Danish letter, and PDF/A allows no font that is not embedded).
 * Only pdfkit draws here: the domain gives the referat (ReferatView) and its approval, and
 * referat-content.ts decides what it says. Texts people typed are drawn as text: pdfkit interprets
 * no markup, so a «**» or a «<b>» prints as typed.
 */

const require = createRequire(import.meta.url);
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export interface ReferatPdfInput extends ReferatContentInput {
  /** The document's creation date (metadata; pictures and tests pass a fixed one). */
  createdAt?: Date;
}

const MARGIN = 56; // 2 cm
const BOTTOM = 64; // room for the page number
const INK = "#1a1a1a";
const SUBTLE = "#555555";

export function renderReferatPdf(input: ReferatPdfInput): Promise<Buffer> {
  const c = referatContent(input);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM },
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    tagged: true,
    lang: "da-DK",
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: c.title, Author: strings.referatPdf.author, Subject: c.subject, Creator: strings.referatPdf.author, CreationDate: input.createdAt ?? new Date() },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (b: Buffer) => chunks.push(b));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("body", FONT);
  doc.registerFont("bold", FONT_BOLD);
  doc.font("body");
  doc.addPage();

  const root = doc.struct("Document");
  doc.addStructure(root);
  const width = doc.page.width - MARGIN * 2;
  type Struct = ReturnType<typeof doc.struct>;
  const text = (t: string, o: { font?: "body" | "bold"; size?: number; color?: string; type?: string; indent?: number; gap?: number; parent?: Struct } = {}) => {
    doc
      .font(o.font ?? "body")
      .fontSize(o.size ?? 10.5)
      .fillColor(o.color ?? INK)
      .text(t, MARGIN + (o.indent ?? 0), doc.y, { width: width - (o.indent ?? 0), lineGap: 2, structParent: o.parent ?? root, structType: o.type ?? "P" });
    if (o.gap) doc.moveDown(o.gap);
  };
  /** A list in the structure tree (L), in the document's order. */
  const list = (): Struct => {
    const l = doc.struct("L");
    root.add(l);
    return l;
  };
  /**
   * A list item (LI > Lbl, LBody) with a hanging indent: the label («•», «1.») in the margin, the
   * wrapped lines under the text's start. Returns its LBody, for a line that belongs to the item.
   */
  const listItem = (l: Struct, label: string, t: string, o: { indent: number; gap?: number }): Struct => {
    const room = 12 + label.length * 4;
    if (doc.y + 16 > doc.page.height - BOTTOM) doc.addPage();
    const y = doc.y;
    const li = doc.struct("LI");
    l.add(li);
    doc.font("body").fontSize(10.5).fillColor(INK).text(label, MARGIN + o.indent, y, { width: room, lineBreak: false, structParent: li, structType: "Lbl" });
    doc.y = y;
    const body = doc.struct("LBody");
    li.add(body);
    text(t, { indent: o.indent + room, parent: body, gap: o.gap });
    return body;
  };
  /** A heading is not left alone at the bottom of a page: it moves to the next with its first lines. */
  const keepWithNext = (lines = 4) => {
    if (doc.y + lines * 16 > doc.page.height - BOTTOM) doc.addPage();
  };

  text(c.title, { font: "bold", size: 17, type: "H1", gap: 0.2 });
  if (c.corrected) text(c.corrected, { color: SUBTLE, size: 9.5, gap: 0.2 });
  doc.moveDown(0.5);
  for (const f of c.facts) text(`${f.label}: ${f.value}`, { gap: 0.1 });
  text(`${strings.referatPdf.participants}: ${c.participants.join(", ")}`, { gap: 0.2 });

  for (const item of c.items) {
    doc.moveDown(0.8);
    keepWithNext();
    text(item.heading, { font: "bold", size: 12.5, type: "H2", gap: 0.3 });
    if (item.recommendations.length) {
      text(strings.referatPdf.recommends, { gap: 0.1 });
      const l = list();
      for (const [i, r] of item.recommendations.entries()) listItem(l, `${i + 1}.`, r, { indent: 8, gap: 0.1 });
      doc.moveDown(0.3);
    }
    if (item.decisions.length) {
      text(strings.referatPdf.decision, { font: "bold", gap: 0.1 });
      const l = list();
      for (const d of item.decisions) {
        const body = listItem(l, "•", d.text, { indent: 8 });
        if (d.followsUp) text(d.followsUp, { indent: 8 + 16, color: SUBTLE, parent: body });
        doc.moveDown(0.2);
      }
    }
  }
  if (c.withoutDecisions) {
    doc.moveDown(0.6);
    text(c.withoutDecisions, { color: SUBTLE });
  }
  if (c.carriedHeading) {
    doc.moveDown(0.8);
    keepWithNext();
    text(c.carriedHeading, { font: "bold", size: 12.5, type: "H2", gap: 0.3 });
    const l = list();
    for (const line of c.carried) listItem(l, "•", line, { indent: 8, gap: 0.1 });
  }
  doc.moveDown(1.2);
  keepWithNext(2);
  for (const line of c.approval) text(line, { font: "bold", gap: 0.1 });

  // «Side 1 af 2» and the referat's name at the foot of every page: page furniture (an artifact), not content.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - BOTTOM + 24;
    doc.markContent("Artifact", { type: "Pagination" });
    doc.font("body").fontSize(8.5).fillColor(SUBTLE);
    doc.text(c.footer, MARGIN, y, { width: width / 2, lineBreak: false });
    doc.text(strings.referatPdf.page(i - range.start + 1, range.count), MARGIN + width / 2, y, { width: width / 2, align: "right", lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
