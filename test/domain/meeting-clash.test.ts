import { describe, expect, it } from "vitest";
import { clashWindow, findClashes, MAX_MEETING_MINUTES, type BusyMeeting, type BusyPeriod } from "../../src/domain/meeting-clash.js";

const at = (hhmm: string) => new Date(`2027-01-18T${hhmm}:00+01:00`);
const meeting = (id: string, start: string, minutes: number, extra: Partial<BusyMeeting> = {}): BusyMeeting => ({
  id,
  kind: "one_on_one",
  firstOfLoop: false,
  unitName: "Dagtilbud Solsikken",
  startsAt: at(start),
  durationMinutes: minutes,
  ...extra,
});
const busy = (personId: string, m: BusyMeeting): BusyPeriod => ({ personId, meeting: m });

/** Alex and Megan want 10:00–11:00. */
const slot = { participantIds: ["alex", "megan"], startsAt: at("10:00"), durationMinutes: 60 };

describe("a person is never in two meetings at once", () => {
  it.each([
    ["the same time", "10:00", 60, true],
    ["starting inside it", "10:30", 60, true],
    ["ending inside it", "09:30", 60, true],
    ["around it", "09:00", 180, true],
    ["inside it", "10:15", 15, true],
    ["ending as it starts", "09:00", 60, false],
    ["starting as it ends", "11:00", 120, false],
    ["well before", "08:00", 60, false],
  ])("another meeting %s (%s, %i min): clash %s", (_what, start, minutes, clash) => {
    expect(findClashes(slot, [busy("megan", meeting("m1", start, minutes))]).length > 0).toBe(clash);
  });

  it("names each participant who is taken, with the meeting, earliest first; others' meetings do not count", () => {
    const lunch = meeting("m1", "10:30", 60, { kind: "laeringssamtale", firstOfLoop: true, unitName: "Åskolen" });
    const early = meeting("m2", "09:30", 60);
    const other = meeting("m3", "10:00", 60);
    const clashes = findClashes(slot, [busy("megan", lunch), busy("alex", lunch), busy("alex", early), busy("lars", other), busy("alex", early)]);
    expect(clashes.map((c) => [c.personId, c.meeting.id])).toEqual([
      ["alex", "m2"],
      ["alex", "m1"],
      ["megan", "m1"],
    ]);
  });

  it("a meeting being moved does not clash with itself, nor a booking with the meeting of its own request", () => {
    const own = meeting("m1", "10:00", 60, { requestId: "form-1" });
    expect(findClashes({ ...slot, meetingId: "m1" }, [busy("megan", own)])).toEqual([]);
    expect(findClashes({ ...slot, requestId: "form-1" }, [busy("megan", own)])).toEqual([]);
    expect(findClashes({ ...slot, requestId: "form-2" }, [busy("megan", own)])).toHaveLength(1);
  });

  it("reads every meeting that can overlap: from the longest meeting's length before the start to the end", () => {
    const w = clashWindow(slot);
    expect(w.to).toEqual(at("11:00"));
    expect(at("10:00").getTime() - w.from.getTime()).toBe(MAX_MEETING_MINUTES * 60_000 - 1);
    // The longest meeting there is, starting as early as the window reaches, still clashes.
    const longest = { ...meeting("m1", "10:00", MAX_MEETING_MINUTES), startsAt: w.from };
    expect(findClashes(slot, [busy("alex", longest)])).toHaveLength(1);
    const justBefore = { ...longest, startsAt: new Date(w.from.getTime() - 1) };
    expect(findClashes(slot, [busy("alex", justBefore)])).toEqual([]);
  });
});
