import { randomUUID } from "node:crypto";
import type { Attendee, Event, Message, SingleValueLegacyExtendedProperty } from "@microsoft/microsoft-graph-types";
import type { FakeGraph, GraphCall, RouteAnswer } from "./fake-graph.js";

/** An event as the fake keeps it: Graph's shape, plus what the bot sent that Graph keeps hidden. */
export interface FakeEvent extends Event {
  id: string;
  transactionId: string;
}

/** The limits Graph keeps per app and mailbox for Outlook: 4 requests at once, 10,000 per 10 minutes. */
export interface MailboxLimits {
  concurrent: number;
  perWindow: number;
  windowMs: number;
}

const utc = (d: Date) => ({ dateTime: d.toISOString().replace("Z", "").replace(/\.(\d{3})$/, ".$10000"), timeZone: "UTC" });
const parse = (t: Event["start"]): Date => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(t?.dateTime ?? "") ? t!.dateTime! : `${t!.dateTime}Z`);

/**
 * The chairs' Outlook calendars in the local fake Graph (routes added to a FakeGraph): events made,
 * moved, cancelled and deleted as Graph does it, with `transactionId` (a second create with the same
 * one answers the event already made, and makes none), single-value extended properties
 * (`$filter=singleValueExtendedProperties/Any(…)`, `$expand=singleValueExtendedProperties(…)`),
 * calendarView with paging (`@odata.nextLink`), times in UTC, and the Outlook limits per mailbox
 * (429 `ApplicationThrottled` with Retry-After when more than 4 requests run at once or the window
 * is full). «Outlook» changes (a move, a cancellation, a decline) are made with `outlook*`.
 */
export class FakeCalendar {
  /** Mailbox → event id → event. An organiser's cancelled event leaves their calendar (as in Outlook). */
  readonly mailboxes = new Map<string, Map<string, FakeEvent>>();
  /** Every event ever made (id → event), also those cancelled or deleted since. */
  readonly made = new Map<string, FakeEvent & { mailbox: string }>();
  /** Creates answered with an event made before (the same transactionId): Graph's idempotency at work. */
  duplicatesPrevented = 0;
  /** Cancellations sent to attendees, with their comment. */
  readonly cancellations: { mailbox: string; eventId: string; comment: string }[] = [];
  /** Busy times people have in Outlook besides the bot's events (address, lower case → spans), for getSchedule. */
  readonly busy = new Map<string, { start: Date; end: Date; status?: "busy" | "tentative" | "oof" | "free" | "workingElsewhere" }[]>();
  /** The address of a mailbox (its owner's e-mail), so getSchedule also shows the events they organise. */
  addressOf?: (mailbox: string) => string | undefined;
  /**
   * Mail sent with `POST /users/{mailbox}/sendMail` (answered 202 with no body, as Graph does), in
   * order: what a person would find in their inbox, and the sender in Sent Items when asked to keep it.
   */
  readonly sentMail: { mailbox: string; message: Message; saveToSentItems?: boolean }[] = [];
  /** Requests answered 429 because of the mailbox limits. */
  throttled = 0;
  /** The most requests seen at once per mailbox. */
  readonly mostAtOnce = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly window = new Map<string, number[]>();

