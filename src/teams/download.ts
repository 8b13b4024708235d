import type { CalendarService } from "../domain/calendar-service.js";
import type { DownloadService } from "../domain/download-service.js";
import type { Clock } from "../domain/ports.js";
import type { ReferatFileService } from "../domain/referat-file-service.js";
import { referatFileName } from "../documents/referat-content.js";
import { localDateOf } from "../lib/zoned-time.js";
import { exportFileName } from "../domain/export.js";
import { writeCsv } from "../lib/csv.js";
import { writeXlsx } from "../lib/xlsx.js";

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** GET /export/<token>: the file behind a personal download link, once. */
export function createDownloadHandler(downloads: DownloadService) {
  return async (token: string): Promise<DownloadFile | undefined> => {
    const found = await downloads.redeem(token);
    if (!found) return undefined;
    if (found.format === "csv" && found.table) {
      return { filename: exportFileName(found.areaId, found.period, found.table), contentType: "text/csv; charset=utf-8", body: writeCsv(found.table) };
    }
    return {
      filename: exportFileName(found.areaId, found.period),
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: await writeXlsx(found.tables, { title: found.title }),
    };
  };
}

/** GET /kalender/<token>: the calendar file (.ics) behind a personal link, once. */
export function createCalendarFileHandler(calendars: CalendarService) {
  return async (token: string): Promise<DownloadFile | undefined> => {
    const found = await calendars.redeem(token);
    if (!found) return undefined;
    return { filename: found.filename, contentType: "text/calendar; charset=utf-8; method=" + found.method, body: Buffer.from(found.body, "utf8") };
  };
}

/** GET /referat/<token>: the referat in force as a PDF behind a participant's personal link, once, named for the case system (ESDH). */
export function createReferatFileHandler(referatFiles: ReferatFileService, clock: Clock, tz: string) {
  return async (token: string): Promise<DownloadFile | undefined> => {
    const found = await referatFiles.redeem(token);
    if (!found) return undefined;
    const now = clock.now();
    // pdfkit (and its fonts) load on the first referat asked for, never at start (decision 0030).
    const { renderReferatPdf } = await import("../documents/referat-pdf.js");
    const body = await renderReferatPdf({ ...found, tz, today: localDateOf(now, tz), createdAt: now });
    return { filename: referatFileName(found.referat.meeting, tz), contentType: "application/pdf", body };
  };
}
