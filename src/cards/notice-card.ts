import { expand, type AdaptiveCard } from "./template.js";

/** A button that opens a command's card (`command.open`), e.g. the command a typo was close to. */
export interface NoticeButton {
  title: string;
  command: string;
}

export interface NoticeCardData {
  title: string;
  text: string;
  color: "Default" | "Attention" | "Good";
  hint: string;
  buttons: NoticeButton[];
}

export interface NoticeOptions {
  title?: string;
  tone?: "info" | "error";
  /** A second, quieter line under the text. */
  hint?: string;
  buttons?: NoticeButton[];
}

/** A short message as a card: refusals and errors outside any form, and suggestions with their buttons. */
export function noticeCardData(text: string, opts: NoticeOptions = {}): NoticeCardData {
  const data: NoticeCardData = { title: opts.title ?? "", text, color: opts.tone === "error" ? "Attention" : "Default", hint: opts.hint ?? "", buttons: opts.buttons ?? [] };
  return data;
}

export const buildNoticeCard = (text: string, opts: NoticeOptions = {}): AdaptiveCard => expand("notice", noticeCardData(text, opts));
