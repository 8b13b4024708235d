/**
 * Export for the quality report: an area's decisions, follow-ups and focus areas for a period, and
 * what each unit's loop learned per focus area (the «Opsamling»), as four plain tables that
 * `lib/csv.ts` and `lib/xlsx.ts` write as files.
 *
 * Only what the chief's overview already shows leaves the bot: decisions, follow-ups and focus
 * areas. Reflections, the board's statements and follow-up comments are never read for an
 * export, so they cannot end up in one.
 */
import { formatDateShort } from "../lib/format-da.js";
import { strings } from "../lib/strings.da.js";
import { calendarDate, type Cell, type Table } from "../lib/table.js";
import { addDays, compareDates, DEFAULT_TIME_ZONE, isValidLocalDate, localDateOf, zonedToUtc } from "../lib/zoned-time.js";
import { decisionCount, type FollowUpTally, type LoopSummariser } from "./loop-summary-service.js";
import type { FocusAreaEvaluations } from "./ports.js";
import type { FocusArea, FollowUpStatus, MeetingKind } from "./types.js";

/** A period of whole local days, both ends included ("YYYY-MM-DD"). */
export interface ExportPeriod {
  from: string;
  to: string;
}

/** The instants a period covers: from `start` (included) to `end` (excluded). */
export interface ExportWindow {
  start: Date;
  end: Date;
}

export interface ExportArea {
  id: string;
  name: string;
}

/** The meeting a decision or follow-up was made at. */
export interface ExportMeeting {
  id: string;
  unitName: string;
  startsAt: Date;
  kind: MeetingKind;
  firstOfLoop: boolean;
}

export interface DecisionExportRow {
  meeting: ExportMeeting;
  /** The decision's place in the meeting's opfølgningsskema. */
  position: number;
  /** The agenda item (punkt) the decision belongs to, if any. */
  agendaItem?: string;
  text: string;
}

export interface FollowUpExportRow {
  meeting: ExportMeeting;
  /** The decision it follows up on (absent if that decision was removed from the form). */
  decision?: { text: string; position: number };
  text: string;
  ownerName: string;
  dueDate: string;
  status: FollowUpStatus;
  doneAt?: Date;
  evaluateOn?: string;
  createdAt: Date;
}

export interface FocusAreaExportRow {
  id: string;
  unitId: string;
  loopId: string;
  unitName: string;
  loopName: string;
  /** The loop's first day, to order loops. */
  loopStart: string;
  themeTitle: string;
  title: string;
  status: FocusArea["status"];
  evaluateOn?: string;
  position: number;
}

/**
 * A focus area at the loop's end, for the «Opsamling» (seed 002: «Ved afslutning på den to-årige
 * periode samles der systematisk op på det lokale arbejde med fokusområderne»). Every figure is the
 * loop summary's (`LoopSummariser.summarise`, the chief's card's), limited to the export's period.
 */
export interface LoopSummaryExportRow extends FocusAreaExportRow {
  evaluations: FocusAreaEvaluations;
  /** The decisions about this focus area (chosen per decision in the opfølgningsskema). */
  aboutIt: number;
  /** Its unit's figures for the loop: closed læringssamtaler, their decisions, their agreements by status (written once per unit and loop). */
  unit: { samtaler: number; decisions: number; followUps: FollowUpTally };
}

/** What the repository reads for one area and period (the «Opsamling» comes from the loop summary). */
export interface ExportRows {
  area: ExportArea;
  decisions: DecisionExportRow[];
  followUps: FollowUpExportRow[];
  focusAreas: FocusAreaExportRow[];
}

/** An export's tables' data. */
export interface ExportData extends ExportRows {
  /** The same focus areas as `focusAreas`, with what their loop learned. */
  summary: LoopSummaryExportRow[];
}

/** Where an export is read from: the store's rows, and the one loop summary the chief's card uses. */
export interface ExportSources {
  exports: ExportRepository;
  loopSummaries: Pick<LoopSummariser, "ofUnit">;
}

/**
 * Port: reads an export's data. Never reads reflections or board statements.
 * `load` gives the decisions and follow-ups of the area's meetings that were not cancelled and
 * started within the window, and the focus areas of the area's units that were active at some
 * point within it; undefined for an unknown area.
 */
export interface ExportRepository {
  areas(): Promise<ExportArea[]>;
  load(areaId: string, window: ExportWindow): Promise<ExportRows | undefined>;
}

export type ExportTableKey = "decisions" | "followUps" | "focusAreas" | "summary";

export interface ExportTable extends Table {
  key: ExportTableKey;
}

