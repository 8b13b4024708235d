import { localDateOf } from "../lib/zoned-time.js";
import { congestionRows } from "./notification-keys.js";
import type { Clock, FocusAreaRepository, InitiativeRepository, NotificationRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Unit } from "./types.js";

/**
 * What weighs on a unit (docs/decisions/0020-what-weighs-on-a-unit.md): its active local focus
 * areas, the forvaltning's initiatives that apply to it, and the open agreements of its
 * læringssamtaler, against its ceiling. A 1:1's own follow-ups are not counted: a count that
 * moved with them would tell others what only the 1:1's two people know.
 */
export interface IntentionLoad {
  unitId: string;
  unitName: string;
  count: number;
  ceiling: number;
  over: boolean;
  focusAreas: number;
  initiatives: number;
  agreements: number;
}

export type CongestionService = ReturnType<typeof createCongestionService>;

/**
 * Intentionstrængsel (seed 004): too many intentions at once is itself a signal, and reducing them
 * is the forvaltning's duty. Adding beyond the ceiling is allowed; the unit is flagged and its
 * chiefs are told once each time it goes over; the load is shown to the unit's chiefs only (the
 * chief hears it first and takes it up with the leader). The flag clears when the unit is back under.
 */
export function createCongestionService(deps: {
  units: UnitRepository;
  focusAreas: FocusAreaRepository;
  initiatives: InitiativeRepository;
  notifications: NotificationRepository;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { units, focusAreas, initiatives, notifications, clock, settings } = deps;
  const today = () => localDateOf(clock.now(), settings.timezone);

  /** The unit's load, and whether it is flagged now. */
  async function measure(unitId: string): Promise<{ load: IntentionLoad; flagged: boolean } | undefined> {
    // The unit and its three counts in one statement (decision 0007: every congestion card).
    const loaded = await units.withLoad(unitId, today());
    if (!loaded) return undefined;
    const { unit, agreements, focusAreas: focus, initiatives: weighing } = loaded;
    const count = agreements + focus + weighing;
    const ceiling = unit.intentionCeiling ?? settings.intentionCeiling;
    return {
      load: { unitId, unitName: unit.name, count, ceiling, over: count > ceiling, focusAreas: focus, initiatives: weighing, agreements },
      flagged: unit.congestedSince !== undefined,
    };
  }

  /** The load for a card: only a chief of the unit sees it (undefined for anyone else). */
  async function shownTo(viewerId: string, load: IntentionLoad | undefined): Promise<IntentionLoad | undefined> {
    if (!load) return undefined;
    // The chiefs alone (one statement): the unit itself was read for the load.
    return (await units.chiefIds(load.unitId)).includes(viewerId) ? load : undefined;
  }

  /**
   * Flags/unflags the unit and tells the chiefs on a new flag. A unit already as it should be is
   * not written to (the flag is set and cleared by conditional writes, so a unit flagged
   * meanwhile by another change still tells once). Returns how many rows it offered the outbox.
   */
  async function settle(unitId: string, over: boolean, flagged: boolean): Promise<number> {
    const now = clock.now();
    if (over && !flagged && (await units.setCongested(unitId, now))) {
      const rows = congestionRows(unitId, now, await units.chiefIds(unitId), settings.calendar, now);
      await notifications.plan(rows, now);
      return rows.length;
    }
    if (!over && flagged) await units.setCongested(unitId, null);
    return 0;
  }

  /** Counts the unit's load no further than one past its ceiling, and flags/unflags it. */
  async function settleFlag(unit: Unit): Promise<number> {
    const ceiling = unit.intentionCeiling ?? settings.intentionCeiling;
    let count = await units.countOpenFollowUps(unit.id, ceiling + 1);
    if (count <= ceiling) count += await focusAreas.countActive(unit.id, ceiling + 1 - count);
    if (count <= ceiling) count += await initiatives.countForUnit(unit.id, unit.areaId, today(), ceiling + 1 - count);
    return settle(unit.id, count > ceiling, unit.congestedSince !== undefined);
  }

  return {
    /**
     * The unit's load, for the person who is to see it: only a chief of the unit is given it
     * (undefined for anyone else). The viewer is required, so no caller can show it to a leader.
     */
    load: async (unitId: string, viewerId: string): Promise<IntentionLoad | undefined> => shownTo(viewerId, (await measure(unitId))?.load),

    /**
     * Re-evaluates the unit after a change: its load for the card the viewer sees (only a chief of
     * the unit is shown it), and the rows offered the outbox.
     */
    async check(unitId: string, viewerId: string): Promise<{ load?: IntentionLoad; planned: number }> {
      const m = await measure(unitId);
      if (!m) return { planned: 0 };
      const planned = await settle(unitId, m.load.over, m.flagged);
      return { load: await shownTo(viewerId, m.load), planned };
    },

    /**
     * The same re-evaluation when nobody is shown the load: whether the unit is over its ceiling
     * needs counting no further than one past it (a unit with thousands open costs no more).
     * Returns how many rows it offered the outbox.
     */
    async checkFlag(unitId: string): Promise<number> {
      const unit = await units.get(unitId);
      if (!unit) return 0;
      return settleFlag(unit);
    },

    /**
     * The re-evaluation after a follow-up of `meeting` was marked done, which can only lower the
     * unit's load (the writing click's path, decision 0031): a 1:1's follow-ups are not counted,
     * so nothing is read; a unit that is not flagged stays unflagged, so it is not counted; a
     * flagged one is counted as `checkFlag` does and cleared when it is back under. A unit over its
     * ceiling but not yet flagged (its ceiling lowered in the organisation file) is flagged by the
     * next change that checks with `checkFlag`. Returns how many rows it offered the outbox.
     */
    async checkFlagAfterDone(meeting: { unitId: string; kind: string }): Promise<number> {
      if (meeting.kind !== "laeringssamtale") return 0;
      const unit = await units.get(meeting.unitId);
      if (!unit || unit.congestedSince === undefined) return 0;
      return settleFlag(unit);
    },
  };
}
