import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import { formatInstantDateShort } from "../lib/format-da.js";
import type { FollowUpView } from "../domain/types.js";
import { errorLine, type CardFeedback } from "./feedback.js";
import { followUpStatus } from "./followup-status.js";
import { kindDefinite } from "./meeting-labels.js";
import { fitToBudget } from "./budget.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface MyTasksCardData {
  title: string;
  summary: string;
  notice: CardText;
  error: CardText;
  items: {
    text: string;
    status: string;
    statusColor: string;
    from: string;
    followUpId: string;
    version: number;
    isOpen: boolean;
    dueInput: string;
    commentInput: string;
    commentValue: string;
  }[];
  more: string;
  doneButton: string;
  postponeButton: string;
  postponeLabel: string;
  postponeSubmit: string;
  commentButton: string;
  commentLabel: string;
  commentSubmit: string;
  commentPlaceholder: string;
  minDate: string;
  datePlaceholder: string;
  maxLength: number;
  refreshButton: string;
}

/** Input ids per item; the handler finds the value through the name the action carries. */
export const taskInputIds = (i: number) => ({ due: `newDueDate_${i}`, comment: `comment_${i}` });

export interface MyTasksCardInput {
  items: FollowUpView[];
  total: number;
  /** A follow-up just acted on: shown in place with its new state even if no longer open. */
  changed?: FollowUpView;
  today: string;
  tz: string;
  maxLength: number;
  feedback?: CardFeedback;
  /** A comment whose sending was refused, kept in its item's field. */
  typedComment?: { followUpId: string; text: string };
}

/** `shown` is how many of the items fit in the card (see buildMyTasksCard). */
export function myTasksCardData({ items: all, total, changed, today, tz, maxLength, feedback, typedComment }: MyTasksCardInput, fits = all.length): MyTasksCardData {
  const items = all.slice(0, fits);
  const s = strings.tasks;
  const f = strings.followUp;
  const list = [...items];
  if (changed && !list.some((v) => v.followUp.id === changed.followUp.id)) list.unshift(changed);
  const shown = list.map((v) => (changed && v.followUp.id === changed.followUp.id ? changed : v));
  const data: MyTasksCardData = {
    title: s.title,
    summary: total === 0 ? s.none : s.count(total),
    notice: feedback?.notice ?? "",
    error: errorLine(feedback),
    items: shown.map((v, i) => {
      const st = followUpStatus(v.followUp, today, tz);
      const ids = taskInputIds(i);
      return {
        text: v.followUp.text,
        status: st.text,
        statusColor: st.color,
        from: f.from(kindDefinite(v.meeting), formatInstantDateShort(v.meeting.startsAt, tz)),
        followUpId: v.followUp.id,
        version: v.followUp.version,
        isOpen: v.followUp.status === "open",
        dueInput: ids.due,
        commentInput: ids.comment,
        commentValue: typedComment?.followUpId === v.followUp.id ? typedComment.text : "",
      };
    }),
    more: total > items.length ? s.more(total - items.length) : "",
    doneButton: f.doneButton,
    postponeButton: f.postponeButton,
    postponeLabel: f.postponeLabel,
    postponeSubmit: f.postponeSubmit,
    commentButton: f.commentButton,
    commentLabel: f.commentLabel,
    commentSubmit: f.commentSubmit,
    commentPlaceholder: strings.generic.maxLengthHint(maxLength),
    minDate: today,
    datePlaceholder: strings.generic.datePlaceholder,
    maxLength,
    refreshButton: s.refresh,
  };
  return data;
}

/** As many follow-ups as fit in a Teams card, soonest due first; the rest are counted. */
export const buildMyTasksCard = (input: MyTasksCardInput): AdaptiveCard =>
  fitToBudget(input.items.length, Math.min(1, input.items.length), (n) => expand("my-tasks", myTasksCardData(input, n)));
