import type { CardText } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface NoticeCardData {
  title: string;
  text: CardText;
  color: "Default" | "Attention" | "Good";
}

/** A short message as a card: refusals and errors outside any form. */
export function noticeCardData(text: CardText, opts: { title?: string; tone?: "info" | "error" } = {}): NoticeCardData {
  const data: NoticeCardData = { title: opts.title ?? "", text, color: opts.tone === "error" ? "Attention" : "Default" };
  return data;
}

export const buildNoticeCard = (text: CardText, opts: { title?: string; tone?: "info" | "error" } = {}): AdaptiveCard => expand("notice", noticeCardData(text, opts));
