import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { FakeCalendar } from "../helpers/fake-calendar.js";
import { FakeGraph } from "../helpers/fake-graph.js";
import { zonedToUtc } from "../../src/lib/zoned-time.js";

/**
 * CALENDAR_SYNC=graph through the real bot and (a local fake of) Microsoft Graph: the confirmed
 * årshjul becomes one event per meeting in its chair's calendar, with the participants invited, as
 * a Teams meeting; a move is one PATCH, a cancellation one cancel with a Danish comment; Graph's
 * 429 and 503 are waited out without a second event.
 */
const graphEnv = (g: FakeGraph) => ({
  CALENDAR_SYNC: "graph",
  GRAPH_TENANT_ID: g.tenantId,
  GRAPH_CLIENT_ID: g.clientId,
  GRAPH_CLIENT_SECRET: g.clientSecret,
  GRAPH_BASE_URL: g.baseUrl,
  GRAPH_AUTHORITY_HOST: g.url,
});

describe("CALENDAR_SYNC=graph: the bot keeps the chair's calendar", () => {
  let graph: FakeGraph;
  let calendar: FakeCalendar;
  let h: BotHarness;
  const db = () => h.bot.store.db;

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    calendar = new FakeCalendar(graph);
  });
  afterEach(async () => {
    await h.stop();
    await graph.stop();
  });

  /** Works the outbox until nothing is due now. */
  async function deliverAll(): Promise<Record<string, number>> {
    const total: Record<string, number> = {};
    for (let i = 0; i < 20; i++) {
      const counts = await h.deliver();
      for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
      if (Object.keys(counts).length === 0) break;
    }
    return total;
  }

  it("the confirmed årshjul: one event per meeting in its chair's calendar, invited, as a Teams meeting; a move is one PATCH, a cancellation one cancel", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    // The bot makes the Teams meetings: the chair is not offered Teams' form to make a second one.
    const planned = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2026-12-01", time: "14:00" });
    expect(JSON.stringify(planned.card)).not.toContain("teams.microsoft.com/l/meeting/new");
    expect(cardText(planned.card)).toContain("Føj til kalender"); // the .ics file stays
    const proposal = await h.say(users.alex, "årshjul");
    const version = Number(findAction(proposal.cards[0], "yearwheel.confirm")!.data.version);
    // Graph is busy at first: a 429 with Retry-After and a 503 are waited out, not made into two events.
    graph.failNext.push({ method: "POST", path: "/events", status: 429, retryAfter: 1 }, { method: "POST", path: "/events", status: 503 });
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version });
    const people = new Map((await db().person.findMany()).map((p) => [p.id, p]));
    const meetings = (await db().meeting.findMany({ where: { unitId: "solsikken" }, include: { participants: true } })).map((m) => ({
      ...m,
      participants: m.participants.map((p) => ({ ...p, person: people.get(p.personId)! })),
    }));
    expect(meetings).toHaveLength(29);
    await deliverAll();

    // One event per meeting, in its chair's mailbox, found by the meeting's id.
    const events = calendar.all();
    expect(events).toHaveLength(29);
    expect(calendar.made.size).toBe(29);
    const chairs = { alex: users.alex.aadObjectId, megan: users.megan.aadObjectId };
    expect(calendar.events(chairs.alex)).toHaveLength(17); // 4 læringssamtaler, 12 1:1s with Megan in the årshjul, the one planned by hand
    expect(calendar.events(chairs.megan)).toHaveLength(12); // her own 1:1s with Jonas
    for (const m of meetings) {
      const chair = m.participants.find((p) => p.personId === m.chairId)!.person;
      const [e, ...more] = calendar.events(chair.aadObjectId!).filter((x) => FakeCalendar.meetingOf(x) === m.id);
      expect(more).toEqual([]);
      expect(calendar.startOf(e!).getTime()).toBe(m.startsAt.getTime());
      expect(e!.isOnlineMeeting).toBe(true);
      expect(e!.onlineMeetingProvider).toBe("teamsForBusiness");
      expect(e!.transactionId).toBe(`laeringsloop-${m.id}`);
      // The others are invited by their address; the chair organises.
      expect(e!.attendees!.map((a) => a.emailAddress!.address).sort()).toEqual(m.participants.filter((p) => p.personId !== m.chairId && p.person.email).map((p) => p.person.email).sort());
      expect(e!.body!.contentType).toBe("html");
      expect(e!.body!.content).toContain("<b>Dagsorden</b>");
      expect((await db().calendarEvent.findUniqueOrThrow({ where: { meetingId: m.id } })).eventId).toBe(e!.id);
    }
    // Nobody in two of them at once (as Graph has them).
    const byPerson = new Map<string, [number, number][]>();
    for (const e of events) {
      const who = [e.mailbox, ...(e.attendees ?? []).map((a) => a.emailAddress!.address!)];
      const span: [number, number] = [calendar.startOf(e).getTime(), new Date(`${e.end!.dateTime!.slice(0, 19)}Z`).getTime()];
      for (const p of who) byPerson.set(p, [...(byPerson.get(p) ?? []), span]);
    }
    for (const spans of byPerson.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
    expect(graph.callsTo("POST", /\/events$/).map((c) => c.status).filter((s) => s !== 201)).toEqual([429, 503]);
    expect(graph.callsTo("POST", /\/events$/).filter((c) => c.status === 201)).toHaveLength(29);

    // Moved in the årshjul: one PATCH of that event, no other write.
    const moving = meetings.find((m) => m.kind === "one_on_one" && m.startsAt.getTime() !== Date.parse("2026-12-01T14:00:00+01:00"))!;
    const eventId = (await db().calendarEvent.findUniqueOrThrow({ where: { meetingId: moving.id } })).eventId!;
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { meetingId: moving.id } });
    const wheelVersion = (await db().yearWheel.findFirstOrThrow({ where: { unitId: "solsikken" } })).version;
    const before = graph.calls.length;
    const moved = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: wheelVersion, entryId: entry.id, date: "2027-03-16", time: "13:00" });
    expect(cardText(moved.card)).toContain("Mødet er flyttet");
    await deliverAll();
    const afterMove = graph.calls.slice(before).filter((c) => !c.path.endsWith("/token"));
    // (The free/busy look-up asks whether anyone is busy in Outlook at the new time, for a warning.)
    expect(afterMove.map((c) => [c.method, c.path, c.status])).toEqual([
      ["POST", `/v1.0/users/${chairs.alex}/calendar/getSchedule`, 200],
      ["PATCH", `/v1.0/users/${chairs.alex}/events/${eventId}`, 200],
    ]);
    expect(calendar.startOf(calendar.events(chairs.alex).find((e) => e.id === eventId)!).toISOString()).toBe(new Date("2027-03-16T13:00:00+01:00").toISOString());

    // Cancelled: one cancel with a Danish comment; the event leaves the chair's calendar. A repeat changes nothing.
    const beforeCancel = graph.calls.length;
    await h.click(users.alex, "meeting.cancel", { meetingId: moving.id });
    await deliverAll();
    await h.click(users.alex, "meeting.cancel", { meetingId: moving.id });
    await deliverAll();
    const afterCancel = graph.calls.slice(beforeCancel).filter((c) => !c.path.endsWith("/token"));
    expect(afterCancel.map((c) => [c.method, c.path, c.status])).toEqual([["POST", `/v1.0/users/${chairs.alex}/events/${eventId}/cancel`, 202]]);
    expect(calendar.cancellations).toEqual([{ mailbox: chairs.alex, eventId, comment: "Mødet er aflyst i Læringsloop." }]);
    expect(calendar.events(chairs.alex)).toHaveLength(16);
    // Every calendar row is done: sent, or cancelled as having nothing to do.
    expect(await db().notification.count({ where: { kind: "calendar_event", status: { notIn: ["sent", "cancelled"] } } })).toBe(0);
  });

  it("moved in Outlook: the bot's meeting and its pack follow, and nothing goes back to Graph; a decline is told to the chair once; cancelled in Outlook: the meeting is cancelled", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan]) await h.install(u);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    await deliverAll();
    const meeting = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken" } });
    const mailbox = users.alex.aadObjectId;
    const [event] = calendar.events(mailbox);
    expect(FakeCalendar.meetingOf(event!)).toBe(meeting.id);
    const packKeys = async () => (await db().notification.findMany({ where: { subjectId: meeting.id, kind: "meeting_agenda", status: "pending" }, select: { key: true } })).map((n) => n.key).sort();
    expect((await packKeys()).every((k) => k.endsWith(meeting.startsAt.toISOString()))).toBe(true);

    // Megan looks at «mine møder»: a tracked copy, which must follow the move.
    expect(cardText((await h.say(users.megan, "mine møder")).cards[0])).toContain("mandag den 25. januar 2027 kl. 10.00");

    // Alex drags it to Wednesday 13:00 in Outlook.
    const moved = new Date("2027-01-27T13:00:00+01:00");
    calendar.outlookMove(mailbox, event!.id, moved);
    const before = graph.calls.length;
    expect(await h.runJob("calendar-read-back")).toEqual({ moved: 1 });
    await h.bot.settled();
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).startsAt.toISOString()).toBe(moved.toISOString());
    const keys = await packKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.endsWith(moved.toISOString()))).toBe(true); // the pack goes before the new time
    const updated = h.connector.updated.filter((u) => u.conversationId === h.conversationId(users.megan)).map((u) => cardText(u.activity));
    expect(updated.at(-1)).toContain("onsdag den 27. januar 2027 kl. 13.00");
    await deliverAll();
    // Graph was only read: the move came from it.
    expect(graph.calls.slice(before).filter((c) => !c.path.endsWith("/token")).map((c) => c.method)).toEqual(["GET"]);
    expect(calendar.startOf(calendar.events(mailbox)[0]!).toISOString()).toBe(moved.toISOString());
    expect(await h.runJob("calendar-read-back")).toEqual({}); // nothing new

    // Megan declines in Outlook: Alex is told, once.
    calendar.outlookDecline(mailbox, event!.id, "megan.bowen@eksempelkommune.dk");
    expect(await h.runJob("calendar-read-back")).toEqual({ declined: 1 });
    expect(await h.runJob("calendar-read-back")).toEqual({});
    await deliverAll();
    const notices = h.connector.cards(h.conversationId(users.alex)).map(cardText).filter((t) => t.includes("meldt afbud"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("Megan Bowen har meldt afbud i Outlook til 1:1 ledelsesopfølgningen onsdag den 27. januar 2027 kl. 13.00");

    // Alex cancels it in Outlook: the meeting is cancelled in the bot, Megan is told; no cancel goes back to Graph.
    calendar.outlookCancel(mailbox, event!.id);
    expect(await h.runJob("calendar-read-back")).toEqual({ cancelled: 1 });
    await h.bot.settled();
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("cancelled");
    await deliverAll();
    expect(calendar.cancellations).toEqual([]);
    expect(h.connector.cards(h.conversationId(users.megan)).map(cardText).some((t) => t.includes("aflyst"))).toBe(true);
    expect(await db().notification.count({ where: { kind: "calendar_event", status: { notIn: ["sent", "cancelled"] } } })).toBe(0);
  });

  it("free/busy: the årshjul's proposals keep clear of the times people are busy in Outlook", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    // Alex's mornings are taken in Outlook, every weekday of the loop.
    const mornings: { start: Date; end: Date }[] = [];
    for (let d = new Date("2026-11-23T12:00:00Z"); d < new Date("2029-01-01T00:00:00Z"); d = new Date(d.getTime() + 86_400_000)) {
      const date = d.toISOString().slice(0, 10);
      if ([0, 6].includes(d.getUTCDay())) continue;
      mornings.push({ start: zonedToUtc(date, "08:00", "Europe/Copenhagen"), end: zonedToUtc(date, "12:00", "Europe/Copenhagen") });
    }
    calendar.busy.set("alex.wilber@eksempelkommune.dk", mornings);
    const proposal = await h.say(users.alex, "årshjul");
    expect(graph.callsTo("POST", /\/calendar\/getSchedule$/).length).toBeGreaterThan(0);
    const version = Number(findAction(proposal.cards[0], "yearwheel.confirm")!.data.version);
    const entries = await db().yearWheelEntry.findMany({ where: { wheel: { unitId: "solsikken" } } });
    const alexEntries = entries.filter((e) => e.kind !== "leader_pl");
    expect(alexEntries.length).toBe(16);
    for (const e of alexEntries) {
      const start = zonedToUtc(e.date, e.time, "Europe/Copenhagen").getTime();
      const end = start + e.durationMinutes * 60_000;
      expect({ entry: `${e.date} ${e.time}`, busy: mornings.some((b) => b.start.getTime() < end && start < b.end.getTime()) }).toEqual({ entry: `${e.date} ${e.time}`, busy: false });
    }
    // Megan's own 1:1s with Jonas are not Alex's: they may be in the mornings.
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version });
    expect(await db().meeting.count({ where: { unitId: "solsikken", status: "planned" } })).toBe(28);
  });

  it("free/busy: planlæg 1:1 at a time someone is busy in Outlook is planned, with a warning naming them; Graph unreachable, planned without", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan]) await h.install(u);
    calendar.busy.set("megan.bowen@eksempelkommune.dk", [{ start: new Date("2027-01-25T10:30:00+01:00"), end: new Date("2027-01-25T11:30:00+01:00"), status: "tentative" }]);
    const busy = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    expect(cardText(busy.card)).toContain("Bemærk: Megan Bowen er optaget i Outlook på det tidspunkt. Mødet er planlagt alligevel; flyt det, hvis det ikke passer.");
    const free = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-26", time: "10:00" });
    expect(cardText(free.card)).not.toContain("optaget i Outlook");
    // Graph down: the 1:1 is planned all the same (the bot's own meetings still keep anyone from two at once).
    graph.failNext.push(...Array.from({ length: 8 }, () => ({ method: "POST", path: "/getSchedule", status: 503 })));
    const down = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-27", time: "10:00" });
    expect(cardText(down.card)).not.toContain("optaget i Outlook");
    expect(await db().meeting.count({ where: { unitId: "solsikken", status: "planned" } })).toBe(3);
  });

  it("Graph asks to wait longer than a call holds its row (429, Retry-After 120 s), or refuses (403): the row waits and goes once later; a refusal fails it, named for the administrator", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan]) await h.install(u);
    graph.failNext.push({ method: "POST", path: "/events", status: 429, retryAfter: 120 });
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    expect(await deliverAll()).toMatchObject({ retry: 1 });
    const row = await db().notification.findFirstOrThrow({ where: { kind: "calendar_event" } });
    expect(row).toMatchObject({ status: "pending", lastError: "create: throttled (TooManyRequests)" });
    expect(row.dueAt.getTime()).toBeGreaterThanOrEqual(Date.parse("2027-01-11T09:02:00+01:00"));
    expect(calendar.all()).toHaveLength(0);
    h.clock.set("2027-01-11T09:05:00+01:00");
    expect(await deliverAll()).toMatchObject({ "calendar-synced": 1 });
    expect(calendar.all()).toHaveLength(1);
    expect(calendar.made.size).toBe(1);

    // The chair's mailbox outside the application access policy: 403, failed with Graph's code, not tried again.
    const meeting = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken" } });
    graph.failNext.push({ method: "POST", path: "/cancel", status: 403, code: "ErrorAccessDenied" });
    await h.click(users.alex, "meeting.cancel", { meetingId: meeting.id });
    expect(await deliverAll()).toMatchObject({ failed: 1 });
    expect(await db().notification.findFirstOrThrow({ where: { kind: "calendar_event", subjectId: meeting.id, status: "failed" } })).toMatchObject({ lastError: "cancel: forbidden (ErrorAccessDenied)" });
    h.clock.set("2027-01-11T12:00:00+01:00");
    await deliverAll();
    expect(calendar.cancellations).toEqual([]);
  });

  it("deleted in Outlook while the bot's move was on its way: the bot's change wins and the event is made again, once", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    const proposal = await h.say(users.alex, "årshjul");
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: Number(findAction(proposal.cards[0], "yearwheel.confirm")!.data.version) });
    await deliverAll();
    const made = calendar.made.size;
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { wheel: { unitId: "solsikken" }, kind: "one_on_one", meetingId: { not: null } }, orderBy: { date: "asc" } });
    const meetingId = entry.meetingId!;
    const mailbox = users.alex.aadObjectId;
    const first = calendar.events(mailbox).find((e) => FakeCalendar.meetingOf(e) === meetingId)!;
    // Alex deletes the event in Outlook and, before the next read-back, moves the meeting in the årshjul.
    calendar.outlookCancel(mailbox, first.id);
    const wheelVersion = (await db().yearWheel.findFirstOrThrow({ where: { unitId: "solsikken" } })).version;
    const moved = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: wheelVersion, entryId: entry.id, date: "2027-03-16", time: "13:00" });
    expect(cardText(moved.card)).toContain("Mødet er flyttet");
    expect(await deliverAll()).toMatchObject({ "calendar-synced": 1 });
    const [again, ...more] = calendar.events(mailbox).filter((e) => FakeCalendar.meetingOf(e) === meetingId);
    expect(more).toEqual([]);
    expect(again!.id).not.toBe(first.id);
    expect(calendar.startOf(again!).toISOString()).toBe(new Date("2027-03-16T13:00:00+01:00").toISOString());
    expect(again!.transactionId).not.toBe(first.transactionId);
    expect(calendar.made.size).toBe(made + 1);
    expect((await db().calendarEvent.findUniqueOrThrow({ where: { meetingId } })).eventId).toBe(again!.id);
    // The read-back finds the meeting as Outlook has it: nothing to follow, the meeting stays planned.
    expect(await h.runJob("calendar-read-back")).toEqual({});
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).status).toBe("planned");
  });

  it("meetings planned before CALENDAR_SYNC=graph was switched on get their events at the next read-back, once; past and cancelled ones none", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { CALENDAR_SYNC: "link" } });
    for (const u of [users.alex, users.megan]) await h.install(u);
    for (const date of ["2027-01-13", "2027-01-25", "2027-02-08"]) await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date, time: "10:00" });
    const [soon, , cancelled] = await db().meeting.findMany({ where: { unitId: "solsikken" }, orderBy: { startsAt: "asc" } });
    await h.click(users.alex, "meeting.cancel", { meetingId: cancelled!.id });
    expect(await db().notification.count({ where: { kind: "calendar_event" } })).toBe(0);
    // IT switches to graph; the 13 January meeting has taken place meanwhile.
    h.clock.set("2027-01-14T09:00:00+01:00");
    await h.restart(graphEnv(graph));
    expect(await h.runJob("calendar-read-back")).toEqual({ caughtUp: 1 });
    expect(await h.runJob("calendar-read-back")).toEqual({}); // planned once
    await deliverAll();
    const events = calendar.all();
    expect(events).toHaveLength(1);
    const upcoming = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", status: "planned", startsAt: { gt: soon!.startsAt } } });
    expect(FakeCalendar.meetingOf(events[0]!)).toBe(upcoming.id);
    expect(calendar.startOf(events[0]!).toISOString()).toBe(upcoming.startsAt.toISOString());
    expect(await h.runJob("calendar-read-back")).toEqual({});
    expect(calendar.made.size).toBe(1);
  });

  it("a move in the årshjul onto a time someone is busy in Outlook is made, with a warning naming them", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    await h.say(users.alex, "årshjul");
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { wheel: { unitId: "solsikken" }, kind: "one_on_one" }, orderBy: { date: "asc" } });
    const wheelVersion = (await db().yearWheel.findFirstOrThrow({ where: { unitId: "solsikken" } })).version;
    calendar.busy.set("megan.bowen@eksempelkommune.dk", [{ start: new Date("2027-03-16T12:30:00+01:00"), end: new Date("2027-03-16T13:30:00+01:00") }]);
    const moved = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: wheelVersion, entryId: entry.id, date: "2027-03-16", time: "13:00" });
    expect(cardText(moved.card)).toContain("Bemærk: Megan Bowen er optaget i Outlook på det tidspunkt.");
    expect((await db().yearWheelEntry.findUniqueOrThrow({ where: { id: entry.id } })).date).toBe("2027-03-16");
    // Free then: no warning.
    const again = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: wheelVersion + 1, entryId: entry.id, date: "2027-03-17", time: "13:00" });
    expect(cardText(again.card)).toContain("Mødet er flyttet");
    expect(cardText(again.card)).not.toContain("optaget i Outlook");
  });

  it("a create Graph completed only after the meeting was cancelled (its answer lost, not found then) is taken out of the calendar by the read-back", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan]) await h.install(u);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    await deliverAll();
    // The second 1:1's create gets no answer (Graph 504 three times): it waits in the outbox, noted as sent.
    graph.failNext.push(...Array.from({ length: 3 }, () => ({ method: "POST", path: "/events", status: 504 })));
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-02-08", time: "10:00" });
    expect(await deliverAll()).toMatchObject({ retry: 1 });
    const meeting = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", startsAt: new Date("2027-02-08T10:00:00+01:00") } });
    // Alex cancels it; the bot finds no event for it (none yet) and notes it as cancelled.
    await h.click(users.alex, "meeting.cancel", { meetingId: meeting.id });
    h.clock.set("2027-01-11T10:00:00+01:00");
    await deliverAll();
    expect(calendar.cancellations).toEqual([]);
    expect(await db().calendarEvent.findUniqueOrThrow({ where: { meetingId: meeting.id } })).toMatchObject({ eventId: null, cancelled: true });
    // Graph completes the lost create after all.
    const mailbox = users.alex.aadObjectId;
    const stray = calendar.completeLate(mailbox, {
      subject: "1:1 ledelsesopfølgning",
      start: { dateTime: "2027-02-08T09:00:00", timeZone: "UTC" },
      end: { dateTime: "2027-02-08T10:00:00", timeZone: "UTC" },
      attendees: [{ emailAddress: { address: "megan.bowen@eksempelkommune.dk", name: "Megan Bowen" }, type: "required" }],
      transactionId: `laeringsloop-${meeting.id}`,
      singleValueExtendedProperties: [{ id: "String {e28f6bcd-9bc8-4c77-9c67-f5ba0b28223d} Name LaeringsloopMeetingId", value: meeting.id }],
    });
    expect(calendar.events(mailbox)).toHaveLength(2);
    expect(await h.runJob("calendar-read-back")).toEqual({ strayCancelled: 1 });
    expect(calendar.cancellations).toEqual([{ mailbox, eventId: stray, comment: "Mødet er aflyst i Læringsloop." }]);
    expect(calendar.events(mailbox)).toHaveLength(1);
    expect(await h.runJob("calendar-read-back")).toEqual({});
  });

  it("the chairs' calendar rows are claimed apart from the cards: a chief's 28 events waiting for Graph hold up nobody's card", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", env: graphEnv(graph) });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    const proposal = await h.say(users.alex, "årshjul");
    await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: Number(findAction(proposal.cards[0], "yearwheel.confirm")!.data.version) });
    const meeting = await db().meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "one_on_one" }, orderBy: { startsAt: "asc" } });
    await h.click(users.alex, "meeting.cancel", { meetingId: meeting.id });
    const pendingCalendar = () => db().notification.count({ where: { kind: "calendar_event", status: "pending" } });
    expect(await pendingCalendar()).toBe(29); // 28 meetings, and the cancelled one's second version
    // The outbox's card pass: Megan hears of the cancellation; not one calendar row was touched, no Graph call made.
    const before = graph.calls.filter((c) => !c.path.endsWith("/token")).length;
    const cards = await h.bot.delivery.runOnce();
    expect(cards["calendar-synced"]).toBeUndefined();
    expect(h.connector.cards(h.conversationId(users.megan)).map(cardText).some((t) => t.includes("aflyst"))).toBe(true);
    expect(await pendingCalendar()).toBe(29);
    expect(graph.calls.filter((c) => !c.path.endsWith("/token")).length).toBe(before);
    // The calendar pass (a job of its own): 27 events made, the cancelled meeting's never made.
    const calendars = await h.bot.delivery.runCalendar();
    expect(calendars).toMatchObject({ "calendar-synced": 27, cancelled: 2 });
    expect(calendar.all()).toHaveLength(27);
    expect(await pendingCalendar()).toBe(0);
  });
});
