import { createBoardStatementService } from "./board-statement-service.js";
import { createBoardReportService } from "./board-report-service.js";
import { createCongestionService } from "./congestion-service.js";
import { createEvaluationService } from "./evaluation-service.js";
import { createFocusAreaService } from "./focus-area-service.js";
import { createInitiativeService } from "./initiative-service.js";
import { createLoopSummaryService } from "./loop-summary-service.js";
import { createFollowUpService } from "./followup-service.js";
import { createFormService } from "./form-service.js";
import { createMeetingService } from "./meeting-service.js";
import { createPeopleService } from "./people-service.js";
import type {
  AppInstaller,
  BoardReportRepository,
  BoardStatementRepository,
  ReferatApprovalRepository,
  GuestLinkRepository,
  Clock,
  ConversationRepository,
  FocusAreaRepository,
  InitiativeRepository,
  FollowUpRepository,
  FormRepository,
  LoopRepository,
  MeetingRepository,
  NotificationRepository,
  PeopleRepository,
  PreferenceRepository,
  ChannelLinkRepository,
  AreaStatusRepository,
  DownloadTokenRepository,
  CalendarRepository,
  CalendarEventRepository,
  CalendarGateway,
  Logger,
  MailGateway,
  ReflectionRepository,
  SentCardRepository,
  UnitRepository,
  YearWheelRepository,
} from "./ports.js";
import { createReachService } from "./reach-service.js";
import { createReferatApprovalService } from "./referat-approval-service.js";
import { teamsOnlyOutbox } from "./teams-only-outbox.js";
import { createGuestLinkService } from "./guest-link-service.js";
import { createGuestLinkMailService } from "./guest-link-mail-service.js";
import { createReflectionService } from "./reflection-service.js";
import { createDigestService } from "./digest-service.js";
import { createPreferenceService } from "./preference-service.js";
import { createChannelService } from "./channel-service.js";
import { createCalendarService } from "./calendar-service.js";
import { createCalendarSyncService } from "./calendar-sync-service.js";
import { createOutlookBusyTimes } from "./outlook-busy-times.js";
import { createDownloadService } from "./download-service.js";
import { createReferatFileService } from "./referat-file-service.js";
import type { ExportRepository } from "./export.js";
import type { DomainSettings } from "./settings.js";
import { createTrialService } from "./trial-service.js";
import { createYearWheelService } from "./year-wheel-service.js";

export interface DomainPorts {
  people: PeopleRepository;
  conversations: ConversationRepository;
  meetings: MeetingRepository;
  reflections: ReflectionRepository;
  forms: FormRepository;
  followUps: FollowUpRepository;
  notifications: NotificationRepository;
  units: UnitRepository;
  loops: LoopRepository;
  focusAreas: FocusAreaRepository;
  initiatives: InitiativeRepository;
  boardStatements: BoardStatementRepository;
  referatApprovals: ReferatApprovalRepository;
  boardReports: BoardReportRepository;
  yearWheels: YearWheelRepository;
  preferences: PreferenceRepository;
  channelLinks: ChannelLinkRepository;
  areaStatus: AreaStatusRepository;
  exports: ExportRepository;
  downloadTokens: DownloadTokenRepository;
  calendars: CalendarRepository;
  calendarEvents: CalendarEventRepository;
  /** The chairs' calendars through Microsoft Graph; absent unless CALENDAR_SYNC=graph with Graph's credentials. */
  calendarGateway?: CalendarGateway;
  sentCards: SentCardRepository;
  /** People outside Teams' links to a meeting's page (decision 0025). */
  guestLinks: GuestLinkRepository;
  /** Installs the app for people through Microsoft Graph; absent unless PROACTIVE_INSTALL=on. */
  installer?: AppInstaller;
  /** Mail from the chairs' mailboxes through Microsoft Graph; absent unless GUEST_LINK_MAIL=graph (decision 0025). */
  mailGateway?: MailGateway;
  /** For what the services do in the background (the guest-link mail's job); quiet when absent. */
  log?: Logger;
}

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export type DomainServices = ReturnType<typeof createDomainServices>;

