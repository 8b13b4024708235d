/**
 * One table as CSV for Danish Excel: UTF-8 with a byte order mark (so æ, ø and å are read as
 * UTF-8), `;` between fields (the Danish list separator, which Excel uses when it opens a CSV),
 * CRLF line ends and RFC 4180 quoting. Date cells are written as dd.mm.yyyy.
 */
import { formatDateShort } from "./format-da.js";
import { calendarDateOf, type Cell, type Table } from "./table.js";
import { cleanForDisplay } from "./text.js";

export const CSV_SEPARATOR = ";";
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Text a spreadsheet would read as a formula (=, +, @, a leading tab or CR, a minus not followed
 * by a space) gets a leading apostrophe, so a typed text never runs as a formula when the file is
 * opened (CSV injection). "- punkt" and ordinary text are left as they are.
 */
const FORMULA_START = /^(?:[=+@\t\r]|-(?!\s|$))/;

/** One field, quoted when it contains a quote, the separator, CR or LF (quotes doubled). */
export function csvField(cell: Cell): string {
  if (cell === null) return "";
  // Control and invisible characters that carry nothing go first (older rows may hold them), so a
  // formula behind a NUL or a zero-width space is still caught.
  let text = cell instanceof Date ? formatDateShort(calendarDateOf(cell)) : cleanForDisplay(cell);
  if (!(cell instanceof Date) && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text without the byte order mark: header line, then one line per row. */
export function csvText(table: Table): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(CSV_SEPARATOR));
  return lines.map((l) => `${l}\r\n`).join("");
}

/** The CSV file's bytes: UTF-8 byte order mark + `csvText`. */
export function writeCsv(table: Table): Buffer {
  return Buffer.concat([UTF8_BOM, Buffer.from(csvText(table), "utf8")]);
}
