import { strings } from "../lib/strings.da.js";
import type { Area } from "../domain/types.js";
import type { CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ChannelLinkCardInput {
  /** The areas the person may link (where they are chef). */
  areas: Area[];
  /** The areas this channel follows now. */
  followed: Area[];
  feedback?: CardFeedback;
}

/** «Følg et område i denne kanal»: pick one of your areas; or stop following it. */
export function channelLinkCardData({ areas, followed, feedback }: ChannelLinkCardInput) {
  const s = strings.channel;
  return {
    title: s.linkTitle,
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? (areas.length === 0 ? s.noAreas : ""),
    intro: s.linkIntro,
    followed: followed.length ? s.followed(followed.map((a) => a.name).join(", ")) : s.followsNothing,
    areaLabel: s.areaLabel,
    hasAreas: areas.length > 0,
    selected: areas[0]?.id ?? "",
    areas,
    linkButton: s.linkButton,
    unlinkButton: s.unlinkButton,
    canUnlink: areas.some((a) => followed.some((f) => f.id === a.id)),
  };
}

export const buildChannelLinkCard = (input: ChannelLinkCardInput): AdaptiveCard => expand("channel-link", channelLinkCardData(input));
