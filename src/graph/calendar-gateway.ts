import type { Attendee, Event, Message, ScheduleInformation } from "@microsoft/microsoft-graph-types";
import { createPacer, type RateWindow } from "../lib/pacer.js";
import type { CalendarCall, CalendarEventSeen, CalendarGateway, Logger, MailCall, MailGateway } from "../domain/ports.js";
import type { GraphClient, GraphFailure, GraphResult } from "./graph-client.js";

/**
 * The chairs' calendars through Microsoft Graph (CALENDAR_SYNC=graph, application permission
 * Calendars.ReadWrite; docs/decisions/0018-calendar-graph.md):
 * - create: `POST /users/{chair}/events` with the participants as attendees, a Teams online
 *   meeting, the `transactionId` (a retried create makes one event) and the meeting's id as a
 *   single-value extended property (the bot finds its own events by it);
 * - move: `PATCH /users/{chair}/events/{id}` with start and end;
 * - cancel: `POST /users/{chair}/events/{id}/cancel` with a Danish comment (Outlook sends the
 *   attendees the cancellation); an event without attendees, which Graph will not «cancel», is
 *   deleted instead;
 * - read back: `GET /users/{chair}/calendarView` (paged) with the extended property expanded;
 * - free/busy: `POST /users/{someone}/calendar/getSchedule`, at most 20 people and 60 days a call;
 * - mail (GUEST_LINK_MAIL=graph, Mail.Send): `POST /users/{chair}/sendMail`, kept in Sent Items,
 *   through the same per-mailbox share as the calendar calls (Outlook's limits count both).
 * Times are written and read in UTC (`Prefer: outlook.timezone="UTC"`); Outlook shows them in each
 * person's own zone.
 *
 * Graph's limits for Outlook (per app and mailbox): 4 requests at once, 10,000 per 10 minutes. This
 * process keeps to its share of both (`share`: the bot's instances on one database); Graph's 429
 * with Retry-After is honoured by the client and, for long waits, by the outbox.
 */
export interface GraphCalendarGatewayOptions {
  graph: GraphClient;
  log: Logger;
  /** How many bot instances share the limits (counted by heartbeat). */
  share?: () => number;
  /** Graph's limits per mailbox (tests and the bench may pass their fake's). */
  limits?: { concurrent: number; windows: readonly RateWindow[] };
  /**
   * The client for sendMail: one attempt a call, no retries inside it (a retried sendMail whose
   * first answer was lost is a second mail; Graph's sendMail takes no transactionId). 429 and 503
   * come back to the outbox, which waits Retry-After out. Absent: no mail (GUEST_LINK_MAIL=off).
   */
  mailGraph?: GraphClient;
}

/** The extended property that carries the meeting's id on its event (a GUID of our own, a name). */
export const MEETING_PROPERTY = "String {e28f6bcd-9bc8-4c77-9c67-f5ba0b28223d} Name LaeringsloopMeetingId";

/** Outlook's limits per app and mailbox (learn.microsoft.com, «Microsoft Graph service-specific throttling limits»). */
export const OUTLOOK_LIMITS = { concurrent: 4, windows: [{ limit: 10_000, windowMs: 10 * 60_000 }] } as const;

/**
 * Times in UTC, and ids that stay the same when the event moves between folders or calendars
 * (Graph's default ids change then, and a 404 would read as «deleted in Outlook»).
 */
const UTC = { Prefer: 'outlook.timezone="UTC", IdType="ImmutableId"' };
const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };

/** getSchedule: at most this many people a call, and a window shorter than Graph's 62 days. */
const SCHEDULE_PEOPLE = 20;
const SCHEDULE_WINDOW_MS = 60 * 86_400_000;
/** What keeps a person from a meeting (not free, not working elsewhere). */
const BUSY = new Set(["busy", "tentative", "oof"]);

/** Graph's dateTime without a zone, for timeZone "UTC". */
const graphTime = (d: Date) => ({ dateTime: d.toISOString().replace(/Z$/, ""), timeZone: "UTC" });

