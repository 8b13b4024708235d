import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings, EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { formatDateTime } from "../../src/lib/format-da.js";
import { createDomainServices } from "../../src/domain/services.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { commandPatterns } from "../../src/teams/handlers/commands/index.js";
import { verbs, type Verb } from "../../src/teams/verbs.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, cardsOf, findAction, findActions, type Posted } from "../helpers/fake-connector.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";

/**
 * A test per verb (and per command): every tracked copy of every card that shows what the verb
 * changed is re-rendered where it was posted (the fake connector received the update, and the
 * updated card tells the change), the copy the click replaced is left to the click's answer, and
 * no other copy is touched. A verb that changes nothing says so, and is run too: no copy changes.
 * The table is typed over every verb and every command, so a new one does not compile (and the
 * last test fails) until it has its entry.
 *
 * Two stories, each on one bot with its real scheduler (crons that do not fire during a test), so
 * what a verb plans is delivered at once: a 1:1 between Alex and Megan (and the chief's channel),
 * and Solsikken's læringsloop with Jonas (pædagogisk leder) and Bo (board representative).
 */

const CHANNEL = "19:midt-ledelse@thread.tacv2";

/** One story's bot, with a name for every tracked copy (person.kind:subject(how), as first posted). */
class Story {
  /** Tracked copies in the order they were first seen, as first posted. */
  private seen: { activityId: string; personId: string; kind: string; subjectId: string; how: string }[] = [];
  private aliases = new Map<string, string>();
  /** What each posted card shows now: as posted, updated, or replaced by the answer to a click on it. */
  private cards = new Map<string, Record<string, unknown>>();
  constructor(readonly h: BotHarness) {}

  /** Calls an id by a short name in copy names (M1, F1, …). */
  alias(id: string, name: string): void {
    this.aliases.set(id, name);
  }

  /** Notes every tracked copy not seen yet (after each step). */
  private async noteCopies(): Promise<void> {
    const rows = await this.h.bot.store.db.sentCard.findMany({ orderBy: { createdAt: "asc" } });
    for (const r of rows) {
      if (this.seen.some((x) => x.activityId === r.activityId)) continue;
      const p = r.params ? (JSON.parse(r.params) as Record<string, unknown>) : {};
      const how = [p.pack ? "pack" : "", p.intro ? "sent" : "", typeof p.authorId === "string" ? `by-${p.authorId}` : ""].filter(Boolean).join(",");
      this.seen.push({ activityId: r.activityId, personId: r.personId, kind: r.subjectKind, subjectId: r.subjectId, how });
    }
  }

  /** A copy's name: person.kind:subject(how), #2 … for later copies of the same. */
  nameOf(activityId: string): string {
    const base = (x: (typeof this.seen)[number]) => `${x.personId}.${x.kind}:${this.aliases.get(x.subjectId) ?? x.subjectId}${x.how ? `(${x.how})` : ""}`;
    const i = this.seen.findIndex((x) => x.activityId === activityId);
    if (i < 0) return activityId;
    const n = this.seen.slice(0, i).filter((x) => base(x) === base(this.seen[i]!)).length;
    return `${base(this.seen[i]!)}${n > 0 ? `#${n + 1}` : ""}`;
  }

  /** The activity id of a named copy. */
  copy(name: string): string {
    const found = this.seen.find((x) => this.nameOf(x.activityId) === name);
    if (!found) throw new Error(`no copy named ${name}; known: ${this.seen.map((x) => this.nameOf(x.activityId)).join(", ")}`);
    return found.activityId;
  }

  /** A copy's card as it stands now. */
  current(name: string): Record<string, unknown> {
    return this.cards.get(this.copy(name))!;
  }

  /** Runs a step and waits for what it started (updates, a kicked delivery); names new copies. */
  async step<T>(act: () => Promise<T>, replaced?: string): Promise<Step<T>> {
    const [u, p] = [this.h.connector.updated.length, this.h.connector.posted.length];
    const result = await act();
    const answer = (result as { card?: Record<string, unknown> } | undefined)?.card;
    if (replaced && answer) this.cards.set(replaced, answer);
    await this.h.bot.settled();
    for (const x of [...this.h.connector.posted.slice(p), ...this.h.connector.updated.slice(u)]) this.cards.set(x.activityId, cardsOf(x.activity)[0]!);
    await this.noteCopies();
    const updates = this.h.connector.updated.slice(u).filter((x) => this.seen.some((c) => c.activityId === x.activityId));
    return new Step(result, updates, this.h.connector.posted.slice(p), (id) => this.nameOf(id));
  }

  /** Clicks a button as Teams sends it: on the copy named `on` (its replyToId), if any. */
  click(user: User, verb: Verb, data: Record<string, unknown>, on?: string, opts: { channel?: string } = {}) {
    const replyToId = on ? this.copy(on) : undefined;
    return this.step(() => this.h.click(user, verb, data, { replyToId, channel: opts.channel }), replyToId);
  }

  say(user: User, text: string, opts: { channel?: string } = {}) {
    return this.step(() => this.h.say(user, text, opts));
  }

  /** The button with `verb` on a copy as it stands now. */
  button(name: string, verb: Verb, index = 0): Record<string, unknown> {
    const action = findActions(this.current(name), verb)[index];
    if (!action) throw new Error(`no ${verb} on ${name}`);
    return action.data;
  }
}

class Step<T> {
  constructor(
    readonly result: T,
    readonly updates: Posted[],
    readonly posts: Posted[],
    private readonly nameOf: (activityId: string) => string,
  ) {}

  /** Exactly these copies were updated, each now showing its text(s). */
  expectUpdated(expected: Record<string, string | RegExp | (string | RegExp)[]>): void {
    const byName = new Map(this.updates.map((u) => [this.nameOf(u.activityId), cardText(u.activity)]));
    expect([...byName.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, want] of Object.entries(expected)) {
      for (const w of Array.isArray(want) ? want : [want]) {
        if (typeof w === "string") expect(byName.get(name), name).toContain(w);
        else expect(byName.get(name), name).toMatch(w);
      }
    }
  }

  /** No tracked copy was updated. */
  expectNothingUpdated(): void {
    expect(this.updates.map((u) => this.nameOf(u.activityId))).toEqual([]);
  }

  /** Cards posted to a person during the step (a kicked delivery, an opened card). */
  postedTo(h: BotHarness, user: User): string[] {
    return this.posts.filter((p) => p.conversationId === h.conversationId(user)).map((p) => cardText(p.activity));
  }
}

type StoryName = "oneOnOne" | "requiredOneOnOne" | "loop" | "closing" | "selvejende";
interface Case {
  story: StoryName;
  /** What it changes, in words ("nothing", and why, for a verb that changes nothing). */
  changes: string;
  run(s: Story): Promise<void>;
}

/** Ids the cases share within a story. */
const ids: Record<string, string> = {};
const followUp = async (s: Story, text: string) => s.h.bot.store.db.followUp.findFirstOrThrow({ where: { text } });

/** The rows of the 1:1's opfølgningsskema, as Alex types them (again on closing). */
const formRows = { decision_0: "Sprogvurderinger gennemgås", followup_0: "Sprogvurderinger i vuggestuen", owner_0: "megan", due_0: "2027-02-01", decision_1: "Overgange evalueres", followup_1: "Evaluere overgangssamtaler", owner_1: "megan", due_1: "2027-03-01", eval_1: "2027-01-21" };

