import type { Db, Dialect } from "./prisma-client.js";
import { createActivityLog } from "./activity-log.js";
import { createJobLeaseRepository } from "./job-lease-repository.js";
import { createCredentialCheckRepository } from "./credential-check-repository.js";
import { createInstanceRegistry } from "./instance-registry.js";
import { createAuditLog } from "./audit-log.js";
import { createGdprRepository } from "./gdpr-repository.js";
import { createBoardReportRepository } from "./board-report-repository.js";
import { createBoardStatementRepository } from "./board-statement-repository.js";
import { createReferatApprovalRepository } from "./referat-approval-repository.js";
import { createFocusAreaRepository } from "./focus-area-repository.js";
import { createInitiativeRepository } from "./initiative-repository.js";
import { createLoopRepository } from "./loop-repository.js";
import { createUnitRepository } from "./unit-repository.js";
import { createYearWheelRepository } from "./year-wheel-repository.js";
import { createConversationRepository } from "./conversation-repository.js";
import { createFollowUpRepository } from "./followup-repository.js";
import { createFormRepository } from "./form-repository.js";
import { createMeetingRepository } from "./meeting-repository.js";
import { createNotificationRepository } from "./notification-repository.js";
import { createPeopleRepository } from "./people-repository.js";
import { createPreferenceRepository } from "./preference-repository.js";
import { createChannelLinkRepository } from "./channel-link-repository.js";
import { createAreaStatusRepository } from "./area-status-repository.js";
import { createExportRepository } from "./export-repository.js";
import { createDownloadTokenRepository } from "./download-token-repository.js";
import { createGuestLinkRepository } from "./guest-link-repository.js";
import { createCalendarRepository } from "./calendar-repository.js";
import { createCalendarEventRepository } from "./calendar-event-repository.js";
import { createReflectionRepository } from "./reflection-repository.js";
import { createRetentionRepository } from "./retention-repository.js";
import { createSentCardRepository } from "./sent-card-repository.js";

export type Store = ReturnType<typeof createStore>;

/** Every repository on one Prisma client. */
export function createStore(db: Db, dialect: Dialect = "sqlite") {
  const people = createPeopleRepository(db, dialect);
  return {
    db,
    people,
    conversations: createConversationRepository(db),
    meetings: createMeetingRepository(db, people.loadPeople, dialect),
    reflections: createReflectionRepository(db),
    forms: createFormRepository(db),
    followUps: createFollowUpRepository(db, people.loadPeople),
    notifications: createNotificationRepository(db, dialect),
    sentCards: createSentCardRepository(db),
    preferences: createPreferenceRepository(db),
    channelLinks: createChannelLinkRepository(db),
    areaStatus: createAreaStatusRepository(db),
    exports: createExportRepository(db),
    downloadTokens: createDownloadTokenRepository(db),
    guestLinks: createGuestLinkRepository(db),
    calendars: createCalendarRepository(db),
    calendarEvents: createCalendarEventRepository(db),
    units: createUnitRepository(db),
    loops: createLoopRepository(db),
    focusAreas: createFocusAreaRepository(db),
    initiatives: createInitiativeRepository(db),
    boardStatements: createBoardStatementRepository(db),
    referatApprovals: createReferatApprovalRepository(db),
    boardReports: createBoardReportRepository(db),
    yearWheels: createYearWheelRepository(db),
    activityLog: createActivityLog(db),
    jobLeases: createJobLeaseRepository(db),
    instances: createInstanceRegistry(db),
    credentialChecks: createCredentialCheckRepository(db),
    audit: createAuditLog(db),
    retention: createRetentionRepository(db),
    gdpr: createGdprRepository(db),
    /** Full planner statistics (nightly; start-up only samples them, to start fast). */
    async optimize(): Promise<void> {
      await db.$executeRawUnsafe("ANALYZE");
    },
    async healthy(): Promise<boolean> {
      try {
        await db.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
  };
}