/** True if both ends are existing dates and `from` is not after `to`. */
export function isValidPeriod(period: ExportPeriod): boolean {
  return isValidLocalDate(period.from) && isValidLocalDate(period.to) && compareDates(period.from, period.to) <= 0;
}

/** The instants of a period: from local midnight of `from` to local midnight after `to`. */
export function exportWindow(period: ExportPeriod, tz: string = DEFAULT_TIME_ZONE): ExportWindow {
  return { start: zonedToUtc(period.from, "00:00", tz), end: zonedToUtc(addDays(period.to, 1), "00:00", tz) };
}

/** "Læringssamtale (første i læringsloopet)", "1:1 ledelsesopfølgning", … */
export function meetingKindLabel(kind: MeetingKind, firstOfLoop: boolean): string {
  if (kind === "laeringssamtale" && firstOfLoop) return strings.meeting.kinds.laeringssamtaleFirst;
  return strings.meeting.kinds[kind] ?? kind;
}

/** The workbook's title: "Læringsloop – Område Midt (0-6 år), 01.01.2027–30.06.2027". */
export function exportTitle(areaName: string, period: ExportPeriod): string {
  return strings.exportFile.title(areaName, formatDateShort(period.from), formatDateShort(period.to));
}

/** A file-name part from a Danish text or id: "Opfølgningspunkter" → "opfoelgningspunkter". */
export function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The file an export is written to: `laeringsloop-<area>-<from>-<to>-<sheet>.csv` for one table,
 * `laeringsloop-<area>-<from>-<to>.xlsx` for the workbook.
 */
export function exportFileName(areaId: string, period: ExportPeriod, table?: Pick<ExportTable, "name">): string {
  const base = `laeringsloop-${fileSlug(areaId) || "omraade"}-${period.from}-${period.to}`;
  return table ? `${base}-${fileSlug(table.name)}.csv` : `${base}.xlsx`;
}

const collator = new Intl.Collator("da-DK", { sensitivity: "base", numeric: true });
const status = (s: string): string => strings.exportFile.statuses[s] ?? s;
const dateCell = (d: string | undefined): Cell => (d && isValidLocalDate(d) ? calendarDate(d) : null);

