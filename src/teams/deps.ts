import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Clock } from "../domain/ports.js";
import type { FollowUpService } from "../domain/followup-service.js";
import type { FormService } from "../domain/form-service.js";
import type { MeetingService } from "../domain/meeting-service.js";
import type { PeopleService } from "../domain/people-service.js";
import type { ReflectionService } from "../domain/reflection-service.js";
import type { RateLimit } from "../lib/rate-limit.js";
import type { DomainServices } from "../domain/services.js";
import type { ChannelLink } from "../domain/types.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { ActivityClaims } from "./activity-claim.js";
import type { CardCopies } from "./card-copies.js";

/** What Teams handlers may use: domain services, settings, the clock and a logger. */
export interface TeamsDeps {
  config: Config;
  log: Logger;
  clock: Clock;
  people: PeopleService;
  meetings: MeetingService;
  reflections: ReflectionService;
  forms: FormService;
  followUps: FollowUpService;
  focusAreas: DomainServices["focusAreas"];
  boardStatements: DomainServices["boardStatements"];
  boardReports: DomainServices["boardReports"];
  evaluations: DomainServices["evaluations"];
  congestion: DomainServices["congestion"];
  initiatives: DomainServices["initiatives"];
  loopSummaries: DomainServices["loopSummaries"];
  yearWheels: DomainServices["yearWheels"];
  digests: DomainServices["digests"];
  preferences: DomainServices["preferences"];
  channels: DomainServices["channels"];
  downloads: DomainServices["downloads"];
  /** «Føj til kalender»: the single-use links to .ics files (CALENDAR_SYNC=link). */
  calendars: DomainServices["calendars"];
  /** Who cannot be reached, and what their chair is told (the «kan ikke nås» notice). */
  reach: DomainServices["reach"];
  /** The links of people outside Teams to a meeting's page, for its chair (decision 0025). */
  guestLinks: DomainServices["guestLinks"];
  /** «send nu»: registered only in local anonymous mode. */
  trial: DomainServices["trial"];
  /**
   * Posts a card in the person's personal chat with the bot. Throws a Danish AppError before
   * building the card if there is no such chat (so nothing is made for a card that cannot go).
   */
  sendToPerson(personId: string, card: () => Promise<AdaptiveCard>): Promise<void>;
  /** Posts or updates a linked channel's status card now (after linking). */
  publishChannelStatus(link: ChannelLink): Promise<unknown>;
  /** Replaces an unlinked area's status card with a note that the channel no longer follows it. */
  retireChannelStatus(link: ChannelLink, areaName: string): Promise<void>;
  /** Which activities were handled (or are being handled, by which attempt), and their answers. */
  activityLog: ActivityClaims;
  /** Per person: a few dozen commands and clicks a minute, so nobody can keep the bot from serving others. */
  actionLimit: RateLimit;
  /**
   * Posted cards kept up to date: the wrappers in turn.ts record the cards they post or replace and
   * apply the effects a handler's domain call returned (handlers never do either themselves).
   */
  cardCopies: CardCopies;
}
