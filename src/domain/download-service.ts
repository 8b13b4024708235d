import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { addDays, localDateOf } from "../lib/zoned-time.js";
import { isValidPeriod, loadExport, type ExportRepository, type ExportSources, type ExportTableKey } from "./export.js";
import { newOneTimeToken, tokenHash } from "./one-time-link.js";
import type { Clock, DownloadTokenRepository, PeopleRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Area, Person } from "./types.js";

export interface DownloadServiceDeps {
  tokens: DownloadTokenRepository;
  people: PeopleRepository;
  exports: ExportRepository;
  /** The loop summary the chief's card uses, for the «Opsamling». */
  loopSummaries: ExportSources["loopSummaries"];
  clock: Clock;
  settings: DomainSettings;
}

export type DownloadService = ReturnType<typeof createDownloadService>;

const TABLES: ExportTableKey[] = ["decisions", "followUps", "focusAreas", "summary"];
export const DOWNLOAD_FORMATS = ["xlsx", ...TABLES.map((t) => `csv:${t}`)] as const;

/**
 * The export from the chief's card: personal, single-use, short-lived links (sent to the
 * person's own chat, never to the channel). Only the hash of a link's token is stored.
 */
export function createDownloadService(deps: DownloadServiceDeps) {
  const { tokens, people, exports, loopSummaries, clock, settings } = deps;

  return {
    /** A chief of the area asks for the export of a period: one link per file. */
    async request(actor: Person, areaId: string, from: string, to: string): Promise<{ area: Area; period: { from: string; to: string }; links: { format: string; token: string }[] }> {
      const area = (await people.areasForChief(actor.id)).find((a) => a.id === areaId);
      if (!area) throw new AppError("not-authorised", strings.channel.notChiefOfArea);
      const today = localDateOf(clock.now(), settings.timezone);
      if (!isValidPeriod({ from, to }) || to > addDays(today, 366)) throw new AppError("invalid-input", strings.exportFile.badPeriod);
      const now = clock.now();
      const links = [];
      for (const format of DOWNLOAD_FORMATS) {
        const { token, hash, expiresAt } = newOneTimeToken(now);
        await tokens.create({ hash, personId: actor.id, areaId, fromDate: from, toDate: to, format, expiresAt });
        links.push({ format, token });
      }
      return { area, period: { from, to }, links };
    },

    /** The export behind a link, once; undefined if the link is unknown, used or expired. */
    async redeem(token: string) {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
      const t = await tokens.redeem(tokenHash(token), clock.now());
      if (!t) return undefined;
      const period = { from: t.fromDate, to: t.toDate };
      const result = await loadExport({ exports, loopSummaries }, t.areaId, period, settings.timezone);
      if (!result) return undefined;
      const table = t.format.startsWith("csv:") ? result.tables.find((x) => x.key === t.format.slice(4)) : undefined;
      return { ...result, areaId: t.areaId, period, format: t.format.startsWith("csv:") ? ("csv" as const) : ("xlsx" as const), table };
    },
  };
}
