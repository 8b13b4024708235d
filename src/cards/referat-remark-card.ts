import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import type { CardText } from "../lib/markup.js";
import type { ReferatRemarkView } from "../domain/referat-approval-service.js";
import type { CardFeedback } from "./feedback.js";
import { kindInText } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReferatRemarkCardData {
  error: CardText;
  notice: CardText;
  title: string;
  intro: string;
  /** The remark as the participant wrote it (shown as text). */
  text: string;
  /** The referat has been corrected since the remark was made. */
  supersededText: string;
  hint: string;
  openButton: string;
  /** «Genåbn mødet» with its confirmation, while the chair may reopen the meeting. */
  reopenButton: string;
  reopenConfirm: string;
  reopenSubmit: string;
  meetingId: string;
  referatVersion: number;
  remarkId: string;
}

export interface ReferatRemarkCardInput extends ReferatRemarkView {
  /** Until when the chair may reopen the meeting (none: closed for good, or reopened already). */
  reopenUntil?: Date;
  tz: string;
  feedback?: CardFeedback;
}

/** To the chair: a participant's remark to the referat, and «Genåbn mødet» to correct it (the existing reopening). */
export function referatRemarkCardData({ remark, author, meeting, reopenUntil, tz, feedback }: ReferatRemarkCardInput): ReferatRemarkCardData {
  const s = strings.referatApproval;
  const data: ReferatRemarkCardData = {
    error: feedback?.error ?? "",
    notice: feedback?.notice ?? "",
    title: s.remarkTitle,
    intro: s.remarkIntro(author, kindInText(meeting), formatDateTime(meeting.startsAt, tz), remark.version),
    text: remark.text,
    supersededText: meeting.referatVersion > remark.version ? s.remarkOld(meeting.referatVersion) : "",
    hint: reopenUntil ? s.remarkHint : "",
    openButton: s.openReferat,
    reopenButton: reopenUntil ? strings.closing.reopenButton : "",
    reopenConfirm: reopenUntil ? strings.closing.reopenConfirm(formatDateTime(reopenUntil, tz)) : "",
    reopenSubmit: strings.closing.reopenSubmit,
    meetingId: meeting.id,
    referatVersion: meeting.referatVersion,
    remarkId: remark.id,
  };
  return data;
}

export const buildReferatRemarkCard = (input: ReferatRemarkCardInput): AdaptiveCard => expand("referat-remark", referatRemarkCardData(input));
