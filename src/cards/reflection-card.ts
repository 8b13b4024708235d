import { md, type CardText, type Markup } from "../lib/markup.js";
import { kindLabel } from "./meeting-labels.js";
import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import type { ReflectionView } from "../domain/reflection-service.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReflectionCardData {
  title: string;
  subtitle: string;
  notice: CardText;
  error: CardText;
  intro: string;
  editing: boolean;
  canEdit: boolean;
  maxLength: number;
  lengthHint: string;
  /** `dataLink`: the unit's datapakke beside the question about it (input A), or "". */
  questions: { label: Markup; help: string; inputId: string; answer: string; answerShown: string; error: string; dataLink: string }[];
  datapakkeButton: string;
  /** Answered with «Intet nyt»: this line instead of the questions. */
  nothingNewShown: string;
  /** «Intet nyt» button (a 1:1 guide with nothing required), while the form is shown. */
  nothingNewButton: string;
  nothingNewHint: string;
  status: string;
  privacy: string;
  sendButton: string;
  editButton: string;
  meetingId: string;
  version: number;
}

/** The input id of a question in the card. */
export const questionInputId = (questionId: string): string => `q_${questionId}`;

export interface ReflectionCardInput {
  view: ReflectionView;
  tz: string;
  maxLength: number;
  /** Show the form (first fill, or the author chose to edit, or a send failed). */
  editing?: boolean;
  /** What the person typed, kept when a send is refused. */
  typed?: Record<string, string>;
  feedback?: CardFeedback;
}

export function reflectionCardData({ view, tz, maxLength, editing, typed, feedback }: ReflectionCardInput): ReflectionCardData {
  const s = strings.reflection;
  const r = view.reflection;
  const sent = r?.status === "sent";
  const nothingNew = sent && r.nothingNew;
  const isEditing = view.editable && (editing ?? !sent);
  let status = "";
  if (sent && r?.sentAt) status = `${s.sentAt(formatDateTime(r.sentAt, tz))} ${view.editable ? s.editableUntil(meetingWhen(view.meeting, tz)) : ""}`.trim();
  else if (!view.viewerIsAuthor) status = s.onlyAuthorBeforeSent;
  else if (!view.editable) status = s.lockedStarted;
  const data: ReflectionCardData = {
    title: s.title(kindLabel(view.meeting)),
    subtitle: `${view.viewerIsAuthor ? "" : `${view.everyone ? s.authorWithRole(view.author.name, strings.meeting.roles[view.authorRole]) : s.authorHeading(view.author.name)} · `}${meetingWhen(view.meeting, tz)}`,
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    // «skal besvares» is explained only where something is required.
    intro: view.questions.some((q) => q.required) ? `${view.intro} ${s.intro}` : view.intro,
    editing: isEditing,
    canEdit: view.editable && sent,
    maxLength,
    lengthHint: strings.generic.maxLengthHint(maxLength),
    questions: nothingNew && !isEditing ? [] : view.questions.map((q) => {
      const answer = typed?.[q.id] ?? r?.answers[q.id] ?? "";
      return {
        label: md`**${q.source ? `${q.source}. ${q.text}` : q.text}** ${q.required ? strings.generic.requiredMark : strings.generic.optionalMark}`,
        help: q.help,
        inputId: questionInputId(q.id),
        answer,
        answerShown: r && !r.nothingNew ? (r.answers[q.id] ?? "–") : "",
        error: fieldError(feedback, q.id),
        // An address, not people's text: the template puts it in an Action.OpenUrl, which is no Markdown.
        // Beside the question the domain names (input A of the author's set), nowhere else.
        dataLink: q.id === view.datapakke?.questionId ? view.datapakke.url : "",
      };
    }),
    datapakkeButton: strings.timing.datapakkeButton,
    nothingNewShown: nothingNew && !isEditing ? s.nothingNewShown : "",
    nothingNewButton: isEditing && view.nothingNewOffered ? s.nothingNew : "",
    nothingNewHint: isEditing && view.nothingNewOffered ? s.nothingNewHint : "",
    status,
    privacy: view.viewerIsAuthor && view.other ? s.privacy(view.other.name) : s.privacyOther,
    sendButton: sent ? s.saveChanges : s.send,
    editButton: s.edit,
    meetingId: view.meeting.id,
    version: r?.version ?? 0,
  };
  return data;
}

export const buildReflectionCard = (input: ReflectionCardInput): AdaptiveCard => expand("reflection", reflectionCardData(input));
