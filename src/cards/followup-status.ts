import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatInstantDateShort } from "../lib/format-da.js";
import type { FollowUp } from "../domain/types.js";

/**
 * How a follow-up's state reads in a card, and its colour. Lists name the frist with the state;
 * a card that shows the frist as a field of its own passes `withDue: false`, so it stands once.
 */
export function followUpStatus(f: FollowUp, today: string, tz: string, opts: { withDue?: boolean } = {}): { text: string; color: "Default" | "Attention" | "Warning" | "Good" } {
  const s = strings.followUp;
  const due = opts.withDue === false ? "" : ` (${s.due.toLowerCase()} ${formatDateShort(f.dueDate)})`;
  if (f.status === "done") return { text: s.doneOn(f.doneAt ? formatInstantDateShort(f.doneAt, tz) : ""), color: "Good" };
  if (f.status === "cancelled") return { text: s.cancelled, color: "Default" };
  if (f.dueDate < today) return { text: `${s.overdue}${due}`, color: "Attention" };
  if (f.dueDate === today) return { text: s.dueToday, color: "Warning" };
  return { text: `${s.open}${due}`, color: "Default" };
}
