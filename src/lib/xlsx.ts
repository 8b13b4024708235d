/**
 * Tables as one formatted Excel workbook: a sheet per table with a bold, frozen header row and an
 * auto filter, column widths from the content, real date cells shown as dd.mm.yyyy, and wrapped
 * text in columns with long or multi-line texts.
 */
import type ExcelJS from "exceljs";
import type { Cell, Table } from "./table.js";
import { cleanForDisplay } from "./text.js";

export const XLSX_DATE_FORMAT = "dd.mm.yyyy";

export interface XlsxOptions {
  /** The workbook's title (File > Info in Excel). */
  title: string;
  /** When the workbook was made; the current time when absent. */
  created?: Date;
  /** Shown as the workbook's author; "Læringsloop" when absent. */
  creator?: string;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** A column whose texts are longer than this (or span lines) wraps, at `MAX_WIDTH`. */
const WRAP_AT = MAX_WIDTH - 2;

/** Excel forbids : \ / ? * [ ] in sheet names and allows at most 31 characters. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31) || "Ark";
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** The length of the longest line the cell shows. */
function shownLength(cell: Cell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return XLSX_DATE_FORMAT.length;
  return Math.max(0, ...cell.split(/\r?\n/).map((line) => line.length));
}

function addSheet(workbook: ExcelJS.Workbook, table: Table, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.alignment = { vertical: "top" };
  header.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7EEF7" } };
    c.border = { bottom: { style: "thin" } };
  });
  for (const values of table.rows) {
    // Texts go in as text cells (never formulas: a typed «=HYPERLINK(…)» is shown, not run), without
    // the control characters XML cannot hold or invisible ones that carry nothing.
    const row = sheet.addRow(values.map((v) => (typeof v === "string" ? cleanForDisplay(v) : v)));
    values.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = XLSX_DATE_FORMAT;
    });
  }
  table.headers.forEach((h, i) => {
    const cells = table.rows.map((r) => r[i] ?? null);
    const longest = Math.max(h.length, ...cells.map(shownLength));
    const wrap = cells.some((c) => typeof c === "string" && (c.includes("\n") || c.length > WRAP_AT));
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
    if (wrap) {
      // The column's style reaches rows added later; the cells already there get it too.
      column.alignment = { wrapText: true, vertical: "top" };
      column.eachCell((c, rowNumber) => {
        if (rowNumber > 1) c.alignment = { wrapText: true, vertical: "top" };
      });
    } else {
      column.eachCell((c, rowNumber) => {
        if (rowNumber > 1) c.alignment = { vertical: "top" };
      });
    }
  });
  if (table.headers.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.headers.length } };
}

/** The workbook's bytes (.xlsx), one sheet per table in the order given. */
export async function writeXlsx(tables: Table[], options: XlsxOptions): Promise<Buffer> {
  // Loaded on the first export, not at start-up (it takes a third of a second to load).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.title = options.title;
  workbook.creator = options.creator ?? "Læringsloop";
  workbook.lastModifiedBy = workbook.creator;
  const created = options.created ?? new Date();
  workbook.created = created;
  workbook.modified = created;
  const used = new Set<string>();
  for (const table of tables) addSheet(workbook, table, sheetName(table.name, used));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