/** Every domain service on the given repositories, clock and settings. */
export function createDomainServices(ports: DomainPorts, clock: Clock, settings: DomainSettings) {
  const { units } = ports;
  // No outbox row for a person outside Teams, whoever plans it (decision 0025).
  const notifications = teamsOnlyOutbox(ports.notifications, ports.people);
  const people = createPeopleService({ people: ports.people, conversations: ports.conversations, notifications, clock, calendar: settings.calendar });
  // The bot's meetings and, with CALENDAR_SYNC=graph, people's Outlook free/busy (decision 0018).
  const busyTimes = createOutlookBusyTimes({ base: ports.meetings, gateway: settings.calendarSync.mode === "graph" ? ports.calendarGateway : undefined, people: ports.people });
  const calendarSync = createCalendarSyncService({ meetings: ports.meetings, events: ports.calendarEvents, gateway: ports.calendarGateway, clock, settings });
  const meetings = createMeetingService({ people: ports.people, meetings: ports.meetings, reflections: ports.reflections, notifications, units, loops: ports.loops, focusAreas: ports.focusAreas, boardStatements: ports.boardStatements, sentCards: ports.sentCards, calendarSync, busyTimes, clock, settings });
  const congestion = createCongestionService({ units, focusAreas: ports.focusAreas, initiatives: ports.initiatives, notifications, clock, settings });
  const reflections = createReflectionService({ meetings, reflections: ports.reflections, loops: ports.loops, clock, settings });
  const loopSummaries = createLoopSummaryService({ meetings: ports.meetings, forms: ports.forms, followUps: ports.followUps, focusAreas: ports.focusAreas, loops: ports.loops, units, notifications, clock, settings });
  const boardReports = createBoardReportService({ meetings: ports.meetings, reports: ports.boardReports, forms: ports.forms, followUps: ports.followUps, people: ports.people, units, loops: ports.loops, notifications, congestion, clock, settings });
  const forms = createFormService({ meetings, meetingRepo: ports.meetings, forms: ports.forms, followUpRepo: ports.followUps, focusAreas: ports.focusAreas, notifications, congestion, loopSummaries, boardReports, clock, settings });
  const followUps = createFollowUpService({ followUps: ports.followUps, meetings: ports.meetings, notifications, congestion, units, people: ports.people, clock, settings });
  const focusAreas = createFocusAreaService({ meetings, focusAreas: ports.focusAreas, loops: ports.loops, units, notifications, congestion, clock, settings });
  const boardStatements = createBoardStatementService({ meetings: ports.meetings, statements: ports.boardStatements, units, clock, settings });
  const referatApprovals = createReferatApprovalService({ meetings: ports.meetings, approvals: ports.referatApprovals, notifications, people: ports.people, clock, settings });
  const initiatives = createInitiativeService({ people: ports.people, units, loops: ports.loops, initiatives: ports.initiatives, notifications, congestion, clock, settings });
  const evaluations = createEvaluationService({ followUps: ports.followUps, focusAreas: ports.focusAreas, initiatives: ports.initiatives, people: ports.people, meetings: ports.meetings, units, notifications, congestion, clock, settings });
  const loadNames = async (ids: string[]) => {
    const out = new Map<string, string>();
    for (const id of new Set(ids)) {
      const p = await ports.people.byId(id);
      if (p) out.set(id, p.name);
    }
    return out;
  };
  const yearWheels = createYearWheelService({ units, people: ports.people, loops: ports.loops, wheels: ports.yearWheels, meetingRepo: ports.meetings, busyTimes, meetings, loadNames, clock, settings });
  const digests = createDigestService({ followUps: ports.followUps, units, people: ports.people, preferences: ports.preferences, notifications, clock, settings });
  const preferences = createPreferenceService({ preferences: ports.preferences, notifications, digests, clock, settings });
  const channels = createChannelService({ people: ports.people, channelLinks: ports.channelLinks, areaStatus: ports.areaStatus, clock, settings });
  const downloads = createDownloadService({ tokens: ports.downloadTokens, people: ports.people, exports: ports.exports, loopSummaries, clock, settings });
  // The referat as a PDF for the case system (its link, `npm run referat`), with its approval line.
  const referatFiles = createReferatFileService({ tokens: ports.downloadTokens, people: ports.people, meetings: ports.meetings, forms, approvals: referatApprovals, clock, settings });
  const calendars = createCalendarService({ calendars: ports.calendars, meetings: ports.meetings, units, loops: ports.loops, clock, settings });
  const trial = createTrialService({ notifications, preferences: ports.preferences, clock, calendar: settings.calendar });
  const reach = createReachService({
    notifications,
    conversations: ports.conversations,
    meetings: ports.meetings,
    followUps: ports.followUps,
    focusAreas: ports.focusAreas,
    units,
    people: ports.people,
    rememberInstalled: (person, conversation) => people.rememberInstalled(person, conversation),
    installer: ports.installer,
    clock,
    calendar: settings.calendar,
  });
  const guestLinks = createGuestLinkService({ links: ports.guestLinks, meetings: ports.meetings, units: ports.units, people: ports.people, clock, settings: settings.guestLinks });
  const guestLinkMail = createGuestLinkMailService({
    notifications,
    links: ports.guestLinks,
    meetings: ports.meetings,
    guestLinks,
    gateway: ports.mailGateway,
    clock,
    settings: { timezone: settings.timezone, guestLinkDays: settings.guestLinks.days },
    log: ports.log ?? quiet,
  });
  return { guestLinks, guestLinkMail, people, meetings, reflections, forms, followUps, focusAreas, boardStatements, referatApprovals, boardReports, evaluations, congestion, initiatives, loopSummaries, yearWheels, digests, preferences, channels, downloads, referatFiles, calendars, calendarSync, trial, reach };
}