/** Unit name (Danish alphabet: … Æ Ø Å), then the meeting's time. */
function byMeeting(a: ExportMeeting, b: ExportMeeting): number {
  return collator.compare(a.unitName, b.unitName) || a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The three tables of an export (decisions, follow-ups, focus areas), with Danish headers,
 * sorted by unit name and then meeting date. Meeting times are shown as their date in `tz`;
 * date cells are calendar dates (see lib/table.ts).
 */
export function buildExportTables(data: ExportData, opts: { tz?: string } = {}): ExportTable[] {
  const tz = opts.tz ?? DEFAULT_TIME_ZONE;
  const s = strings.exportFile;
  const meetingCells = (m: ExportMeeting): Cell[] => [m.unitName, calendarDate(localDateOf(m.startsAt, tz)), meetingKindLabel(m.kind, m.firstOfLoop)];

  const decisions = [...data.decisions].sort((a, b) => byMeeting(a.meeting, b.meeting) || a.position - b.position);
  const followUps = [...data.followUps].sort(
    (a, b) =>
      byMeeting(a.meeting, b.meeting) ||
      (a.decision?.position ?? Number.MAX_SAFE_INTEGER) - (b.decision?.position ?? Number.MAX_SAFE_INTEGER) ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const byArea = (a: FocusAreaExportRow, b: FocusAreaExportRow) =>
    collator.compare(a.unitName, b.unitName) || a.loopStart.localeCompare(b.loopStart) || collator.compare(a.loopName, b.loopName) || a.position - b.position;
  const focusAreas = [...data.focusAreas].sort(byArea);
  const summary = [...data.summary].sort(byArea);

  return [
    {
      key: "decisions",
      name: s.sheets.decisions,
      headers: [s.decisions.unit, s.decisions.meetingDate, s.decisions.meetingKind, s.decisions.agendaItem, s.decisions.decision],
      rows: decisions.map((d) => [...meetingCells(d.meeting), d.agendaItem ?? null, d.text]),
    },
    {
      key: "followUps",
      name: s.sheets.followUps,
      headers: [
        s.followUps.unit,
        s.followUps.meetingDate,
        s.followUps.meetingKind,
        s.followUps.decision,
        s.followUps.text,
        s.followUps.owner,
        s.followUps.dueDate,
        s.followUps.status,
        s.followUps.doneOn,
        s.followUps.evaluateOn,
      ],
      rows: followUps.map((f) => [
        ...meetingCells(f.meeting),
        f.decision?.text ?? null,
        f.text,
        f.ownerName,
        dateCell(f.dueDate),
        status(f.status),
        f.doneAt && f.status === "done" ? calendarDate(localDateOf(f.doneAt, tz)) : null,
        dateCell(f.evaluateOn),
      ]),
    },
    {
      key: "focusAreas",
      name: s.sheets.focusAreas,
      headers: [s.focusAreas.unit, s.focusAreas.loop, s.focusAreas.theme, s.focusAreas.title, s.focusAreas.status, s.focusAreas.evaluateOn],
      rows: focusAreas.map((f) => [f.unitName, f.loopName, f.themeTitle, f.title, status(f.status), dateCell(f.evaluateOn)]),
    },
    {
      key: "summary",
      name: s.sheets.summary,
      headers: [
        s.summary.unit,
        s.summary.loop,
        s.summary.theme,
        s.summary.title,
        s.summary.status,
        s.summary.evaluateOn,
        s.summary.evaluations,
        s.summary.aboutIt,
        s.summary.samtaler,
        s.summary.decisions,
        s.summary.done,
        s.summary.open,
        s.summary.ended,
      ],
      rows: summary.map((f, i) => [
        f.unitName,
        f.loopName,
        f.themeTitle,
        f.title,
        status(f.status),
        dateCell(f.evaluateOn),
        evaluationsText(f.evaluations, tz),
        // Counts as text: the table's cells are texts and dates (lib/table.ts).
        String(f.aboutIt),
        // The unit's figures once per unit and loop, on its first focus area's row (decision 0020),
        // so a column's sum is the area's total.
        ...(firstOfUnit(summary, i)
          ? [String(f.unit.samtaler), String(f.unit.decisions), String(f.unit.followUps.done), String(f.unit.followUps.open), String(f.unit.followUps.ended)]
          : [null, null, null, null, null]),
      ]),
    },
  ];
}

/** True for the first row (as sorted) of its unit and loop. */
function firstOfUnit(rows: LoopSummaryExportRow[], i: number): boolean {
  const prev = rows[i - 1];
  return !prev || prev.unitId !== rows[i]!.unitId || prev.loopId !== rows[i]!.loopId;
}

/**
 * The «Opsamling»'s rows: per focus area of the export, what the loop summary of its unit and loop
 * says, from the læringssamtaler in the window (only læringssamtaler: never a 1:1's agreements).
 */
async function summaryRows(summaries: ExportSources["loopSummaries"], areas: FocusAreaExportRow[], window: ExportWindow): Promise<LoopSummaryExportRow[]> {
  const key = (f: FocusAreaExportRow) => `${f.unitId} ${f.loopId}`;
  const ofPair = new Map<string, Awaited<ReturnType<typeof summaries.ofUnit>>>();
  for (const f of areas) if (!ofPair.has(key(f))) ofPair.set(key(f), await summaries.ofUnit(f.unitId, f.loopId, window));
  return areas.map((f) => {
    const s = ofPair.get(key(f));
    const mine = s?.focusAreas.find((x) => x.area.id === f.id);
    return {
      ...f,
      evaluations: mine?.evaluations ?? { extended: 0, evaluateNext: false },
      aboutIt: mine?.decisions.length ?? 0,
      unit: { samtaler: s?.samtaler.length ?? 0, decisions: s ? decisionCount(s) : 0, followUps: s?.followUps ?? { done: 0, open: 0, ended: 0 } },
    };
  });
}

/** What a focus area's evaluations decided, in words: «forlænget én gang · afsluttet 15.06.2028». */
function evaluationsText(e: FocusAreaEvaluations, tz: string): string {
  const s = strings.loopSummary;
  return [
    ...(e.extended > 0 ? [s.extended(e.extended)] : []),
    ...(e.evaluateNext ? [s.evaluateNext] : []),
    ...(e.endedAt ? [s.ended(formatDateShort(localDateOf(e.endedAt, tz)))] : []),
  ].join(" · ");
}

/** Reads and builds an export; undefined for an unknown area. */
export async function loadExport(
  sources: ExportSources,
  areaId: string,
  period: ExportPeriod,
  tz: string = DEFAULT_TIME_ZONE,
): Promise<{ area: ExportArea; title: string; tables: ExportTable[] } | undefined> {
  const window = exportWindow(period, tz);
  const rows = await sources.exports.load(areaId, window);
  if (!rows) return undefined;
  const data = { ...rows, summary: await summaryRows(sources.loopSummaries, rows.focusAreas, window) };
  return { area: data.area, title: exportTitle(data.area.name, period), tables: buildExportTables(data, { tz }) };
}
