import type { NotificationRepository, PeopleRepository } from "./ports.js";

/**
 * The outbox as the domain plans into it: a row for a person outside Teams (aadObjectId null) is
 * never stored, whoever plans it (the dagsorden, a guide, a reminder, a follow-up's, a referat).
 * Such a person is reached through their guest link instead (docs/decisions/0025), so nothing
 * waits for them and nobody is told they cannot be reached.
 */
export function teamsOnlyOutbox(notifications: NotificationRepository, people: Pick<PeopleRepository, "externalIds">): NotificationRepository {
  return {
    ...notifications,
    async plan(rows, now) {
      if (rows.length === 0) return notifications.plan(rows, now);
      const external = await people.externalIds([...new Set(rows.map((r) => r.personId))]);
      return notifications.plan(external.size === 0 ? rows : rows.filter((r) => !external.has(r.personId)), now);
    },
  };
}
