import type { PreferenceRepository } from "../domain/ports.js";
import { REMINDER_GROUP_NAMES, type Preferences, type ReminderGroup } from "../domain/reminder-preferences.js";
import { chunked } from "./chunked.js";
import type { Db } from "./prisma-client.js";

export function toPreferences(r: { absentUntil: string | null; muted: string; digestTime: string | null } | null): Preferences {
  if (!r) return { muted: [] };
  return {
    absentUntil: r.absentUntil ?? undefined,
    // A group this version does not know (a file edited by hand, an older release) is ignored.
    muted: r.muted.split(",").filter((g): g is ReminderGroup => (REMINDER_GROUP_NAMES as string[]).includes(g)),
    digestTime: r.digestTime ?? undefined,
  };
}

export function createPreferenceRepository(db: Db): PreferenceRepository {
  return {
    async get(personId) {
      return toPreferences(await db.preference.findUnique({ where: { personId } }));
    },
    async getMany(personIds) {
      const unique = [...new Set(personIds)];
      const found = new Map<string, Preferences>(unique.map((id) => [id, toPreferences(null)]));
      for (const ids of chunked(unique)) for (const r of await db.preference.findMany({ where: { personId: { in: ids } } })) found.set(r.personId, toPreferences(r));
      return found;
    },
    async save(personId, patch) {
      const data = {
        ...(patch.absentUntil !== undefined ? { absentUntil: patch.absentUntil } : {}),
        ...(patch.muted !== undefined ? { muted: [...new Set(patch.muted)].sort().join(",") } : {}),
        ...(patch.digestTime !== undefined ? { digestTime: patch.digestTime } : {}),
      };
      return toPreferences(await db.preference.upsert({ where: { personId }, create: { personId, ...data }, update: data }));
    },
  };
}
