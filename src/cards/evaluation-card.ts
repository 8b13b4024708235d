import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import { addDays } from "../lib/zoned-time.js";
import type { EvaluationView } from "../domain/evaluation-service.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface EvaluationCardInput {
  view: EvaluationView;
  today: string;
  feedback?: CardFeedback;
}

/** The solnedgangsklausul card: forlæng, afslut or evaluér på næste møde. */
export function evaluationCardData({ view, today, feedback }: EvaluationCardInput) {
  const s = strings.evaluation;
  const date = view.evaluateOn ? formatDateShort(view.evaluateOn) : "–";
  const open = view.state === "open";
  return {
    title: view.due ? s.title : s.titlePending,
    notice: feedback?.notice ?? "",
    warning: "",
    error: feedback?.error ?? "",
    intro: open ? (view.subject === "followup" ? s.followUpIntro(date) : view.subject === "focus" ? s.focusIntro(date) : s.initiativeIntro(date)) : "",
    subjectLabel: view.subject === "followup" ? s.subjectFollowUp : view.subject === "focus" ? s.subjectFocus : s.subjectInitiative,
    text: view.text,
    evaluateLabel: s.evaluateOn,
    evaluateOn: date,
    state: !open ? s.closedState(view.state === "done" ? s.stateDone : s.stateEnded) : view.evaluateAtNextMeeting ? s.markedNext : "",
    open,
    // An initiative is not on any meeting's agenda: forlæng or afslut only.
    marked: view.evaluateAtNextMeeting || view.subject === "initiative",
    extendButton: s.extendButton,
    extendLabel: s.extendLabel,
    extendSubmit: s.extendSubmit,
    minDate: addDays(today, 1),
    datePlaceholder: strings.generic.datePlaceholder,
    dateError: fieldError(feedback, "newEvaluateOn"),
    endButton: s.endButton,
    nextButton: s.nextButton,
    subject: view.subject,
    id: view.id,
    version: view.version,
  };
}

export const buildEvaluationCard = (input: EvaluationCardInput): AdaptiveCard => expand("evaluation", evaluationCardData(input));
