import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, command } from "../../turn.js";
import { strings } from "../../../lib/strings.da.js";
import { formatDateLong, formatDateShort, formatDateTime, parseDanishDate } from "../../../lib/format-da.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { AppError } from "../../../lib/errors.js";
import { md } from "../../../lib/markup.js";

/** `fraværende til 12.01.2027`, `fraværende slut`, or `fraværende` alone (how it stands). */
export const absencePattern = /^\s*fra(?:v|væ|vae)rende\b\s*(.*)$/i;

const argument = z.union([
  z.object({ action: z.literal("status") }),
  z.object({ action: z.literal("end") }),
  z.object({ action: z.literal("set"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
]);

function parse(rest: string): z.infer<typeof argument> {
  const r = rest.trim().replace(/\s+/g, " ");
  if (r === "" || /^til( og med)?$/i.test(r)) return { action: "status" };
  if (/^(slut|stop|ophør|ophoer|ingen|tilbage)$/i.test(r)) return { action: "end" };
  const m = /^(?:til(?: og med)?\s+)?(\S+)$/i.exec(r);
  const date = m ? parseDanishDate(m[1]!) : undefined;
  const parsed = argument.safeParse({ action: "set", date });
  if (!parsed.success) throw new AppError("invalid-input", md`${strings.preferences.absentBadDate((m?.[1] ?? r).slice(0, 40))} ${strings.preferences.absentUsage}`);
  return parsed.data;
}

export const absence = (deps: TeamsDeps) =>
  command(deps, "absence", async (t) => {
    const text = String(t.context.activity.text ?? "");
    const arg = parse(absencePattern.exec(text)?.[1] ?? "");
    const s = strings.preferences;
    if (arg.action === "status") {
      const prefs = await deps.preferences.get(t.actor);
      const away = prefs.absentUntil && prefs.absentUntil > t.today;
      return buildNoticeCard(md`${away ? s.absentStatus(formatDateShort(prefs.absentUntil!)) : s.absentNone} ${s.absentUsage}`);
    }
    if (arg.action === "end") {
      const { effects } = await deps.preferences.setAbsence(t.actor, undefined);
      return answer(buildNoticeCard(s.absentCleared), effects);
    }
    const { resumesAt, effects } = await deps.preferences.setAbsence(t.actor, arg.date);
    return answer(buildNoticeCard(s.absentSet(formatDateLong(arg.date), formatDateTime(resumesAt!, deps.config.timezone))), effects);
  });
