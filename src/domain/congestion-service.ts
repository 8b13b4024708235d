import { congestionRows } from "./notification-keys.js";
import type { Clock, FocusAreaRepository, NotificationRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";

/** How full a unit's plate is: open follow-ups plus active focus areas, against its ceiling. */
export interface IntentionLoad {
  unitId: string;
  unitName: string;
  count: number;
  ceiling: number;
  over: boolean;
}

export type CongestionService = ReturnType<typeof createCongestionService>;

/**
 * Intentionstrængsel (seed 004): too many open intentions at once is itself a signal. Adding
 * beyond the ceiling is allowed; the card says so and the unit is flagged for the chief, who is
 * told once each time the unit goes over. The flag clears when the unit is back under.
 */
export function createCongestionService(deps: { units: UnitRepository; focusAreas: FocusAreaRepository; notifications: NotificationRepository; clock: Clock; settings: DomainSettings }) {
  const { units, focusAreas, notifications, clock, settings } = deps;

  /** The unit's load, and whether it is flagged now. */
  async function measure(unitId: string): Promise<{ load: IntentionLoad; flagged: boolean } | undefined> {
    const unit = await units.get(unitId);
    if (!unit) return undefined;
    const count = (await units.countOpenFollowUps(unitId)) + (await focusAreas.countActive(unitId));
    const ceiling = unit.intentionCeiling ?? settings.intentionCeiling;
    return { load: { unitId, unitName: unit.name, count, ceiling, over: count > ceiling }, flagged: unit.congestedSince !== undefined };
  }

  /**
   * Flags/unflags the unit and tells the chiefs on a new flag. A unit already as it should be is
   * not written to (the flag is set and cleared by conditional writes, so a unit flagged
   * meanwhile by another change still tells once). Returns how many rows it offered the outbox.
   */
  async function settle(unitId: string, over: boolean, flagged: boolean): Promise<number> {
    const now = clock.now();
    if (over && !flagged && (await units.setCongested(unitId, now))) {
      const roster = await units.roster(unitId);
      const rows = congestionRows(unitId, now, roster?.chiefIds ?? [], settings.calendar, now);
      await notifications.plan(rows, now);
      return rows.length;
    }
    if (!over && flagged) await units.setCongested(unitId, null);
    return 0;
  }

  return {
    load: async (unitId: string): Promise<IntentionLoad | undefined> => (await measure(unitId))?.load,

    /** Re-evaluates the unit after a change: its load (for a card that shows it), and the rows offered the outbox. */
    async check(unitId: string): Promise<{ load?: IntentionLoad; planned: number }> {
      const m = await measure(unitId);
      if (!m) return { planned: 0 };
      return { load: m.load, planned: await settle(unitId, m.load.over, m.flagged) };
    },

    /**
     * The same re-evaluation when nobody is shown the load: whether the unit is over its ceiling
     * needs counting no further than one past it (a unit with thousands open costs no more).
     * Returns how many rows it offered the outbox.
     */
    async checkFlag(unitId: string): Promise<number> {
      const unit = await units.get(unitId);
      if (!unit) return 0;
      const ceiling = unit.intentionCeiling ?? settings.intentionCeiling;
      const open = await units.countOpenFollowUps(unitId, ceiling + 1);
      const count = open > ceiling ? open : open + (await focusAreas.countActive(unitId, ceiling + 1 - open));
      return settle(unitId, count > ceiling, unit.congestedSince !== undefined);
    },
  };
}