export const verbCases: Record<Verb, Case> = {
  // —— the 1:1 story: Monday 11 January 2027, Alex and Megan have their lists open ——
  [verbs.helpOpen]: {
    story: "oneOnOne",
    changes: "nothing (shows the help card)",
    run: async (s) => (await s.click(users.megan, verbs.helpOpen, {})).expectNothingUpdated(),
  },
  [verbs.scheduleOpen]: {
    story: "oneOnOne",
    changes: "nothing (shows the scheduling form)",
    run: async (s) => (await s.click(users.alex, verbs.scheduleOpen, {})).expectNothingUpdated(),
  },
  [verbs.scheduleSubmit]: {
    story: "oneOnOne",
    changes: "a new meeting: both participants' «mine møder»; its pack is due and goes at once",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.scheduleSubmit, { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
      ids.M1 = (await s.h.bot.store.db.meeting.findFirstOrThrow()).id;
      s.alias(ids.M1, "M1");
      r.expectUpdated({ "alex.meetings:alex": "1:1 ledelsesopfølgning med Megan Bowen", "megan.meetings:megan": "onsdag den 13. januar 2027 kl. 10.00" });
      expect(r.postedTo(s.h, users.megan)).toEqual([expect.stringContaining("Dagsorden: 1:1"), expect.stringContaining("Refleksionsguide: 1:1")]);
    },
  },
  [verbs.commandOpen]: {
    story: "oneOnOne",
    changes: "nothing (opens the card of the command a near miss was close to)",
    run: async (s) => (await s.click(users.megan, verbs.commandOpen, { command: "help" })).expectNothingUpdated(),
  },
  [verbs.meetingsOpen]: {
    story: "oneOnOne",
    changes: "nothing (the list again, in place)",
    run: async (s) => (await s.click(users.megan, verbs.meetingsOpen, {}, "megan.meetings:megan")).expectNothingUpdated(),
  },
  [verbs.agendaOpen]: {
    story: "oneOnOne",
    changes: "nothing (posts the dagsorden beside the list: a tracked copy)",
    run: async (s) => {
      const r = await s.click(users.megan, verbs.agendaOpen, { meetingId: ids.M1, from: "meetings" }, "megan.meetings:megan");
      r.expectNothingUpdated();
      expect(s.copy("megan.agenda:M1")).toBe(r.posts.at(-1)!.activityId);
    },
  },
  [verbs.agendaAddTopic]: {
    story: "oneOnOne",
    changes: "the meeting's topics: every other copy of its dagsorden",
    run: async (s) => {
      const r = await s.click(users.megan, verbs.agendaAddTopic, { meetingId: ids.M1, topic: "Sygefravær i vuggestuen" }, "megan.agenda:M1");
      const topic = "Sygefravær i vuggestuen (tilføjet af Megan Bowen)";
      r.expectUpdated({ "alex.agenda:M1(pack)": topic, "megan.agenda:M1(pack)": topic });
    },
  },
  [verbs.reflectionOpen]: {
    story: "oneOnOne",
    changes: "nothing (posts Megan's refleksionsguide beside Alex's dagsorden: a tracked copy)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.reflectionOpen, { meetingId: ids.M1, from: "agenda" }, "alex.agenda:M1(pack)");
      r.expectNothingUpdated();
      expect(s.copy("alex.reflection:M1(by-megan)#2")).toBe(r.posts.at(-1)!.activityId);
    },
  },
  [verbs.reflectionSend]: {
    story: "oneOnOne",
    changes: "Megan's reflection: every copy of her guide (Alex's two) and of the dagsorden",
    run: async (s) => {
      const guide = "megan.reflection:M1(by-megan)";
      const r = await s.click(users.megan, verbs.reflectionSend, { ...s.button(guide, verbs.reflectionSend), q_data_drift: "Sprogdata viser et fald.", q_sparring: "Vikardækning i uge 6." }, guide);
      const sent = "Refleksion fra Megan Bowen: sendt";
      r.expectUpdated({
        "alex.reflection:M1(by-megan)": ["Vikardækning i uge 6.", /Sendt /],
        "alex.reflection:M1(by-megan)#2": ["Vikardækning i uge 6.", /Sendt /],
        "alex.agenda:M1(pack)": sent,
        "megan.agenda:M1(pack)": sent,
        "megan.agenda:M1": sent,
      });
    },
  },
  [verbs.reflectionEdit]: {
    story: "oneOnOne",
    changes: "nothing (opens the sent answers for editing, in place)",
    run: async (s) => (await s.click(users.megan, verbs.reflectionEdit, { meetingId: ids.M1 }, "megan.reflection:M1(by-megan)")).expectNothingUpdated(),
  },
  [verbs.reflectionNothingNew]: {
    story: "oneOnOne",
    changes: "Megan's reflection, answered «Intet nyt» (her guide sent empty says the same): every copy of her guide (Alex's two) and of the dagsorden; the button after it changes nothing",
    run: async (s) => {
      const guide = "megan.reflection:M1(by-megan)";
      // «Intet nyt» never erases sent answers: she empties her guide herself and sends it, which in a 1:1 is «Intet nyt».
      const emptied = await s.click(users.megan, verbs.reflectionSend, { ...s.button(guide, verbs.reflectionSend), q_data_drift: "", q_sparring: "" }, guide);
      const nothingNew = "Refleksion fra Megan Bowen: intet nyt";
      emptied.expectUpdated({
        "alex.reflection:M1(by-megan)": "Intet nyt siden sidst.",
        "alex.reflection:M1(by-megan)#2": "Intet nyt siden sidst.",
        "alex.agenda:M1(pack)": nothingNew,
        "megan.agenda:M1(pack)": nothingNew,
        "megan.agenda:M1": nothingNew,
      });
      await s.click(users.megan, verbs.reflectionEdit, { meetingId: ids.M1 }, guide);
      (await s.click(users.megan, verbs.reflectionNothingNew, s.button(guide, verbs.reflectionNothingNew), guide)).expectNothingUpdated();
    },
  },
  [verbs.formOpen]: {
    story: "oneOnOne",
    changes: "nothing (posts the opfølgningsskema: a tracked copy, refreshed only when the meeting is closed or reopened)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.formOpen, { meetingId: ids.M1, from: "agenda" }, "alex.agenda:M1(pack)");
      r.expectNothingUpdated();
      ids.form = r.posts.at(-1)!.activityId;
      expect(s.copy("alex.form:M1")).toBe(ids.form);
    },
  },
  [verbs.formSave]: {
    story: "oneOnOne",
    changes: "decisions and new follow-ups: the owner's «mine opgaver»; their cards go at once",
    run: async (s) => {
      const form = s.h.connector.posted.find((p) => p.activityId === ids.form)!;
      // The form offers one empty row: the first decision, saved, brings the row for the second.
      const r = await s.step(async () => {
        const first = await s.h.click(users.alex, verbs.formSave, { ...findAction(cardsOf(form.activity)[0], "form.save")!.data, ...formRows }, { replyToId: ids.form });
        expect(cardText(first.card)).toContain("Gemt kl. 09.00: 1 ny beslutning, 1 nyt opfølgningspunkt (version 1).");
        return s.h.click(users.alex, verbs.formSave, { ...findAction(first.card, "form.save")!.data, ...formRows }, { replyToId: ids.form });
      }, ids.form);
      expect(cardText(r.result.card)).toContain("Gemt kl. 09.00: 1 ny beslutning, 1 nyt opfølgningspunkt (version 2).");
      r.expectUpdated({ "megan.tasks:megan": ["Sprogvurderinger i vuggestuen", "Evaluere overgangssamtaler"] });
      expect(r.postedTo(s.h, users.megan)).toEqual([expect.stringContaining("Du er ansvarlig for et nyt opfølgningspunkt"), expect.stringContaining("Du er ansvarlig for et nyt opfølgningspunkt")]);
      s.alias((await followUp(s, "Sprogvurderinger i vuggestuen")).id, "F1");
      s.alias((await followUp(s, "Evaluere overgangssamtaler")).id, "F2");
    },
  },
  [verbs.referatOpen]: {
    story: "oneOnOne",
    changes: "nothing (posts the referat beside the list: a tracked copy)",
    run: async (s) => {
      const r = await s.click(users.megan, verbs.referatOpen, { meetingId: ids.M1, from: "meetings" }, "megan.meetings:megan");
      r.expectNothingUpdated();
      expect(s.copy("megan.referat:M1")).toBe(r.posts.at(-1)!.activityId);
    },
  },
  [verbs.formClose]: {
    story: "oneOnOne",
    changes: "the meeting is closed: its dagsordener, the author's guide (no longer editable), the other opfølgningsskema, both «mine møder», a referat opened before (now with «Hent referat som PDF»); the referat goes at once",
    run: async (s) => {
      const opened = await s.click(users.alex, verbs.formOpen, { meetingId: ids.M1, from: "agenda" }, "alex.agenda:M1(pack)");
      const form = opened.posts.at(-1)!;
      const r = await s.step(() => s.h.click(users.alex, verbs.formClose, { ...findAction(cardsOf(form.activity)[0], "form.close")!.data, ...formRows }, { replyToId: form.activityId }));
      const closed = /Status\nAfsluttet/;
      r.expectUpdated({
        "alex.agenda:M1(pack)": closed,
        "megan.agenda:M1(pack)": closed,
        "megan.agenda:M1": closed,
        "megan.reflection:M1(by-megan)": /Sendt /,
        "alex.form:M1": "Mødet blev afsluttet mandag den 11. januar 2027 kl. 09.00, og referatet er sendt.",
        "alex.meetings:alex": "Afsluttet",
        "megan.meetings:megan": "Afsluttet",
        // The referat Megan opened before: it now has a referat in force to download.
        "megan.referat:M1": "Hent referat som PDF",
      });
      for (const u of [users.alex, users.megan]) expect(r.postedTo(s.h, u)).toEqual([expect.stringContaining("Referat: 1:1 ledelsesopfølgning")]);
      // The author's guide can no longer be edited.
      expect(findAction(s.current("megan.reflection:M1(by-megan)"), verbs.reflectionEdit)).toBeUndefined();
    },
  },
  [verbs.tasksOpen]: {
    story: "oneOnOne",
    changes: "nothing (the list again, in place)",
    run: async (s) => (await s.click(users.megan, verbs.tasksOpen, { view: "tasks" }, "megan.tasks:megan")).expectNothingUpdated(),
  },
  [verbs.followUpDone]: {
    story: "oneOnOne",
    changes: "a carried follow-up is done: the next dagsordener drop it, the referater, the owner's list",
    run: async (s) => {
      // The next 1:1 (27 January): its pack lists the open follow-ups; F2's evaluation date has come.
      await s.click(users.alex, verbs.scheduleSubmit, { leader: "solsikken/megan", date: "2027-01-27", time: "10:00" });
      ids.M2 = (await s.h.bot.store.db.meeting.findFirstOrThrow({ where: { id: { not: ids.M1 } } })).id;
      s.alias(ids.M2, "M2");
      s.h.clock.set("2027-01-22T08:00:00+01:00");
      await s.step(() => s.h.deliver());
      expect(cardText(s.current("megan.agenda:M2(pack)"))).toContain("Sprogvurderinger i vuggestuen (Megan Bowen, frist 01.02.2027)");

      const card = "megan.followup:F1";
      const r = await s.click(users.megan, verbs.followUpDone, s.button(card, verbs.followUpDone), card);
      const gone = (t: string) => expect(t).not.toContain("Sprogvurderinger i vuggestuen");
      r.expectUpdated({
        "alex.agenda:M2(pack)": "Evaluere overgangssamtaler (Megan Bowen, frist 01.03.2027)",
        "megan.agenda:M2(pack)": "Evaluere overgangssamtaler (Megan Bowen, frist 01.03.2027)",
        "alex.referat:M1(sent)": "Sprogvurderinger i vuggestuen",
        "megan.referat:M1(sent)": "Sprogvurderinger i vuggestuen",
        "megan.referat:M1": "Sprogvurderinger i vuggestuen",
        "megan.tasks:megan": "1 åbent opfølgningspunkt.",
      });
      gone(cardText(s.current("alex.agenda:M2(pack)")));
      gone(cardText(s.current("megan.tasks:megan")));
    },
  },
  [verbs.followUpReopen]: {
    story: "oneOnOne",
    changes: "the follow-up is open again: back on the next dagsordener and the owner's list; the referater",
    run: async (s) => {
      const card = "megan.followup:F1";
      const r = await s.click(users.megan, verbs.followUpReopen, s.button(card, verbs.followUpReopen), card);
      const back = "Sprogvurderinger i vuggestuen (Megan Bowen, frist 01.02.2027)";
      r.expectUpdated({
        "alex.agenda:M2(pack)": back,
        "megan.agenda:M2(pack)": back,
        "alex.referat:M1(sent)": "Sprogvurderinger i vuggestuen",
        "megan.referat:M1(sent)": "Sprogvurderinger i vuggestuen",
        "megan.referat:M1": "Sprogvurderinger i vuggestuen",
        "megan.tasks:megan": "2 åbne opfølgningspunkter",
      });
    },
  },
  [verbs.followUpPostpone]: {
    story: "oneOnOne",
    changes: "a new frist, from «mine opgaver»: the follow-up's card, the next dagsordener, the referater",
    run: async (s) => {
      const list = "megan.tasks:megan";
      const button = s.button(list, verbs.followUpPostpone);
      const r = await s.click(users.megan, verbs.followUpPostpone, { ...button, [String(button.dueInput)]: "2027-02-08" }, list);
      const later = "Sprogvurderinger i vuggestuen (Megan Bowen, frist 08.02.2027)";
      r.expectUpdated({
        "megan.followup:F1": ["Åben", "08.02.2027"],
        "alex.agenda:M2(pack)": later,
        "megan.agenda:M2(pack)": later,
        "alex.referat:M1(sent)": "Sprogvurderinger i vuggestuen (MB følger op senest 08.02.2027)",
        "megan.referat:M1(sent)": "Sprogvurderinger i vuggestuen (MB følger op senest 08.02.2027)",
        "megan.referat:M1": "Sprogvurderinger i vuggestuen (MB følger op senest 08.02.2027)",
      });
    },
  },
  [verbs.followUpComment]: {
    story: "oneOnOne",
    changes: "a comment: the follow-up's card; the owner's list (its buttons carry the new version)",
    run: async (s) => {
      const f1 = await followUp(s, "Sprogvurderinger i vuggestuen");
      const r = await s.click(users.alex, verbs.followUpComment, { followUpId: f1.id, version: f1.version, comment: "God start på sprogarbejdet" });
      r.expectUpdated({ "megan.followup:F1": "Alex Wilber, 22.01.2027: God start på sprogarbejdet", "megan.tasks:megan": "Sprogvurderinger i vuggestuen" });
      expect(Number(s.button("megan.tasks:megan", verbs.followUpDone).version)).toBe(f1.version + 1);
    },
  },
  [verbs.evaluationExtend]: {
    story: "oneOnOne",
    changes: "a new evaluation date: the other evaluation card, the follow-up's card, the owner's list",
    run: async (s) => {
      const mine = "megan.evaluation:F2";
      const r = await s.click(users.megan, verbs.evaluationExtend, { ...s.button(mine, verbs.evaluationExtend), newEvaluateOn: "2027-02-15" }, mine);
      r.expectUpdated({ "alex.evaluation:F2": "Evalueres\n15.02.2027", "megan.followup:F2": "Evaluere overgangssamtaler", "megan.tasks:megan": "Evaluere overgangssamtaler" });
    },
  },
  [verbs.evaluationNext]: {
    story: "oneOnOne",
    changes: "on the next meeting's agenda for evaluation: the other evaluation card, the next dagsordener, the follow-up's card, the list",
    run: async (s) => {
      const his = "alex.evaluation:F2";
      const r = await s.click(users.alex, verbs.evaluationNext, s.button(his, verbs.evaluationNext), his);
      const marked = /Evaluere overgangssamtaler \(Megan Bowen, frist 01\.03\.2027\) · /;
      r.expectUpdated({
        "megan.evaluation:F2": "Står på næste mødes dagsorden til evaluering.",
        "alex.agenda:M2(pack)": marked,
        "megan.agenda:M2(pack)": marked,
        "megan.followup:F2": "Evaluere overgangssamtaler",
        "megan.tasks:megan": "Evaluere overgangssamtaler",
      });
    },
  },
  [verbs.evaluationEnd]: {
    story: "oneOnOne",
    changes: "the follow-up ends: the other evaluation card, the next dagsordener and the list drop it, its card, the referater",
    run: async (s) => {
      const his = "alex.evaluation:F2";
      const r = await s.click(users.alex, verbs.evaluationEnd, s.button(his, verbs.evaluationEnd), his);
      r.expectUpdated({
        "megan.evaluation:F2": "Status: afsluttet.",
        "alex.agenda:M2(pack)": "Sprogvurderinger i vuggestuen",
        "megan.agenda:M2(pack)": "Sprogvurderinger i vuggestuen",
        "megan.followup:F2": "Annulleret",
        "alex.referat:M1(sent)": "Overgange evalueres",
        "megan.referat:M1(sent)": "Overgange evalueres",
        "megan.referat:M1": "Overgange evalueres",
        "megan.tasks:megan": "1 åbent opfølgningspunkt.",
      });
      expect(cardText(s.current("megan.agenda:M2(pack)"))).not.toContain("Evaluere overgangssamtaler");
    },
  },
  [verbs.followUpReassign]: {
    story: "oneOnOne",
    changes: "a new owner: the follow-up's card, the next dagsordener, the referater, the former owner's list; the new owner's card goes at once",
    run: async (s) => {
      const f1 = await followUp(s, "Sprogvurderinger i vuggestuen");
      const r = await s.click(users.alex, verbs.followUpReassign, { followUpId: f1.id, version: f1.version, ownerInput: "owner_f1", owner_f1: "alex" });
      r.expectUpdated({
        "megan.followup:F1": "Ansvarlig\nAlex Wilber",
        "alex.agenda:M2(pack)": "Sprogvurderinger i vuggestuen (Alex Wilber, frist 08.02.2027)",
        "megan.agenda:M2(pack)": "Sprogvurderinger i vuggestuen (Alex Wilber, frist 08.02.2027)",
        "alex.referat:M1(sent)": "Sprogvurderinger i vuggestuen (AW følger op senest 08.02.2027)",
        "megan.referat:M1(sent)": "Sprogvurderinger i vuggestuen (AW følger op senest 08.02.2027)",
        "megan.referat:M1": "Sprogvurderinger i vuggestuen (AW følger op senest 08.02.2027)",
        "megan.tasks:megan": "Du har ingen åbne opfølgningspunkter.",
      });
      expect(r.postedTo(s.h, users.alex)).toEqual([expect.stringContaining("Du er ansvarlig for et nyt opfølgningspunkt")]);
    },
  },
  [verbs.reminderSnooze]: {
    story: "requiredOneOnOne",
    changes: "nothing shown elsewhere (plans the same reminder again)",
    run: async (s) => {
      // The working day before the 1:1, Megan gets the reminder to send her reflection.
      s.h.clock.set("2027-01-26T08:00:00+01:00");
      await s.step(() => s.h.deliver());
      const reminder = "megan.reflection:M2(by-megan)#2";
      expect(cardText(s.current(reminder))).toContain("Mind mig igen");
      const r = await s.click(users.megan, verbs.reminderSnooze, { ...s.button(reminder, verbs.reminderSnooze), snoozeFor: "1" }, reminder);
      r.expectNothingUpdated();
      expect(await s.h.bot.store.db.notification.count({ where: { kind: "reflection_reminder", personId: "megan", key: { contains: "|snooze@" } } })).toBe(1);
    },
  },
  [verbs.meetingCancel]: {
    story: "oneOnOne",
    changes: "the meeting is cancelled: every other copy of its dagsorden, both «mine møder»; the notice goes at once",
    run: async (s) => {
      await s.click(users.alex, verbs.scheduleSubmit, { leader: "solsikken/megan", date: "2027-02-10", time: "10:00" });
      ids.M3 = (await s.h.bot.store.db.meeting.findFirstOrThrow({ where: { id: { notIn: [ids.M1!, ids.M2!] } } })).id;
      s.alias(ids.M3, "M3");
      await s.click(users.megan, verbs.agendaOpen, { meetingId: ids.M3, from: "meetings" }, "megan.meetings:megan");
      await s.click(users.alex, verbs.agendaOpen, { meetingId: ids.M3, from: "meetings" }, "alex.meetings:alex");
      const r = await s.click(users.alex, verbs.meetingCancel, { meetingId: ids.M3 }, "alex.agenda:M3");
      r.expectUpdated({ "megan.agenda:M3": "Mødet er aflyst.", "alex.meetings:alex": /^(?![\s\S]*10\. februar)/, "megan.meetings:megan": /^(?![\s\S]*10\. februar)/ });
      expect(r.postedTo(s.h, users.megan)).toEqual([expect.stringContaining("er aflyst af Alex Wilber")]);
    },
  },
  [verbs.preferencesOpen]: {
    story: "oneOnOne",
    changes: "nothing (shows the person's own settings)",
    run: async (s) => (await s.click(users.megan, verbs.preferencesOpen, {})).expectNothingUpdated(),
  },
  [verbs.preferencesSave]: {
    story: "oneOnOne",
    changes: "nothing a tracked card shows (the person's own settings: a form, not tracked)",
    run: async (s) => (await s.click(users.megan, verbs.preferencesSave, { remind_dueSoon: "off", digestTime: "09:00" })).expectNothingUpdated(),
  },
  [verbs.yearWheelOpen]: {
    story: "oneOnOne",
    changes: "nothing (shows another unit's årshjul)",
    run: async (s) => (await s.click(users.alex, verbs.yearWheelOpen, { pick: true, showUnitId: "kastanjen" })).expectNothingUpdated(),
  },
  [verbs.channelLink]: {
    story: "oneOnOne",
    changes: "no personal card (the channel's status card is posted and kept by channel-publisher)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.channelLink, { areaId: "midt" }, undefined, { channel: CHANNEL });
      r.expectNothingUpdated();
      expect(s.h.channelPosts(CHANNEL).map((p) => cardText(p.activity))).toContainEqual(expect.stringContaining("Status: Område Midt"));
    },
  },
  [verbs.channelUnit]: {
    story: "oneOnOne",
    changes: "nothing (posts the unit's card in the thread)",
    run: async (s) => (await s.click(users.alex, verbs.channelUnit, { areaId: "midt", unitId: "solsikken" }, undefined, { channel: CHANNEL })).expectNothingUpdated(),
  },
  [verbs.channelExport]: {
    story: "oneOnOne",
    changes: "nothing a tracked card shows (sends download links to the chief's chat)",
    run: async (s) => (await s.click(users.alex, verbs.channelExport, { areaId: "midt", exportFrom: "2027-01-01", exportTo: "2027-01-26" }, undefined, { channel: CHANNEL })).expectNothingUpdated(),
  },
  [verbs.calendarFile]: {
    // In the shorter story: its one extra post would put the 1:1 story's busy chats over Teams' pace (the pacer then waits).
    story: "closing",
    changes: "nothing a tracked card shows (sends a link to the calendar file to the person's chat; the card clicked stays)",
    run: async (s) => {
      const m = await s.h.bot.store.db.meeting.findFirstOrThrow();
      const r = await s.click(users.megan, verbs.calendarFile, { meetingId: m.id }, "megan.meetings:megan");
      r.expectNothingUpdated();
      expect(r.postedTo(s.h, users.megan).join("\n")).toContain("Kalenderfil");
    },
  },
  [verbs.referatPdf]: {
    story: "closing",
    changes: "nothing a tracked card shows (sends a link to the referat as a PDF to the person's chat; the referat clicked stays)",
    run: async (s) => {
      const copy = "megan.referat:M5(sent)";
      const r = await s.click(users.megan, verbs.referatPdf, s.button(copy, verbs.referatPdf), copy);
      r.expectNothingUpdated();
      expect(r.postedTo(s.h, users.megan).join("\n")).toContain("Referat som PDF");
    },
  },
  [verbs.channelUnlink]: {
    story: "oneOnOne",
    changes: "no personal card (the channel's status card says it no longer follows the area)",
    run: async (s) => (await s.click(users.alex, verbs.channelUnlink, { areaId: "midt" }, undefined, { channel: CHANNEL })).expectNothingUpdated(),
  },
  // —— the closing story: Monday 18 January 2027, a 1:1 at 10.00 that Alex closes at 11.30 ——
  [verbs.meetingReopen]: {
    story: "closing",
    changes: "the closed meeting is reopened for corrections: its dagsordener, the other referater, the other opfølgningsskema, both «mine møder»; closed again, everyone gets «Rettet referat»",
    run: async (s) => {
      const sent = "alex.referat:M5(sent)";
      const r = await s.click(users.alex, verbs.meetingReopen, s.button(sent, verbs.meetingReopen), sent);
      const reopened = "Alex Wilber har genåbnet mødet mandag den 18. januar 2027 kl. 12.00";
      r.expectUpdated({
        "alex.agenda:M5(pack)": "Genåbnet for rettelser",
        "megan.agenda:M5(pack)": "Genåbnet for rettelser",
        "megan.referat:M5(sent)": reopened,
        "megan.referat:M5": reopened,
        "alex.form:M5": "Mødet er genåbnet for rettelser",
        "alex.meetings:alex": "Genåbnet for rettelser",
        "megan.meetings:megan": "Genåbnet for rettelser",
      });
      expect(cardText(s.current(sent))).toContain(reopened);
      // The form opens beside the referat, editable; nothing goes to Megan yet.
      expect(r.postedTo(s.h, users.alex)).toEqual([expect.stringContaining("Mødet er genåbnet. Ret i skemaet")]);
      expect(r.postedTo(s.h, users.megan)).toEqual([]);

      // Corrected and closed again: every copy follows, and both get the corrected referat once.
      const beside = "alex.form:M5#2";
      const c = await s.click(users.alex, verbs.formClose, { ...findAction(s.current(beside), verbs.formClose)!.data, decision_0: "Vikarplanen lægges før påske" }, beside);
      const corrected = ["Rettet referat: 1:1 ledelsesopfølgning", "Vikarplanen lægges før påske"];
      c.expectUpdated({
        "alex.agenda:M5(pack)": /Status\nAfsluttet/,
        "megan.agenda:M5(pack)": /Status\nAfsluttet/,
        "alex.referat:M5(sent)": corrected,
        "megan.referat:M5(sent)": corrected,
        "megan.referat:M5": corrected,
        "alex.form:M5": "Mødet blev afsluttet",
        "alex.meetings:alex": "Afsluttet",
        "megan.meetings:megan": "Afsluttet",
      });
      for (const u of [users.alex, users.megan]) expect(c.postedTo(s.h, u)).toEqual([expect.stringContaining("Rettet referat: 1:1 ledelsesopfølgning")]);
    },
  },

  // —— the læringsloop story: Monday 23 November 2026, Solsikken's årshjul is proposed ——
  [verbs.yearWheelConfirm]: {
    story: "loop",
    changes: "the meetings of the loop are created: every participant's «mine møder»",
    run: async (s) => {
      const r = await s.step(() => s.h.click(users.alex, verbs.yearWheelConfirm, findAction(s.h.connector.posted.findLast((p) => cardText(p.activity).includes("Årshjul"))!.activity, "yearwheel.confirm")!.data));
      r.expectUpdated({ "megan.meetings:megan": "1:1 med Jonas Dahl (pædagogisk leder)", "jonas.meetings:jonas": "1:1 med Megan Bowen" });
    },
  },
  [verbs.yearWheelMove]: {
    story: "loop",
    changes: "a confirmed meeting moves (the leader's own 1:1, moved by her): its participants' «mine møder»",
    run: async (s) => {
      const db = s.h.bot.store.db;
      const entry = await db.yearWheelEntry.findFirstOrThrow({ where: { kind: "leader_pl", withPersonId: "jonas" }, orderBy: { date: "asc" } });
      const wheel = await db.yearWheel.findFirstOrThrow();
      const r = await s.step(() => s.h.click(users.megan, verbs.yearWheelMove, { unitId: "solsikken", version: wheel.version, entryId: entry.id, date: "2027-01-14", time: "11:00" }));
      r.expectUpdated({ "megan.meetings:megan": "torsdag den 14. januar 2027 kl. 11.00", "jonas.meetings:jonas": "torsdag den 14. januar 2027 kl. 11.00" });
    },
  },
  [verbs.yearWheelConfirmOwn]: {
    story: "loop",
    changes: "nothing here: the chief's «Godkend» made the leader's own 1:1s already (made by her first, they are created as «Godkend» creates them)",
    run: async (s) => (await s.click(users.megan, verbs.yearWheelConfirmOwn, { unitId: "solsikken" })).expectNothingUpdated(),
  },
  [verbs.yearWheelCancel]: {
    story: "loop",
    changes: "the leader cancels her own 1:1 from the årshjul: both participants' «mine møder»; Jonas is told",
    run: async (s) => {
      const db = s.h.bot.store.db;
      const [, entry] = await db.yearWheelEntry.findMany({ where: { kind: "leader_pl", withPersonId: "jonas" }, orderBy: { date: "asc" }, take: 2 });
      const meeting = await db.meeting.findUniqueOrThrow({ where: { id: entry!.meetingId! } });
      const r = await s.step(() => s.h.click(users.megan, verbs.yearWheelCancel, { unitId: "solsikken", cancelEntryId: entry!.id }));
      expect(await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({ status: "cancelled" });
      // Gone from both lists of coming meetings.
      const gone = new RegExp(`^(?![\\s\\S]*${formatDateTime(meeting.startsAt).replace(/\./g, "\\.")})`);
      r.expectUpdated({ "megan.meetings:megan": gone, "jonas.meetings:jonas": gone });
      expect(r.postedTo(s.h, users.jonas)).toEqual([expect.stringContaining("er aflyst af Megan Bowen")]);
    },
  },
  [verbs.focusOpen]: {
    story: "loop",
    changes: "nothing (posts the focus areas beside the dagsorden: a tracked copy)",
    run: async (s) => {
      const db = s.h.bot.store.db;
      const first = await db.meeting.findFirstOrThrow({ where: { kind: "laeringssamtale", firstOfLoop: true } });
      ids.LS1 = first.id;
      s.alias(first.id, "LS1");
      // The first læringssamtale's pack goes to every participant.
      s.h.clock.set((await db.notification.findFirstOrThrow({ where: { subjectId: first.id, kind: "meeting_agenda" } })).dueAt.toISOString());
      await s.step(() => s.h.deliver());
      const r = await s.click(users.jonas, verbs.focusOpen, { meetingId: first.id, from: "agenda" }, "jonas.agenda:LS1(pack)");
      r.expectNothingUpdated();
      expect(s.copy("jonas.focusAreas:LS1")).toBe(r.posts.at(-1)!.activityId);
    },
  },
  [verbs.focusPropose]: {
    story: "loop",
    changes: "the leader's proposal of focus areas: every copy of the focus areas card (the dagsordener show approved areas only)",
    run: async (s) => {
      await s.click(users.megan, verbs.focusOpen, { meetingId: ids.LS1, from: "agenda" }, "megan.agenda:LS1(pack)");
      const card = "megan.focusAreas:LS1";
      const r = await s.click(users.megan, verbs.focusPropose, { ...s.button(card, verbs.focusPropose), theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet i vuggestuen" }, card);
      r.expectUpdated({
        "jonas.focusAreas:LS1": ["Lederens forslag", "Sprogmiljøet i vuggestuen"],
        // The chair's dagsorden says a proposal waits; the leader's no longer invites her to propose.
        "alex.agenda:LS1(pack)": "Lederens forslag til fokusområder venter på din godkendelse",
        "megan.agenda:LS1(pack)": /^(?![\s\S]*Foreslå fokusområder:)/,
      });
    },
  },
  [verbs.initiativeSave]: {
    story: "loop",
    changes: "a forvaltning initiative: no tracked card shows initiatives (the unit's load is counted where it is shown)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.initiativeSave, { requestId: "00000000-0000-4000-8000-0000000000a1", title: "Ny model for sprogvurderinger", scope: "solsikken" });
      r.expectNothingUpdated();
    },
  },
  [verbs.initiativeEnd]: {
    story: "loop",
    changes: "a forvaltning initiative ends: no tracked card shows initiatives (its evaluation card, not sent yet, is cancelled)",
    run: async (s) => {
      const i = await s.h.bot.store.db.initiative.findFirstOrThrow({ where: { requestId: { not: null } }, orderBy: { createdAt: "desc" } });
      const r = await s.click(users.alex, verbs.initiativeEnd, { id: i.id, version: i.version, confirmed: true });
      r.expectNothingUpdated();
    },
  },
  [verbs.focusSave]: {
    story: "loop",
    changes: "the unit's focus areas (approving the leader's proposal): every copy of the loop's dagsordener and of the focus areas card",
    run: async (s) => {
      await s.click(users.alex, verbs.focusOpen, { meetingId: ids.LS1, from: "agenda" }, "alex.agenda:LS1(pack)");
      const card = "alex.focusAreas:LS1";
      const r = await s.click(users.alex, verbs.focusSave, { ...s.button(card, verbs.focusSave), theme_0: "0-6-2027/sprog", title_0: "Sprogmiljøet i vuggestuen" }, card);
      const shown = "Sprogmiljøet i vuggestuen (tema: Sprog og kommunikation)";
      r.expectUpdated({
        "alex.agenda:LS1(pack)": shown,
        "megan.agenda:LS1(pack)": shown,
        "jonas.agenda:LS1(pack)": shown,
        "bo.agenda:LS1(pack)": shown,
        "jonas.focusAreas:LS1": "Sprogmiljøet i vuggestuen",
        // Megan's proposal is approved: her card no longer takes changes.
        "megan.focusAreas:LS1": "Godkendt af Alex Wilber",
        // The card the outbox brought the chair with her proposal.
        "alex.focusAreas:LS1#2": "Sprogmiljøet i vuggestuen",
      });
    },
  },
  [verbs.agendaIndstilling]: {
    story: "loop",
    changes: "an indstilling drafted on the dagsorden: every copy of that læringssamtale's dagsorden",
    run: async (s) => {
      const card = "alex.agenda:LS1(pack)";
      const data = s.button(card, verbs.agendaIndstilling);
      const first = Object.keys(JSON.parse(String(data.shown)) as Record<string, string>)[0]!;
      const r = await s.click(users.alex, verbs.agendaIndstilling, { ...data, [`ind_${first}`]: "fokusområderne godkendes" }, card);
      const shown = "fokusområderne godkendes";
      // Alex's own copy is the answer; a change of the meeting also renders the participants' lists
      // of meetings, which had not been rendered since the pack went.
      r.expectUpdated({ "megan.agenda:LS1(pack)": shown, "jonas.agenda:LS1(pack)": shown, "bo.agenda:LS1(pack)": shown, "megan.meetings:megan": "Læringssamtale", "jonas.meetings:jonas": "Læringssamtale" });
    },
  },
  [verbs.boardSend]: {
    story: "loop",
    changes: "the board's statement: every copy of that læringssamtale's dagsorden (input D)",
    run: async (s) => {
      const second = (await s.h.bot.store.db.meeting.findMany({ where: { kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!;
      ids.LS2 = second.id;
      s.alias(second.id, "LS2");
      await s.click(users.megan, verbs.agendaOpen, { meetingId: second.id, from: "meetings" }, "megan.meetings:megan");
      const r = await s.click(users.bo, verbs.boardSend, { meetingId: second.id, version: 0, statement: "Bestyrelsen bakker op om sprogindsatsen." });
      r.expectUpdated({ "megan.agenda:LS2": ["Bestyrelsens udtalelse (Bo Kristensen", "Bestyrelsen bakker op om sprogindsatsen."] });
    },
  },
  [verbs.boardChoose]: {
    story: "loop",
    changes: "how the board takes part: every copy of that læringssamtale's dagsorden",
    run: async (s) => {
      const third = (await s.h.bot.store.db.meeting.findMany({ where: { kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[2]!;
      s.alias(third.id, "LS3");
      await s.click(users.megan, verbs.agendaOpen, { meetingId: third.id, from: "meetings" }, "megan.meetings:megan");
      const r = await s.click(users.alex, verbs.boardChoose, { meetingId: third.id, mode: "participation" });
      // The meeting moved on (its participants); the third læringssamtale is beyond the next five
      // meetings a «mine møder» list shows, so no list shows it.
      r.expectUpdated({ "megan.agenda:LS3": "Bestyrelsen deltager i mødet." });
    },
  },
  [verbs.boardReportSend]: {
    story: "selvejende",
    changes: "the afrapportering and its follow-up on Kastanjen (selvejende): the chair's card is the answer; every copy of that læringssamtale's referat, and the owner's «mine opgaver»",
    run: async (s) => {
      // The afrapportering card is not tracked: it is the chair's own, and the answer replaces it.
      const card = s.h.connector.posted.map((p) => p.activity).find((a) => cardText(a).includes("Hvad har bestyrelsen fulgt op på?"))!;
      const data = { ...findAction(card, verbs.boardReportSend)!.data, followedUp: "Bestyrelsen har fulgt op på basistilsynet.", followup_0: "Forældremøde om sprog", owner_0: "lars", due_0: "2028-02-01" };
      const r = await s.click(users.birthe, verbs.boardReportSend, data);
      expect(cardText(r.result.card)).toContain("Afrapporteringen er sendt");
      const shown = "Forældremøde om sprog";
      r.expectUpdated({ "birthe.referat:KS2(sent)": shown, "lars.referat:KS2": shown, "lars.referat:KS2(sent)": shown, "lars.tasks:lars": shown });
    },
  },
  [verbs.referatApprove]: {
    story: "selvejende",
    changes: "who approved the referat (decision 0027): every other copy of that referat, the chair's too; the copy clicked is the answer",
    run: async (s) => {
      const sent = "lars.referat:KS2(sent)";
      const r = await s.click(users.lars, verbs.referatApprove, s.button(sent, verbs.referatApprove), sent);
      expect(cardText(s.current(sent))).toMatch(/Du godkendte referatet \d+\.\d+\.\d{4} kl\. \d\d\.\d\d/);
      r.expectUpdated({ "birthe.referat:KS2(sent)": "Godkendt af Lars", "lars.referat:KS2": "Du godkendte referatet" });
    },
  },
  [verbs.referatRemark]: {
    story: "selvejende",
    changes: "nothing a tracked card shows (the remark goes to the chair as a card of its own, through the outbox)",
    run: async (s) => {
      const on = "lars.referat:KS2";
      const r = await s.click(users.lars, verbs.referatRemark, { ...s.button(on, verbs.referatRemark), remark: "Punkt 2 mangler Lars' initialer" }, on);
      r.expectNothingUpdated();
      expect(r.postedTo(s.h, users.birthe)).toEqual([expect.stringContaining("Punkt 2 mangler Lars' initialer")]);
    },
  },
  [verbs.adHocOpen]: {
    story: "loop",
    changes: "nothing (posts the chair's add card beside the dagsorden: a form, not tracked)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.adHocOpen, { meetingId: ids.LS2!, from: "agenda" });
      r.expectNothingUpdated();
    },
  },
  [verbs.adHocAdd]: {
    story: "loop",
    changes: "the læringssamtale's participant list: every copy of its dagsorden (a guest gets no card)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.adHocAdd, { meetingId: ids.LS2!, adHocPersonId: "", guestName: "Anne Holm", guestEmail: "", guestPhone: "" });
      r.expectUpdated({ "megan.agenda:LS2": "Anne Holm (gæst)" });
    },
  },
  [verbs.guestLinkMail]: {
    story: "loop",
    changes: "nothing a tracked card shows (GUEST_LINK_MAIL=off here: the chair's mail card answers that the bot sends no mail; with graph, test/teams/guest-link-mail.test.ts)",
    run: async (s) => {
      const r = await s.click(users.alex, verbs.guestLinkMail, { meetingId: ids.LS2!, personId: "bo", linkId: "l-1" });
      r.expectNothingUpdated();
      expect(cardText(r.result.card)).toContain("Botten sender ikke mail i denne installation");
    },
  },
  [verbs.guestLinksOpen]: {
    story: "loop",
    changes: "nothing (posts the chair's «Deltagere uden Teams» beside the dagsorden: links, not tracked)",
    run: async (s) => (await s.click(users.alex, verbs.guestLinksOpen, { meetingId: ids.LS2!, from: "agenda" })).expectNothingUpdated(),
  },
  [verbs.guestLinksRevoke]: {
    story: "loop",
    changes: "nothing shown on another card (a guest's link stops working; the chair's card answers in place)",
    run: async (s) => {
      const guest = await s.h.bot.store.db.person.findFirstOrThrow({ where: { origin: "guest", name: "Anne Holm" } });
      const link = await s.h.bot.store.db.guestLink.findFirstOrThrow({ where: { personId: guest.id, revokedAt: null } });
      (await s.click(users.alex, verbs.guestLinksRevoke, { meetingId: ids.LS2!, linkId: link.id })).expectNothingUpdated();
    },
  },
  [verbs.guestLinksRenew]: {
    story: "loop",
    changes: "nothing shown on another card (a new link; the chair's card answers in place)",
    run: async (s) => {
      const guest = await s.h.bot.store.db.person.findFirstOrThrow({ where: { origin: "guest", name: "Anne Holm" } });
      (await s.click(users.alex, verbs.guestLinksRenew, { meetingId: ids.LS2!, personId: guest.id })).expectNothingUpdated();
    },
  },
  [verbs.adHocRemove]: {
    story: "loop",
    changes: "the læringssamtale's participant list: every copy of its dagsorden",
    run: async (s) => {
      const guest = await s.h.bot.store.db.person.findFirstOrThrow({ where: { origin: "guest", name: "Anne Holm" } });
      const r = await s.click(users.alex, verbs.adHocRemove, { meetingId: ids.LS2!, removePersonId: "", removeGuestId: guest.id });
      r.expectUpdated({ "megan.agenda:LS2": /^(?![\s\S]*Anne Holm)/ });
    },
  },
};

/** Commands: those that change state, and those that only show something (the table is typed over all). */
export const commandCases: Record<keyof typeof commandPatterns, Case> = {
  help: { story: "oneOnOne", changes: "nothing", run: async (s) => (await s.say(users.megan, "hjælp")).expectNothingUpdated() },
  greeting: { story: "oneOnOne", changes: "nothing (a greeting with the person's commands)", run: async (s) => (await s.say(users.megan, "hej")).expectNothingUpdated() },
  schedule: { story: "oneOnOne", changes: "nothing (the scheduling form)", run: async (s) => (await s.say(users.alex, "planlæg 1:1")).expectNothingUpdated() },
  myTasks: {
    story: "oneOnOne",
    changes: "nothing (posts the list: the newest list in a chat is the one kept up to date)",
    run: async (s) => {
      const r = await s.say(users.megan, "mine opgaver");
      r.expectNothingUpdated();
      expect(await s.h.bot.store.db.sentCard.findMany({ where: { subjectKind: "tasks", personId: "megan" }, select: { activityId: true } })).toEqual([{ activityId: r.posts.at(-1)!.activityId }]);
    },
  },
  myMeetings: { story: "oneOnOne", changes: "nothing (posts the list)", run: async (s) => (await s.say(users.megan, "mine møder")).expectNothingUpdated() },
  yearWheel: { story: "oneOnOne", changes: "nothing (the chief's årshjul: a form, not tracked)", run: async (s) => (await s.say(users.alex, "årshjul")).expectNothingUpdated() },
  reassign: { story: "oneOnOne", changes: "nothing (posts the chief's list)", run: async (s) => (await s.say(users.alex, "giv videre")).expectNothingUpdated() },
  initiatives: { story: "oneOnOne", changes: "nothing (posts the forvaltning's initiatives)", run: async (s) => (await s.say(users.alex, "indsatser")).expectNothingUpdated() },
  preferences: { story: "oneOnOne", changes: "nothing (the person's own settings)", run: async (s) => (await s.say(users.megan, "indstillinger")).expectNothingUpdated() },
  channelFollow: { story: "oneOnOne", changes: "nothing (the card to link the channel)", run: async (s) => (await s.say(users.alex, "<at>Læringsloop</at> følg område", { channel: CHANNEL })).expectNothingUpdated() },
  absence: {
    story: "oneOnOne",
    changes: "no card; ending an absence brings what waited for it forward, and it goes at once",
    run: async (s) => {
      s.h.clock.set("2027-01-26T08:00:00+01:00");
      await s.say(users.megan, "fraværende til 02.02.2027");
      // A 1:1 on Thursday: its pack is due now, and Megan's waits for her return.
      await s.click(users.alex, verbs.scheduleSubmit, { leader: "solsikken/megan", date: "2027-01-28", time: "13:00" });
      expect(s.h.connector.posted.filter((p) => p.conversationId === s.h.conversationId(users.megan) && cardText(p.activity).includes("torsdag den 28. januar 2027"))).toEqual([]);
      const r = await s.say(users.megan, "fraværende slut");
      r.expectNothingUpdated();
      expect(r.postedTo(s.h, users.megan).filter((t) => t.includes("torsdag den 28. januar 2027"))).toEqual([expect.stringContaining("Dagsorden: 1:1"), expect.stringContaining("Refleksionsguide: 1:1")]);
    },
  },
  sendNow: {
    story: "requiredOneOnOne",
    changes: "no card; what the outbox would send by the end of the next working day goes at once",
    run: async (s) => {
      const r = await s.say(users.alex, "send nu");
      r.expectNothingUpdated();
      // The answer says how many cards go now; exactly those arrive, before the next tick.
      const [said] = r.postedTo(s.h, users.alex);
      const count = Number(/(\d+) planlagte? kort/.exec(said ?? "")?.[1]);
      expect(count).toBeGreaterThan(0);
      expect(r.posts.length - 1).toBe(count);
    },
  },
};

const stories: Record<StoryName, { now: string; users: User[]; env?: () => Record<string, string>; setup(s: Story): Promise<void> }> = {
  oneOnOne: {
    now: "2027-01-11T09:00:00+01:00",
    users: [users.alex, users.megan],
    async setup(s) {
      await s.say(users.alex, "mine møder");
      await s.say(users.megan, "mine møder");
      await s.say(users.megan, "mine opgaver");
    },
  },
  // Only a guide with a required question is chased by a reminder: here the administration made the 1:1's required.
  requiredOneOnOne: {
    now: "2027-01-11T09:00:00+01:00",
    users: [users.alex, users.megan],
    env: () => ({ TEMPLATES_DIR: templatesWithRequiredOneOnOne() }),
    async setup(s) {
      // The 1:1 on 27 January: its pack goes on the 22nd.
      await s.click(users.alex, verbs.scheduleSubmit, { leader: "solsikken/megan", date: "2027-01-27", time: "10:00" });
      s.alias((await s.h.bot.store.db.meeting.findFirstOrThrow()).id, "M2");
      s.h.clock.set("2027-01-22T08:00:00+01:00");
      await s.step(() => s.h.deliver());
    },
  },
  closing: {
    now: "2027-01-18T09:00:00+01:00",
    users: [users.alex, users.megan],
    async setup(s) {
      await s.say(users.alex, "mine møder");
      await s.say(users.megan, "mine møder");
      // A 1:1 at 10.00 today: its pack goes at once. Megan keeps the referat she opens from her list.
      await s.click(users.alex, verbs.scheduleSubmit, { leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
      const m = await s.h.bot.store.db.meeting.findFirstOrThrow();
      s.alias(m.id, "M5");
      s.h.clock.set("2027-01-18T11:30:00+01:00");
      const opened = await s.click(users.alex, verbs.formOpen, { meetingId: m.id, from: "agenda" }, "alex.agenda:M5(pack)");
      const form = s.nameOf(opened.posts.at(-1)!.activityId);
      await s.click(users.alex, verbs.formClose, { ...findAction(s.current(form), verbs.formClose)!.data, decision_0: "Vikarplanen lægges før vinterferien" }, form);
      await s.click(users.megan, verbs.referatOpen, { meetingId: m.id, from: "meetings" }, "megan.meetings:megan");
      s.h.clock.set("2027-01-18T12:00:00+01:00");
    },
  },
  // Kastanjen (selvejende): Birthe chairs for the board and closes the autumn læringssamtale; the outbox brings her the afrapportering.
  selvejende: {
    now: "2026-11-23T09:00:00+01:00",
    users: [users.alex, users.birthe, users.lars],
    async setup(s) {
      const db = s.h.bot.store.db;
      const wheel = await s.click(users.alex, verbs.yearWheelOpen, { showUnitId: "kastanjen" });
      await s.click(users.alex, verbs.yearWheelConfirm, { unitId: "kastanjen", version: Number(findAction(wheel.result.card, verbs.yearWheelConfirm)!.data.version) });
      const autumn = (await db.meeting.findMany({ where: { unitId: "kastanjen", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } }))[1]!;
      s.alias(autumn.id, "KS2");
      s.h.clock.set(new Date(autumn.startsAt.getTime() + 3 * 3_600_000).toISOString());
      await s.say(users.lars, "mine opgaver");
      const opened = await s.click(users.birthe, verbs.formOpen, { meetingId: autumn.id, from: "agenda" });
      const form = s.nameOf(opened.posts.at(-1)!.activityId);
      await s.click(users.birthe, verbs.formClose, { ...findAction(s.current(form), verbs.formClose)!.data, confirmed: true }, form);
      await s.click(users.lars, verbs.referatOpen, { meetingId: autumn.id, from: "meetings" });
      await s.step(() => s.h.deliver());
    },
  },
  loop: {
    now: "2026-11-23T09:00:00+01:00",
    users: [users.alex, users.megan, users.jonas, users.bo],
    async setup(s) {
      await s.say(users.megan, "mine møder");
      await s.say(users.jonas, "mine møder");
      await s.say(users.alex, "årshjul");
    },
  },
};

for (const [story, spec] of Object.entries(stories) as [StoryName, (typeof stories)[StoryName]][]) {
  describe(`every verb brings every posted copy of what it changed up to date (${story})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = new Story(await BotHarness.start({ now: spec.now, scheduler: true, env: spec.env?.() }));
      for (const u of spec.users) await s.h.install(u);
      await spec.setup(s);
    });
    afterAll(() => s.h.stop());

    for (const [verb, c] of Object.entries(verbCases).filter(([, c]) => c.story === story)) it(`${verb}: ${c.changes}`, () => c.run(s));
    for (const [name, c] of Object.entries(commandCases).filter(([, c]) => c.story === story)) it(`command ${name}: ${c.changes}`, () => c.run(s));
  });
}

describe("the tables", () => {
  it("have an entry for every verb and every command", () => {
    expect(Object.keys(verbCases).sort()).toEqual(Object.values(verbs).sort());
    expect(Object.keys(commandCases).sort()).toEqual(Object.keys(commandPatterns).sort());
  });
});

/** The reassign list of a chief: the newest posted copy in a chat is the one kept up to date. */
describe("«giv videre»: the chief's list of follow-ups whose owner has left", () => {
  let s: Story;
  beforeAll(async () => {
    s = new Story(await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", scheduler: true }));
    await s.h.install(users.alex);
    const db = s.h.bot.store.db;
    await db.meeting.create({ data: { id: "m-aa", kind: "one_on_one", unitId: "aaskolen", chairId: "alex", startsAt: new Date("2026-11-16T09:00:00Z"), durationMinutes: 60, status: "closed", participants: { create: [{ personId: "alex", role: "chair" }, { personId: "sofie", role: "leader" }] } } });
    for (const [id, text] of [["f-a", "Fraværsplan for 7. årgang"], ["f-b", "Trivselsmåling i udskolingen"]]) {
      await db.followUp.create({ data: { id: id!, meetingId: "m-aa", unitId: "aaskolen", meetingKind: "one_on_one", text: text!, ownerId: "sofie", dueDate: "2027-01-15" } });
    }
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    org.people = org.people.filter((p) => p.id !== "sofie");
    const aaskolen = org.areas[0]!.units.find((u) => u.id === "aaskolen")!;
    aaskolen.leaders = ["ole"];
    aaskolen.pedagogicalLeaders = [];
    await s.h.bot.store.people.applyOrganisation(org);
    await createDomainServices(s.h.bot.store, s.h.clock, domainSettings(loadConfig({}))).followUps.planOrphanedNotices();
    await s.step(() => s.h.deliver());
  });
  afterAll(() => s.h.stop());

  it("a reassignment from the card the bot sent updates the list asked for since, and only that", async () => {
    const sent = "alex.reassign:alex";
    expect(cardText(s.current(sent))).toContain("Fraværsplan for 7. årgang");
    await s.say(users.alex, "giv videre");
    await s.say(users.alex, "giv videre");
    // Only the newest list in the chat is kept up to date.
    const tracked = await s.h.bot.store.db.sentCard.findMany({ where: { subjectKind: "reassign" }, select: { activityId: true } });
    expect(tracked).toEqual([{ activityId: s.copy("alex.reassign:alex#3") }]);
    const button = findActions(s.current(sent), verbs.followUpReassign).find((b) => b.data.followUpId === "f-a")!.data;
    const r = await s.click(users.alex, verbs.followUpReassign, { ...button, [String(button.ownerInput)]: "ole" }, sent);
    expect(cardText(r.result.card)).toContain("givet videre til Ole Kjær Jensen");
    r.expectUpdated({ "alex.reassign:alex#3": "Trivselsmåling i udskolingen" });
    expect(cardText(s.current("alex.reassign:alex#3"))).not.toContain("Fraværsplan for 7. årgang");
  });
});
