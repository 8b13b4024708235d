import type { Application } from "@microsoft/teams-ai";
import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { verbs, type Verb } from "../../verbs.js";
import { agendaAddTopic } from "./agenda-add-topic.js";
import { agendaIndstilling } from "./agenda-indstilling.js";
import { agendaOpen } from "./agenda-open.js";
import { adHocAdd } from "./adhoc-add.js";
import { adHocOpen } from "./adhoc-open.js";
import { adHocRemove } from "./adhoc-remove.js";
import { guestLinksOpen } from "./guest-links-open.js";
import { guestLinksRenew } from "./guest-links-renew.js";
import { guestLinksRevoke } from "./guest-links-revoke.js";
import { followUpComment } from "./followup-comment.js";
import { followUpDone } from "./followup-done.js";
import { followUpPostpone } from "./followup-postpone.js";
import { followUpReassign } from "./followup-reassign.js";
import { followUpReopen } from "./followup-reopen.js";
import { formClose, formSave } from "./form-save.js";
import { formOpen } from "./form-open.js";
import { helpOpen } from "./help-open.js";
import { commandOpen } from "./command-open.js";
import { meetingsOpen } from "./meetings-open.js";
import { referatOpen } from "./referat-open.js";
import { referatApprove } from "./referat-approve.js";
import { referatRemark } from "./referat-remark.js";
import { reflectionEdit } from "./reflection-edit.js";
import { reflectionOpen } from "./reflection-open.js";
import { reflectionSend } from "./reflection-send.js";
import { reflectionNothingNew } from "./reflection-nothing-new.js";
import { scheduleOpen } from "./schedule-open.js";
import { scheduleSubmit } from "./schedule-submit.js";
import { tasksOpen } from "./tasks-open.js";
import { boardSend } from "./board-send.js";
import { boardChoose } from "./board-choose.js";
import { boardReportSend } from "./board-report-send.js";
import { evaluationEnd, evaluationExtend, evaluationNext } from "./evaluation-action.js";
import { focusOpen } from "./focus-open.js";
import { focusSave } from "./focus-save.js";
import { focusPropose } from "./focus-propose.js";
import { initiativeSave } from "./initiative-save.js";
import { initiativeEnd } from "./initiative-end.js";
import { yearWheelCancel } from "./year-wheel-cancel.js";
import { yearWheelConfirm } from "./year-wheel-confirm.js";
import { yearWheelConfirmOwn } from "./year-wheel-confirm-own.js";
import { yearWheelMove } from "./year-wheel-move.js";
import { yearWheelOpen } from "./year-wheel-open.js";
import { reminderSnooze } from "./reminder-snooze.js";
import { meetingCancel } from "./meeting-cancel.js";
import { meetingReopen } from "./meeting-reopen.js";
import { channelLink, channelUnlink } from "./channel-link.js";
import { channelUnit } from "./channel-unit.js";
import { channelExport } from "./channel-export.js";
import { calendarFile } from "./calendar-file.js";
import { referatPdf } from "./referat-pdf.js";
import { guestLinkMail } from "./guest-link-mail.js";
import { unknownInvoke } from "./unknown-invoke.js";
import { preferencesOpen } from "./preferences-open.js";
import { preferencesSave } from "./preferences-save.js";

type Factory = (deps: TeamsDeps, views: Views) => Parameters<Application["adaptiveCards"]["actionExecute"]>[1];

/** Verb → handler. Typed over every verb, so adding a verb without a handler does not compile. */
export const actionHandlers: Record<Verb, Factory> = {
  [verbs.helpOpen]: helpOpen,
  [verbs.commandOpen]: commandOpen,
  [verbs.scheduleOpen]: scheduleOpen,
  [verbs.scheduleSubmit]: scheduleSubmit,
  [verbs.meetingsOpen]: meetingsOpen,
  [verbs.tasksOpen]: tasksOpen,
  [verbs.agendaOpen]: agendaOpen,
  [verbs.agendaAddTopic]: agendaAddTopic,
  [verbs.agendaIndstilling]: agendaIndstilling,
  [verbs.adHocOpen]: adHocOpen,
  [verbs.adHocAdd]: adHocAdd,
  [verbs.adHocRemove]: adHocRemove,
  [verbs.guestLinksOpen]: guestLinksOpen,
  [verbs.guestLinksRevoke]: guestLinksRevoke,
  [verbs.guestLinksRenew]: guestLinksRenew,
  [verbs.reflectionOpen]: reflectionOpen,
  [verbs.reflectionEdit]: reflectionEdit,
  [verbs.reflectionSend]: reflectionSend,
  [verbs.reflectionNothingNew]: reflectionNothingNew,
  [verbs.formOpen]: formOpen,
  [verbs.formSave]: formSave,
  [verbs.formClose]: formClose,
  [verbs.referatOpen]: referatOpen,
  [verbs.referatApprove]: referatApprove,
  [verbs.referatRemark]: referatRemark,
  [verbs.referatPdf]: referatPdf,
  [verbs.followUpDone]: followUpDone,
  [verbs.followUpReopen]: followUpReopen,
  [verbs.followUpPostpone]: followUpPostpone,
  [verbs.followUpComment]: followUpComment,
  [verbs.followUpReassign]: followUpReassign,
  [verbs.yearWheelOpen]: yearWheelOpen,
  [verbs.yearWheelMove]: yearWheelMove,
  [verbs.yearWheelConfirm]: yearWheelConfirm,
  [verbs.yearWheelConfirmOwn]: yearWheelConfirmOwn,
  [verbs.yearWheelCancel]: yearWheelCancel,
  [verbs.focusOpen]: focusOpen,
  [verbs.focusSave]: focusSave,
  [verbs.focusPropose]: focusPropose,
  [verbs.initiativeSave]: initiativeSave,
  [verbs.initiativeEnd]: initiativeEnd,
  [verbs.boardSend]: boardSend,
  [verbs.boardChoose]: boardChoose,
  [verbs.boardReportSend]: boardReportSend,
  [verbs.evaluationExtend]: evaluationExtend,
  [verbs.evaluationEnd]: evaluationEnd,
  [verbs.evaluationNext]: evaluationNext,
  [verbs.reminderSnooze]: reminderSnooze,
  [verbs.meetingCancel]: meetingCancel,
  [verbs.meetingReopen]: meetingReopen,
  [verbs.channelLink]: channelLink,
  [verbs.channelUnlink]: channelUnlink,
  [verbs.channelUnit]: channelUnit,
  [verbs.channelExport]: channelExport,
  [verbs.preferencesOpen]: preferencesOpen,
  [verbs.preferencesSave]: preferencesSave,
  [verbs.calendarFile]: calendarFile,
  [verbs.guestLinkMail]: guestLinkMail,
};

export function register(app: Application, deps: TeamsDeps, views: Views): void {
  for (const [verb, factory] of Object.entries(actionHandlers)) app.adaptiveCards.actionExecute(verb, factory(deps, views));
  // Routes match in order: this one only gets the invokes none of the above took.
  app.activity("invoke", unknownInvoke(deps));
}