  constructor(
    private readonly graph: FakeGraph,
    readonly limits: MailboxLimits = { concurrent: 4, perWindow: 10_000, windowMs: 600_000 },
  ) {
    const mailboxOf = (path: string) => /^\/v1\.0\/users\/([^/]+)\/(events|calendarView|calendar|sendMail)/.exec(path)?.[1];
    const before = graph.onCall;
    graph.onCall = (c) => {
      before?.(c);
      const mb = mailboxOf(c.path);
      if (!mb) return;
      const n = (this.inFlight.get(mb) ?? 0) + 1;
      this.inFlight.set(mb, n);
      this.mostAtOnce.set(mb, Math.max(this.mostAtOnce.get(mb) ?? 0, n));
    };
    const after = graph.onAnswered;
    graph.onAnswered = (c: GraphCall) => {
      after?.(c);
      const mb = mailboxOf(c.path);
      if (mb) this.inFlight.set(mb, (this.inFlight.get(mb) ?? 1) - 1);
    };
    const users = "^/users/([^/]+)";
    graph.route("POST", new RegExp(`${users}/events$`), (m, req) => this.limited(m[1]!) ?? this.create(m[1]!, req.body as Event));
    graph.route("GET", new RegExp(`${users}/events$`), (m, req) => this.limited(m[1]!) ?? this.find(m[1]!, req.query));
    graph.route("GET", new RegExp(`${users}/events/([^/]+)$`), (m) => this.limited(m[1]!) ?? this.read(m[1]!, m[2]!));
    graph.route("PATCH", new RegExp(`${users}/events/([^/]+)$`), (m, req) => this.limited(m[1]!) ?? this.patch(m[1]!, m[2]!, req.body as Event));
    graph.route("DELETE", new RegExp(`${users}/events/([^/]+)$`), (m) => this.limited(m[1]!) ?? this.remove(m[1]!, m[2]!));
    graph.route("POST", new RegExp(`${users}/events/([^/]+)/cancel$`), (m, req) => this.limited(m[1]!) ?? this.cancel(m[1]!, m[2]!, req.body as { Comment?: string }));
    graph.route("GET", new RegExp(`${users}/calendarView$`), (m, req) => this.limited(m[1]!) ?? this.view(m[1]!, req.query));
    graph.route("POST", new RegExp(`${users}/sendMail$`), (m, req) => this.limited(m[1]!) ?? this.sendMail(m[1]!, req.body as { message?: Message; saveToSentItems?: boolean }));
    graph.route("POST", new RegExp(`${users}/calendar/getSchedule$`), (m, req) => this.limited(m[1]!) ?? this.schedule(req.body as { schedules?: string[]; startTime?: Event["start"]; endTime?: Event["end"] }));
  }

  /** The events in a mailbox now (not cancelled or deleted). */
  events(mailbox: string): FakeEvent[] {
    return [...(this.mailboxes.get(mailbox)?.values() ?? [])];
  }

  /** Every live event in every mailbox. */
  all(): (FakeEvent & { mailbox: string })[] {
    return [...this.mailboxes.entries()].flatMap(([mailbox, evs]) => [...evs.values()].map((e) => ({ ...e, mailbox })));
  }

  /** The meeting id the bot put on the event. */
  static meetingOf(e: Event): string | undefined {
    return e.singleValueExtendedProperties?.find((p) => p.id?.includes("LaeringsloopMeetingId"))?.value ?? undefined;
  }

  startOf(e: Event): Date {
    return parse(e.start);
  }

  /** The chair moves the event in Outlook. */
  outlookMove(mailbox: string, eventId: string, start: Date): void {
    const e = this.mailboxes.get(mailbox)?.get(eventId);
    if (!e) throw new Error("no such event");
    const length = parse(e.end).getTime() - parse(e.start).getTime();
    e.start = utc(start);
    e.end = utc(new Date(start.getTime() + length));
    e.lastModifiedDateTime = new Date().toISOString();
  }

  /** The chair cancels the meeting in Outlook: it leaves their calendar. */
  outlookCancel(mailbox: string, eventId: string): void {
    if (!this.mailboxes.get(mailbox)?.delete(eventId)) throw new Error("no such event");
  }

  /**
   * A create that Graph completes after the bot stopped waiting for it (its answer lost, the event
   * not yet found by its extended property when the bot looked): the event appears now.
   */
  completeLate(mailbox: string, body: Event): string {
    const r = this.create(mailbox, body);
    if (r.status !== 201) throw new Error("late create refused");
    return (r.body as Event).id!;
  }

  /** An attendee declines in Outlook. */
  outlookDecline(mailbox: string, eventId: string, address: string): void {
    const a = this.mailboxes.get(mailbox)?.get(eventId)?.attendees?.find((x) => x.emailAddress?.address?.toLowerCase() === address.toLowerCase());
    if (!a) throw new Error("no such attendee");
    a.status = { response: "declined", time: new Date().toISOString() };
  }

  /** Graph's sendMail: a message with a subject, a body and a recipient is taken (202, no body); else 400. */
  private sendMail(mailbox: string, body: { message?: Message; saveToSentItems?: boolean } | undefined): RouteAnswer {
    const message = body?.message;
    if (!message?.subject || !message.body?.content || !message.toRecipients?.length || !message.toRecipients.every((r) => r.emailAddress?.address)) {
      return this.graph.error(400, "ErrorInvalidRecipients", "At least one recipient is not valid.");
    }
    this.sentMail.push({ mailbox: decodeURIComponent(mailbox), message, saveToSentItems: body?.saveToSentItems });
    return { status: 202 };
  }

