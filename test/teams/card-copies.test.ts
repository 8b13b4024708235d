import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, cardsOf, findAction, type Posted } from "../helpers/fake-connector.js";

/**
 * «No card left telling an old story» (docs/decisions/0009-card-copies.md): a change updates every
 * posted copy of every card that shows what changed, wherever it was posted, and delivery of what
 * it planned starts at once. The bot runs its real scheduler (on crons that do not fire during a
 * test), so a kick is a real delivery; `bot.settled()` waits for it and for the copies' updates.
 */

/** The newest card posted to a person's chat that contains `text`, with its activity id. */
function posted(h: BotHarness, user: User, text: string): Posted & { card: Record<string, unknown> } {
  const found = h.connector.posted.filter((p) => p.conversationId === h.conversationId(user) && cardText(p.activity).includes(text)).at(-1);
  if (!found) throw new Error(`no card with «${text}» posted to ${user.name}`);
  return { ...found, card: cardsOf(found.activity)[0]! };
}

/** What happens to posted cards while `act` runs (and the background work it started). */
async function during<T>(h: BotHarness, act: () => Promise<T>): Promise<{ result: T; updated: (activityId: string) => string | undefined; updates: Posted[]; posts: Posted[] }> {
  const [u, p] = [h.connector.updated.length, h.connector.posted.length];
  const result = await act();
  await h.bot.settled();
  const updates = h.connector.updated.slice(u);
  return {
    result,
    updates,
    posts: h.connector.posted.slice(p),
    /** The text of the last update of that copy, if it was updated. */
    updated: (activityId) => {
      const last = updates.filter((x) => x.activityId === activityId).at(-1);
      return last ? cardText(last.activity) : undefined;
    },
  };
}

