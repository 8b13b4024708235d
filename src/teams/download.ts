import type { CalendarService } from "../domain/calendar-service.js";
import type { DownloadService } from "../domain/download-service.js";
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
