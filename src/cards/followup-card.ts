import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatInstantDateShort } from "../lib/format-da.js";
import type { FollowUpView, Person } from "../domain/types.js";
import { errorLine, type CardFeedback } from "./feedback.js";
import { followUpStatus } from "./followup-status.js";
import { kindDefinite } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface FollowUpCardData {
  heading: string;
  headingColor: string;
  title: string;
  text: string;
  notice: CardText;
  error: CardText;
  statusLabel: string;
  status: string;
  ownerLabel: string;
  owner: string;
  dueLabel: string;
  due: string;
  decisionLabel: string;
  decision: string;
  from: string;
  commentsHeading: string;
  comments: { by: string; text: string }[];
  followUpId: string;
  version: number;
  isOpen: boolean;
  isDone: boolean;
  canChange: boolean;
  doneButton: string;
  postponeButton: string;
  postponeLabel: string;
  postponeRequired: string;
  postponeSubmit: string;
  minDate: string;
  datePlaceholder: string;
  commentButton: string;
  commentLabel: string;
  commentRequired: string;
  commentSubmit: string;
  /** The comment as typed, when sending it was refused (too long, say): nothing typed is lost. */
  comment: string;
  commentPlaceholder: string;
  maxLength: number;
  reopenButton: string;
}

export type FollowUpHeading = "assigned" | "dueSoon" | "overdue" | "none";

export interface FollowUpCardInput {
  view: FollowUpView;
  viewer: Person;
  today: string;
  tz: string;
  maxLength: number;
  heading?: FollowUpHeading;
  feedback?: CardFeedback;
  typedComment?: string;
}

export function followUpCardData({ view, viewer, today, tz, maxLength, heading = "none", feedback, typedComment }: FollowUpCardInput): FollowUpCardData {
  const s = strings.followUp;
  const f = view.followUp;
  // The frist stands once, in its own field: neither the heading nor the status repeats it.
  const status = followUpStatus(f, today, tz, { withDue: false });
  const due = formatDateShort(f.dueDate);
  const headingText = {
    assigned: s.assignedHeading,
    dueSoon: f.dueDate === today ? s.dueTodayHeading : s.dueSoonHeading,
    overdue: f.dueDate < today ? s.overdueHeading : s.dueSoonHeading,
    none: "",
  }[heading];
  const data: FollowUpCardData = {
    heading: headingText,
    headingColor: heading === "overdue" || heading === "dueSoon" ? "Attention" : "Accent",
    title: s.title,
    text: f.text,
    notice: feedback?.notice ?? "",
    error: errorLine(feedback),
    statusLabel: s.status,
    status: status.text,
    ownerLabel: s.owner,
    owner: view.owner.name,
    dueLabel: s.due,
    due,
    decisionLabel: s.decision,
    decision: view.decisionText ?? "–",
    from: s.from(kindDefinite(view.meeting), formatInstantDateShort(view.meeting.startsAt, tz)),
    commentsHeading: s.comments,
    comments: view.comments.slice(-5).map((c) => ({ by: `${c.author.name}, ${formatInstantDateShort(c.at, tz)}`, text: c.text })),
    followUpId: f.id,
    version: f.version,
    isOpen: f.status === "open",
    isDone: f.status === "done",
    canChange: viewer.id === view.owner.id || viewer.id === view.meeting.chairId,
    doneButton: s.doneButton,
    postponeButton: s.postponeButton,
    postponeLabel: s.postponeLabel,
    postponeRequired: strings.generic.invalidDate,
    postponeSubmit: s.postponeSubmit,
    minDate: today,
    datePlaceholder: strings.generic.datePlaceholder,
    commentButton: s.commentButton,
    commentLabel: s.commentLabel,
    commentRequired: s.commentRequired,
    commentSubmit: s.commentSubmit,
    comment: typedComment ?? "",
    commentPlaceholder: strings.generic.maxLengthHint(maxLength),
    maxLength,
    reopenButton: s.reopenButton,
  };
  return data;
}

export const buildFollowUpCard = (input: FollowUpCardInput): AdaptiveCard => expand("followup", followUpCardData(input));
