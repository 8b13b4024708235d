/**
 * A plain table for exports (CSV, XLSX): a name, a header row and rows of cells.
 *
 * A `Date` cell is a *calendar date*, held as UTC midnight of that date (`calendarDate`), which
 * is also how a spreadsheet stores a date without a time. It never carries a time of day: an
 * instant is turned into its local date before it goes into a table.
 */
export type Cell = string | Date | null;

export interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The cell for a calendar date "YYYY-MM-DD": UTC midnight of that date. */
export function calendarDate(date: string): Date {
  const m = LOCAL_DATE_RE.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== date) throw new RangeError(`Invalid calendar date "${date}" (expected an existing YYYY-MM-DD)`);
  return d;
}

/** The calendar date "YYYY-MM-DD" a date cell stands for. */
export function calendarDateOf(cell: Date): string {
  if (Number.isNaN(cell.getTime())) throw new RangeError("Invalid date cell");
  return cell.toISOString().slice(0, 10);
}
