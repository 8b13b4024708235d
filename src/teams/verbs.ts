/**
 * Every Action.Execute verb the bot handles. Card templates use the same strings; a test fails
 * when a template names a verb that is not here or not registered.
 */
export const verbs = {
  helpOpen: "help.open",
  scheduleOpen: "schedule.open",
  scheduleSubmit: "schedule.submit",
  meetingsOpen: "meetings.open",
  tasksOpen: "tasks.open",
  agendaOpen: "agenda.open",
  agendaAddTopic: "agenda.addTopic",
  reflectionOpen: "reflection.open",
  reflectionEdit: "reflection.edit",
  reflectionSend: "reflection.send",
  formOpen: "form.open",
  formSave: "form.save",
  formClose: "form.close",
  referatOpen: "referat.open",
  followUpDone: "followup.done",
  followUpReopen: "followup.reopen",
  followUpPostpone: "followup.postpone",
  followUpComment: "followup.comment",
  followUpReassign: "followup.reassign",
  yearWheelOpen: "yearwheel.open",
  yearWheelMove: "yearwheel.move",
  yearWheelConfirm: "yearwheel.confirm",
  focusOpen: "focus.open",
  focusSave: "focus.save",
  boardSend: "board.send",
  evaluationExtend: "evaluation.extend",
  evaluationEnd: "evaluation.end",
  evaluationNext: "evaluation.next",
  reminderSnooze: "reminder.snooze",
  meetingCancel: "meeting.cancel",
  channelLink: "channel.link",
  channelUnlink: "channel.unlink",
  channelUnit: "channel.unit",
  channelExport: "channel.export",
  preferencesOpen: "preferences.open",
  preferencesSave: "preferences.save",
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
