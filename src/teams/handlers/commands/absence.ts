import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, command, type CommandScope } from "../../turn.js";
import { strings } from "../../../lib/strings.da.js";
import { formatDateLong, formatDateTime } from "../../../lib/format-da.js";
import { parseDanishDate } from "../../../lib/danish-date.js";
import { addDays } from "../../../lib/zoned-time.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { AppError } from "../../../lib/errors.js";
import { md } from "../../../lib/markup.js";

/** `fraværende til i morgen`, `fraværende til og med 12/1`, `fraværende slut`, or `fraværende` alone (how it stands). */
export const absencePattern = /^\s*(?:<at>[^<]*<\/at>\s*)?fra(?:v|væ|vae)rende\b\s*(.*)$/i;

/** The stored date is the first day back: reminders wait until that day begins. */
const argument = z.union([
  z.object({ action: z.literal("status") }),
  z.object({ action: z.literal("end") }),
  z.object({ action: z.literal("set"), backOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
]);

/**
 * «til X» (and «indtil», «frem til»): back on X. «til og med X», or a bare date («fraværende
 * fredag»): X is the last day away, so back the day after.
 */
function parse(rest: string, today: string): z.infer<typeof argument> {
  const r = rest.normalize("NFC").trim().replace(/\s+/g, " ").replace(/[.!?]+$/, "");
  if (r === "" || /^(?:til|indtil|til og med)$/i.test(r)) return { action: "status" };
  if (/^(?:slut|stop|ophør|ophoer|ingen|tilbage)$/i.test(r)) return { action: "end" };
  const m = /^(til og med|t\.o\.m\.?|indtil|frem til|til)\s+(.+)$/i.exec(r);
  const through = !m || /og med|t\.o\.m/i.test(m[1]!);
  const date = parseDanishDate(m ? m[2]! : r, today);
  const parsed = argument.safeParse({ action: "set", backOn: date && (through ? addDays(date, 1) : date) });
  // Never an echo of what was typed: a fragment of it would only confuse.
  if (!parsed.success) throw new AppError("invalid-input", strings.preferences.absentBadDate);
  return parsed.data;
}

export const absence = (deps: TeamsDeps, _views: unknown, scopes: readonly CommandScope[]) =>
  command(
    deps,
    "absence",
    async (t) => {
      const text = String(t.context.activity.text ?? "");
      const arg = parse(absencePattern.exec(text)?.[1] ?? "", t.today);
      const s = strings.preferences;
      if (arg.action === "status") {
        const prefs = await deps.preferences.get(t.actor);
        const away = prefs.absentUntil && prefs.absentUntil > t.today;
        return buildNoticeCard(md`${away ? s.absentStatus(formatDateLong(addDays(prefs.absentUntil!, -1))) : s.absentNone} ${s.absentUsage}`);
      }
      if (arg.action === "end") {
        const { effects } = await deps.preferences.setAbsence(t.actor, undefined);
        return answer(buildNoticeCard(s.absentCleared), effects);
      }
      const { resumesAt, effects } = await deps.preferences.setAbsence(t.actor, arg.backOn);
      return answer(buildNoticeCard(s.absentSet(formatDateLong(addDays(arg.backOn, -1)), formatDateTime(resumesAt!, deps.config.timezone))), effects);
    },
    { scopes },
  );
