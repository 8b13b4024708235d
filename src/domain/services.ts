import { createFollowUpService } from "./followup-service.js";
import { createFormService } from "./form-service.js";
import { createMeetingService } from "./meeting-service.js";
import { createPeopleService } from "./people-service.js";
import type { Clock, ConversationRepository, FollowUpRepository, FormRepository, MeetingRepository, NotificationRepository, PeopleRepository, ReflectionRepository } from "./ports.js";
import { createReflectionService } from "./reflection-service.js";
import type { DomainSettings } from "./settings.js";

export interface DomainPorts {
  people: PeopleRepository;
  conversations: ConversationRepository;
  meetings: MeetingRepository;
  reflections: ReflectionRepository;
  forms: FormRepository;
  followUps: FollowUpRepository;
  notifications: NotificationRepository;
}

export type DomainServices = ReturnType<typeof createDomainServices>;

/** Every domain service on the given repositories, clock and settings. */
export function createDomainServices(ports: DomainPorts, clock: Clock, settings: DomainSettings) {
  const people = createPeopleService({ people: ports.people, conversations: ports.conversations, notifications: ports.notifications, clock, calendar: settings.calendar });
  const meetings = createMeetingService({ people: ports.people, meetings: ports.meetings, reflections: ports.reflections, notifications: ports.notifications, clock, settings });
  const reflections = createReflectionService({ meetings, reflections: ports.reflections, clock, settings });
  const forms = createFormService({ meetings, meetingRepo: ports.meetings, forms: ports.forms, followUpRepo: ports.followUps, notifications: ports.notifications, clock, settings });
  const followUps = createFollowUpService({ followUps: ports.followUps, meetings: ports.meetings, notifications: ports.notifications, clock, settings });
  return { people, meetings, reflections, forms, followUps };
}
