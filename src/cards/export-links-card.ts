import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { Area } from "../domain/types.js";
import { md, mdLink } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ExportLinksCardInput {
  area: Area;
  period: { from: string; to: string };
  /** Each file's link, as a full URL. */
  links: { format: string; url: string }[];
}

const label = (format: string): string => {
  const s = strings.channel;
  if (format === "xlsx") return s.exportXlsx;
  const table = format.slice(4) as keyof typeof strings.exportFile.sheets;
  return `${s.exportCsv}: ${strings.exportFile.sheets[table] ?? table}`;
};

/** The person's own download links (in their personal chat): one per file, once, for 15 minutes. */
export function exportLinksCardData({ area, period, links }: ExportLinksCardInput) {
  const s = strings.channel;
  return {
    title: s.exportButton,
    intro: s.exportLinks(area.name, formatDateShort(period.from), formatDateShort(period.to)),
    links: links.map((l) => ({ line: md`- ${mdLink(label(l.format), l.url)}` })),
    expires: s.exportExpires,
  };
}

export const buildExportLinksCard = (input: ExportLinksCardInput): AdaptiveCard => expand("export-links", exportLinksCardData(input));