  private limited(mailbox: string): RouteAnswer | undefined {
    const now = Date.now();
    const times = (this.window.get(mailbox) ?? []).filter((t) => t > now - this.limits.windowMs);
    this.window.set(mailbox, times);
    if ((this.inFlight.get(mailbox) ?? 0) > this.limits.concurrent) {
      this.throttled++;
      return { ...this.graph.error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit."), headers: { "Retry-After": "1" } };
    }
    if (times.length >= this.limits.perWindow) {
      this.throttled++;
      const wait = Math.ceil((times[0]! + this.limits.windowMs - now) / 1000);
      return { ...this.graph.error(429, "ApplicationThrottled", "Application is over its mailbox request limit."), headers: { "Retry-After": String(Math.max(1, wait)) } };
    }
    times.push(now);
    return undefined;
  }

  private box(mailbox: string): Map<string, FakeEvent> {
    let b = this.mailboxes.get(mailbox);
    if (!b) this.mailboxes.set(mailbox, (b = new Map()));
    return b;
  }

  private shown(mailbox: string, e: FakeEvent, select?: string): Event {
    const { transactionId: _t, ...rest } = e;
    const full: Event = { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#users('${mailbox}')/events/$entity`, ...rest, transactionId: e.transactionId } as Event;
    if (!select) return full;
    const keep = new Set(select.split(",").map((s) => s.trim()));
    return Object.fromEntries(Object.entries(full).filter(([k]) => keep.has(k) || k === "id" || k.startsWith("@odata"))) as Event;
  }

  private create(mailbox: string, body: Event): RouteAnswer {
    if (!body?.subject || !body.start || !body.end) return this.graph.error(400, "ErrorInvalidRequest", "Missing subject, start or end.");
    if (body.transactionId) {
      const same = [...this.made.values()].find((e) => e.mailbox === mailbox && e.transactionId === body.transactionId);
      if (same) {
        this.duplicatesPrevented++;
        return { status: 201, body: this.shown(mailbox, same) };
      }
    }
    const id = `AAMkAG${randomUUID().replace(/-/g, "")}=`;
    const now = new Date().toISOString();
    const e: FakeEvent = {
      ...body,
      id,
      transactionId: body.transactionId ?? randomUUID(),
      start: utc(parse(body.start)),
      end: utc(parse(body.end)),
      createdDateTime: now,
      lastModifiedDateTime: now,
      iCalUId: `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, "")}`,
      isCancelled: false,
      isOrganizer: true,
      organizer: { emailAddress: { address: `${mailbox}@eksempelkommune.dk`, name: mailbox } },
      attendees: (body.attendees ?? []).map((a: Attendee) => ({ ...a, status: { response: "none", time: "0001-01-01T00:00:00Z" } })),
      onlineMeeting: body.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomUUID()}%40thread.v2/0` } : null,
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    };
    this.box(mailbox).set(id, e);
    this.made.set(id, { ...e, mailbox });
    return { status: 201, body: this.shown(mailbox, e) };
  }

  private find(mailbox: string, query: Record<string, string>): RouteAnswer {
    // Only the filter the bot sends is understood; anything else is Graph's 400, not every event.
    const m = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(query.$filter ?? "");
    if (!m) return this.graph.error(400, "ErrorInvalidUrlQueryFilter", "The filter expression is not supported.");
    const wanted = m[2]!.replace(/''/g, "'");
    const value = this.events(mailbox).filter((e) => e.singleValueExtendedProperties?.some((p) => p.id?.toLowerCase() === m[1]!.toLowerCase() && p.value === wanted)).map((e) => this.shown(mailbox, e, query.$select));
    return { status: 200, body: { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#users('${mailbox}')/events`, value } };
  }

  private read(mailbox: string, id: string): RouteAnswer {
    const e = this.mailboxes.get(mailbox)?.get(id);
    return e ? { status: 200, body: this.shown(mailbox, e) } : this.graph.error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  }

  private patch(mailbox: string, id: string, body: Event): RouteAnswer {
    const e = this.mailboxes.get(mailbox)?.get(id);
    if (!e) return this.graph.error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    if (body.start) e.start = utc(parse(body.start));
    if (body.end) e.end = utc(parse(body.end));
    if (body.subject) e.subject = body.subject;
    e.lastModifiedDateTime = new Date().toISOString();
    return { status: 200, body: this.shown(mailbox, e) };
  }

