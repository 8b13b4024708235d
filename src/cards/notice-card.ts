import type { CardText } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

/** A button that opens a command's card (`command.open`), e.g. the command a typo was close to. */
export interface NoticeButton {
  title: string;
  command: string;
}

export interface NoticeCardData {
  title: string;
  text: CardText;
  color: "Default" | "Attention" | "Good";
  hint: CardText;
  buttons: NoticeButton[];
}

export interface NoticeOptions {
  title?: string;
  tone?: "info" | "error";
  /** A second, quieter line under the text. */
  hint?: CardText;
  buttons?: NoticeButton[];
}

/** A short message as a card: refusals and errors outside any form, and suggestions with their buttons. */
export function noticeCardData(text: CardText, opts: NoticeOptions = {}): NoticeCardData {
  const data: NoticeCardData = { title: opts.title ?? "", text, color: opts.tone === "error" ? "Attention" : "Default", hint: opts.hint ?? "", buttons: opts.buttons ?? [] };
  return data;
}

export const buildNoticeCard = (text: CardText, opts: NoticeOptions = {}): AdaptiveCard => expand("notice", noticeCardData(text, opts));