describe("the three stories of issue 18 that cards told too long", () => {
  let h: BotHarness;
  let meetingId = "";
  const db = () => h.bot.store.db;

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", scheduler: true });
    await h.install(users.alex);
    await h.install(users.megan);
    // A 1:1 tomorrow: its pack is due, and goes at once (the scheduling kicked delivery).
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-12", time: "10:00" });
    await h.bot.settled();
    meetingId = (await db().meeting.findFirstOrThrow()).id;
  });
  afterAll(() => h.stop());

  it("the chief's copy of the leader's refleksionsguide says it is sent once she sent it", async () => {
    // The chief opens Megan's guide from his dagsorden: a copy of its own, posted beside it.
    const agenda = posted(h, users.alex, "Dagsorden: 1:1 ledelsesopfølgning");
    const opened = await h.click(users.alex, "reflection.open", { meetingId, from: "agenda" }, { replyToId: agenda.activityId });
    const chiefsCopy = h.connector.posted.at(-1)!;
    expect(cardText(opened.posted[0])).toContain("Refleksionen er ikke sendt endnu");
    const packCopy = posted(h, users.alex, "Refleksionsguide: 1:1 ledelsesopfølgning");
    expect(cardText(packCopy.card)).toContain("Refleksionen er ikke sendt endnu");

    const megansGuide = posted(h, users.megan, "Refleksionsguide: 1:1 ledelsesopfølgning");
    const send = await during(h, () =>
      h.click(users.megan, "reflection.send", { ...findAction(megansGuide.card, "reflection.send")!.data, q_data_drift: "Sprogdata viser et fald.", q_sparring: "Vikardækning." }, { replyToId: megansGuide.activityId }),
    );
    expect(cardText(send.result.card)).toContain("Din refleksion er sendt.");
    for (const copy of [chiefsCopy.activityId, packCopy.activityId]) {
      expect(send.updated(copy)).toContain("Vikardækning.");
      expect(send.updated(copy)).not.toContain("ikke sendt endnu");
    }
    // Both dagsordener say it is sent; Megan's own guide is the card her click replaced.
    expect(send.updated(agenda.activityId)).toContain("Refleksion fra Megan Bowen: sendt");
    expect(send.updated(posted(h, users.megan, "Dagsorden: 1:1").activityId)).toContain("Refleksion fra Megan Bowen: sendt");
    expect(send.updated(megansGuide.activityId)).toBeUndefined();
  });

  it("a dagsorden listing a carried follow-up no longer shows it open once its owner marked it done", async () => {
    // A decision with a follow-up for Megan; the meeting is closed; the next 1:1's pack lists it.
    const form = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
    await h.click(users.alex, "form.close", { ...findAction(form.posted[0], "form.close")!.data, decision_0: "Sprog", followup_0: "Sprogvurderinger i vuggestuen", owner_0: "megan", due_0: "2027-02-01" });
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-14", time: "10:00" });
    await h.bot.settled();
    const agendas = [users.alex, users.megan].map((u) => posted(h, u, "Dagsorden: 1:1 ledelsesopfølgning"));
    for (const a of agendas) expect(cardText(a.card)).toContain("Sprogvurderinger i vuggestuen (Megan Bowen, frist 01.02.2027)");

    const card = posted(h, users.megan, "Du er ansvarlig for et nyt opfølgningspunkt");
    const done = await during(h, () => h.click(users.megan, "followup.done", findAction(card.card, "followup.done")!.data, { replyToId: card.activityId }));
    expect(cardText(done.result.card)).toContain("Markeret som udført.");
    for (const a of agendas) {
      expect(done.updated(a.activityId)).toContain("Ingen åbne opfølgningspunkter fra tidligere møder.");
      expect(done.updated(a.activityId)).not.toContain("Sprogvurderinger i vuggestuen");
    }
  });

  it("a reassigned follow-up's card goes to its new owner at once, not at the next delivery tick", async () => {
    const f = await db().followUp.findFirstOrThrow();
    await h.click(users.megan, "followup.reopen", { followUpId: f.id, version: f.version });
    const open = await db().followUp.findFirstOrThrow();
    const give = await during(h, () => h.click(users.alex, "followup.reassign", { followUpId: f.id, version: open.version, ownerInput: "owner", owner: "alex" }));
    expect(cardText(give.result.card)).toContain("givet videre til Alex Wilber");
    // No tick ran: the card to Alex went because the reassignment planned it.
    const toAlex = give.posts.filter((p) => p.conversationId === h.conversationId(users.alex)).map((p) => cardText(p.activity));
    expect(toAlex).toEqual([expect.stringContaining("Du er ansvarlig for et nyt opfølgningspunkt")]);
    expect(toAlex[0]).toContain("Sprogvurderinger i vuggestuen");
    // Megan's card for it now says who owns it.
    const megans = posted(h, users.megan, "Du er ansvarlig for et nyt opfølgningspunkt");
    expect(give.updated(megans.activityId)).toContain("Alex Wilber");
  });

  it("a copy deleted in Teams is let go: not updated, and not tried again", async () => {
    const megans = posted(h, users.megan, "Du er ansvarlig for et nyt opfølgningspunkt");
    // Megan deleted the message: Teams answers 404 to an update.
    h.connector.posted.splice(h.connector.posted.findIndex((p) => p.activityId === megans.activityId), 1);
    expect(await db().sentCard.count({ where: { activityId: megans.activityId } })).toBe(1);
    const f = await db().followUp.findFirstOrThrow();
    const comment = await during(h, () => h.click(users.alex, "followup.comment", { followUpId: f.id, version: f.version, comment: "Husk vuggestuen" }));
    expect(comment.updated(megans.activityId)).toBeUndefined();
    expect(await db().sentCard.count({ where: { activityId: megans.activityId } })).toBe(0);
    // Alex's own card for it is updated as before.
    expect(comment.updates.map((u) => cardText(u.activity))).toContainEqual(expect.stringContaining("Husk vuggestuen"));
  });
});