/** A dateTimeTimeZone read back with `outlook.timezone="UTC"` (7 fraction digits: cut to the second). */
const parseTime = (t: { dateTime?: string | null; timeZone?: string | null } | null | undefined): Date | undefined => {
  if (!t?.dateTime) return undefined;
  const d = new Date(`${t.dateTime.slice(0, 19)}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

function failure(what: string, e: GraphFailure): Exclude<CalendarCall<never>, { ok: true }> {
  switch (e.kind) {
    case "not-found":
      return { ok: false, failure: "gone", reason: `${what}: ${e.code}` };
    case "throttled":
    case "unavailable":
      return { ok: false, failure: "retry", reason: `${what}: ${e.kind} (${e.code})`, retryAfterMs: e.retryAfterMs };
    case "credentials":
    case "unauthorized":
      return { ok: false, failure: "retry", reason: `${what}: ${e.kind} (${e.code})` };
    default:
      return { ok: false, failure: "refused", reason: `${what}: ${e.kind} (${e.code})` };
  }
}

function seen(e: Event): CalendarEventSeen | undefined {
  const start = parseTime(e.start);
  const end = parseTime(e.end);
  if (!e.id || !start || !end) return undefined;
  const declined = (e.attendees ?? []).filter((a: Attendee) => a.status?.response === "declined").flatMap((a) => (a.emailAddress?.address ? [a.emailAddress.address.toLowerCase()] : []));
  const meetingId = (e.singleValueExtendedProperties ?? []).find((p) => p.id?.toLowerCase() === MEETING_PROPERTY.toLowerCase())?.value ?? undefined;
  return { eventId: e.id, start, end, cancelled: e.isCancelled === true, declined, ...(meetingId ? { meetingId } : {}) };
}

/** What a sendMail's failure means for the mail: not sent (try again), refused, or perhaps sent. */
function mailFailure(e: GraphFailure): Exclude<MailCall, { ok: true }> {
  const reason = `sendMail: ${e.kind} (${e.code})`;
  switch (e.kind) {
    case "throttled":
    case "credentials":
    case "unauthorized":
      return { ok: false, failure: "retry", reason, ...(e.kind === "throttled" && e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
    case "unavailable":
      // 503 (Graph busy, often with Retry-After): not taken. No answer, 500, 502, 504: it may have gone.
      return e.status === 503 ? { ok: false, failure: "retry", reason, ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) } : { ok: false, failure: "unknown", reason };
    default:
      return { ok: false, failure: "refused", reason };
  }
}

export function createGraphCalendarGateway(opts: GraphCalendarGatewayOptions): CalendarGateway & { mail?: MailGateway } {
  const { graph, log } = opts;
  const limits = opts.limits ?? OUTLOOK_LIMITS;
  const share = () => Math.max(1, Math.floor(opts.share?.() ?? 1));
  // The 10-minute window per mailbox; the tenant side is not Graph's limit here (one huge window).
  const pacer = createPacer({ conversation: limits.windows, tenant: [{ limit: Number.MAX_SAFE_INTEGER, windowMs: 1000 }], share });
  const inFlight = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  /** One call to a mailbox: a free slot of its share of 4, a turn in its window, then the call. */
  async function call<T>(mailbox: string, run: () => Promise<GraphResult<T>>): Promise<GraphResult<T>> {
    const most = Math.max(1, Math.floor(limits.concurrent / share()));
    while ((inFlight.get(mailbox) ?? 0) >= most) await new Promise<void>((ok) => waiting.set(mailbox, [...(waiting.get(mailbox) ?? []), ok]));
    inFlight.set(mailbox, (inFlight.get(mailbox) ?? 0) + 1);
    try {
      await pacer.take(mailbox);
      return await run();
    } finally {
      const left = (inFlight.get(mailbox) ?? 1) - 1;
      if (left > 0) inFlight.set(mailbox, left);
      else inFlight.delete(mailbox);
      const next = waiting.get(mailbox)?.shift();
      if (waiting.get(mailbox)?.length === 0) waiting.delete(mailbox);
      next?.();
    }
  }

  const user = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;

  async function list(mailbox: string, from: Date, to: Date): Promise<CalendarCall<CalendarEventSeen[]>> {
    const out: CalendarEventSeen[] = [];
    let next: string | undefined;
    let first = true;
    while (first || next) {
      const path = first ? `${user(mailbox)}/calendarView` : next!;
      const query = first
        ? {
            startDateTime: from.toISOString(),
            endDateTime: to.toISOString(),
            $select: "id,start,end,isCancelled,attendees",
            $expand: `singleValueExtendedProperties($filter=id eq '${MEETING_PROPERTY}')`,
            $top: "100",
          }
        : undefined;
      first = false;
      const r = await call(mailbox, () => graph.request<{ value?: Event[]; "@odata.nextLink"?: string }>("GET", path, { query, headers: UTC }));
      if (!r.ok) return failure("list", r.error);
      for (const e of r.body?.value ?? []) {
        // Only the bot's own events (the ones carrying its property).
        if (!(e.singleValueExtendedProperties ?? []).some((p) => p.id?.toLowerCase() === MEETING_PROPERTY.toLowerCase())) continue;
        const s = seen(e);
        if (s) out.push(s);
      }
      next = r.body?.["@odata.nextLink"];
    }
    return { ok: true, value: out };
  }

  const mailGraph = opts.mailGraph;
  const mail: MailGateway | undefined = mailGraph
    ? {
        async send(mailbox, m) {
          const message: Message = {
            subject: m.subject,
            body: { contentType: "text", content: m.text },
            toRecipients: [{ emailAddress: { address: m.to.address, name: m.to.name } }],
          };
          const r = await call(mailbox, () => mailGraph.request("POST", `${user(mailbox)}/sendMail`, { body: { message, saveToSentItems: true } }));
          // Graph answers 202 Accepted with no body. Neither the address nor the text is logged.
          return r.ok ? { ok: true } : mailFailure(r.error);
        },
      }
    : undefined;

  return {
    mail,
    async create(mailbox, entry) {
      const body: Event = {
        subject: entry.subject,
        body: { contentType: "html", content: entry.bodyHtml },
        start: graphTime(entry.start),
        end: graphTime(entry.end),
        attendees: entry.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: "required" })),
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
        responseRequested: true,
        allowNewTimeProposals: false,
        transactionId: entry.transactionId,
        singleValueExtendedProperties: [{ id: MEETING_PROPERTY, value: entry.meetingId }],
      };
      const r = await call(mailbox, () => graph.request<Event>("POST", `${user(mailbox)}/events`, { body, headers: UTC }));
      if (!r.ok) return failure("create", r.error);
      if (!r.body?.id) return { ok: false, failure: "retry", reason: "create: no id in the answer" };
      log.debug({ meetingId: entry.meetingId }, "calendar event created");
      const start = parseTime(r.body.start);
      const end = parseTime(r.body.end);
      return { ok: true, value: { eventId: r.body.id, ...(start && end ? { start, durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000) } : {}) } };
    },

    async find(mailbox, meetingId) {
      const $filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${MEETING_PROPERTY}' and ep/value eq '${meetingId.replace(/'/g, "''")}')`;
      const r = await call(mailbox, () => graph.request<{ value?: Event[] }>("GET", `${user(mailbox)}/events`, { query: { $filter, $select: "id" }, headers: IMMUTABLE }));
      if (!r.ok) return failure("find", r.error);
      const id = r.body?.value?.[0]?.id;
      return { ok: true, value: id ? { eventId: id } : undefined };
    },

    async move(mailbox, eventId, start, end) {
      const r = await call(mailbox, () => graph.request("PATCH", `${user(mailbox)}/events/${encodeURIComponent(eventId)}`, { body: { start: graphTime(start), end: graphTime(end) } satisfies Event, headers: UTC }));
      return r.ok ? { ok: true, value: undefined } : failure("move", r.error);
    },

    async cancel(mailbox, eventId, comment) {
      const path = `${user(mailbox)}/events/${encodeURIComponent(eventId)}`;
      const r = await call(mailbox, () => graph.request("POST", `${path}/cancel`, { body: { Comment: comment }, headers: IMMUTABLE }));
      if (r.ok) return { ok: true, value: undefined };
      // Graph cancels meetings (events with attendees); an event with nobody invited is deleted.
      if (r.error.kind === "refused" && r.error.status === 400) {
        const d = await call(mailbox, () => graph.request("DELETE", path, { headers: IMMUTABLE }));
        return d.ok ? { ok: true, value: undefined } : failure("delete", d.error);
      }
      return failure("cancel", r.error);
    },

    list,

    async schedule(mailbox, addresses, from, to) {
      // Every 20 people × 60 days at once (a loop is about 13 windows): the mailbox's share of 4
      // requests at a time keeps them within Graph's limit, and the answer within the planner's deadline.
      const asks: { schedules: string[]; start: Date; end: Date }[] = [];
      for (let i = 0; i < addresses.length; i += SCHEDULE_PEOPLE) {
        for (let t = from.getTime(); t < to.getTime(); t += SCHEDULE_WINDOW_MS) asks.push({ schedules: addresses.slice(i, i + SCHEDULE_PEOPLE), start: new Date(t), end: new Date(Math.min(to.getTime(), t + SCHEDULE_WINDOW_MS)) });
      }
      const answers = await Promise.all(
        asks.map((a) => call(mailbox, () => graph.request<{ value?: ScheduleInformation[] }>("POST", `${user(mailbox)}/calendar/getSchedule`, { body: { schedules: a.schedules, startTime: graphTime(a.start), endTime: graphTime(a.end), availabilityViewInterval: 60 }, headers: UTC }))),
      );
      const out: { address: string; start: Date; end: Date }[] = [];
      for (const r of answers) {
        if (!r.ok) return failure("schedule", r.error);
        for (const info of r.body?.value ?? []) {
          if (!info.scheduleId || info.error) continue;
          for (const item of info.scheduleItems ?? []) {
            if (!item.status || !BUSY.has(item.status)) continue;
            const s = parseTime(item.start);
            const e = parseTime(item.end);
            if (s && e) out.push({ address: info.scheduleId.toLowerCase(), start: s, end: e });
          }
        }
      }
      return { ok: true, value: out };
    },

    async get(mailbox, eventId) {
      const r = await call(mailbox, () => graph.request<Event>("GET", `${user(mailbox)}/events/${encodeURIComponent(eventId)}`, { query: { $select: "id,start,end,isCancelled,attendees" }, headers: UTC }));
      if (!r.ok) return failure("get", r.error);
      const s = r.body ? seen(r.body) : undefined;
      return s ? { ok: true, value: s } : { ok: false, failure: "retry", reason: "get: unreadable event" };
    },
  };
}