  private cancel(mailbox: string, id: string, body: { Comment?: string }): RouteAnswer {
    const e = this.mailboxes.get(mailbox)?.get(id);
    if (!e) return this.graph.error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    if (!e.attendees?.length) return this.graph.error(400, "ErrorInvalidRequest", "Your request can't be completed. You can't cancel a meeting that has no attendees.");
    this.cancellations.push({ mailbox, eventId: id, comment: body?.Comment ?? "" });
    this.mailboxes.get(mailbox)!.delete(id);
    return { status: 202 };
  }

  private remove(mailbox: string, id: string): RouteAnswer {
    return this.mailboxes.get(mailbox)?.delete(id) ? { status: 204 } : this.graph.error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  }

  /** getSchedule: each address's busy times (its own, the events it organises or is invited to), as scheduleItems. */
  private schedule(body: { schedules?: string[]; startTime?: Event["start"]; endTime?: Event["end"]; availabilityViewInterval?: number }): RouteAnswer {
    if (!body?.schedules?.length || !body.startTime || !body.endTime) return this.graph.error(400, "ErrorInvalidRequest", "schedules, startTime and endTime are required.");
    if (body.schedules.length > 20) return this.graph.error(400, "ErrorInvalidRequest", "Too many schedules.");
    const from = parse(body.startTime).getTime();
    const to = parse(body.endTime).getTime();
    if (to - from > 62 * 86_400_000) return this.graph.error(400, "ErrorInvalidRequest", "The time window must be less than 62 days.");
    const value = body.schedules.map((address) => {
      const a = address.toLowerCase();
      const own = (this.busy.get(a) ?? []).map((b) => ({ status: b.status ?? "busy", start: b.start, end: b.end }));
      const events = this.all()
        .filter((e) => this.addressOf?.(e.mailbox)?.toLowerCase() === a || (e.attendees ?? []).some((x) => x.emailAddress?.address?.toLowerCase() === a && x.status?.response !== "declined"))
        .map((e) => ({ status: "busy", start: parse(e.start), end: parse(e.end) }));
      const items = [...own, ...events]
        .filter((i) => i.start.getTime() < to && i.end.getTime() > from)
        .map((i) => ({ isPrivate: false, status: i.status, start: utc(i.start), end: utc(i.end) }));
      // One digit per interval (default 30 minutes): 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere.
      const step = (body.availabilityViewInterval ?? 30) * 60_000;
      const code: Record<string, number> = { free: 0, tentative: 1, busy: 2, oof: 3, workingElsewhere: 4 };
      let availabilityView = "";
      for (let t = from; t < to; t += step) {
        const here = [...own, ...events].filter((i) => i.start.getTime() < t + step && i.end.getTime() > t).map((i) => code[i.status] ?? 2);
        availabilityView += String(here.length ? Math.max(...here) : 0);
      }
      return { scheduleId: address, availabilityView, scheduleItems: items, workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "08:00:00.0000000", endTime: "16:00:00.0000000", timeZone: { name: "Romance Standard Time" } } };
    });
    return { status: 200, body: { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)", value } };
  }

  private view(mailbox: string, query: Record<string, string>): RouteAnswer {
    const from = Date.parse(query.startDateTime ?? "");
    const to = Date.parse(query.endDateTime ?? "");
    if (!Number.isFinite(from) || !Number.isFinite(to)) return this.graph.error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
    const top = Math.min(Number(query.$top ?? 10) || 10, 1000);
    const skip = Number(query.$skip ?? 0) || 0;
    const expand = /singleValueExtendedProperties\(\$filter=id eq '([^']+)'\)/.exec(query.$expand ?? "")?.[1];
    const inView = this.events(mailbox)
      .filter((e) => parse(e.start).getTime() < to && parse(e.end).getTime() > from)
      .sort((a, b) => parse(a.start).getTime() - parse(b.start).getTime());
    const page = inView.slice(skip, skip + top).map((e) => {
      const { singleValueExtendedProperties, ...shown } = this.shown(mailbox, e, query.$select);
      const props = (singleValueExtendedProperties ?? e.singleValueExtendedProperties ?? []) as SingleValueLegacyExtendedProperty[];
      return expand ? { ...shown, singleValueExtendedProperties: props.filter((p) => p.id?.toLowerCase() === expand.toLowerCase()) } : shown;
    });
    const next = skip + top < inView.length ? this.graph.link(`/users/${mailbox}/calendarView?${new URLSearchParams({ ...query, $skip: String(skip + top) }).toString()}`) : undefined;
    return { status: 200, body: { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#users('${mailbox}')/calendarView`, value: page, ...(next ? { "@odata.nextLink": next } : {}) } };
  }
}
