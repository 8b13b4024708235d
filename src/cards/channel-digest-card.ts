import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime } from "../lib/format-da.js";
import type { Area, MeetingKind } from "../domain/types.js";
import { shorten } from "./feedback.js";
import { kindLabel } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ChannelDigestCardInput {
  area: Area;
  created: number;
  done: number;
  becameOverdue: { unitName: string; text: string; owner: string; dueDate: string }[];
  upcoming: { unitName: string; kind: MeetingKind; firstOfLoop: boolean; startsAt: Date }[];
  tz: string;
}

const MAX_LINES = 25;

/** The channel's weekly digest: what changed, what became overdue, which meetings are coming. */
export function channelDigestCardData({ area, created, done, becameOverdue, upcoming, tz }: ChannelDigestCardInput) {
  const s = strings.channel;
  const hidden = Math.max(0, becameOverdue.length - MAX_LINES) + Math.max(0, upcoming.length - MAX_LINES);
  return {
    title: s.digestTitle(area.name),
    changes: s.digestChanges(created, done),
    overdueHeading: s.digestOverdue,
    overdueNone: becameOverdue.length ? "" : s.digestOverdueNone,
    overdue: becameOverdue.slice(0, MAX_LINES).map((f) => ({ text: s.digestOverdueItem(f.unitName, shorten(f.text, 150), f.owner, formatDateShort(f.dueDate)) })),
    upcomingHeading: s.digestUpcoming,
    upcomingNone: upcoming.length ? "" : s.digestUpcomingNone,
    upcoming: upcoming.slice(0, MAX_LINES).map((m) => ({ text: s.digestUpcomingItem(m.unitName, kindLabel(m), formatDateTime(m.startsAt, tz)) })),
    more: hidden > 0 ? strings.generic.andMore(hidden) : "",
  };
}

export const buildChannelDigestCard = (input: ChannelDigestCardInput): AdaptiveCard => expand("channel-digest", channelDigestCardData(input));
