/**
 * Sizes that keep every card under Teams' 28 KB and keep the form a one-screen tool.
 * A decision is a few sentences; a follow-up is one line with an owner and a date.
 */
export const limits = {
  decisionText: 500,
  followUpText: 300,
  topicTitle: 200,
  decisionsPerMeeting: 12,
} as const;
