import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strings } from "../../src/lib/strings.da.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardsOf } from "../helpers/fake-connector.js";

const TENANT = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
const CHANNEL = "19:ledelse-midt@thread.tacv2";
const GROUP = "19:gruppechat-alex-megan@thread.v2";

interface CommandList {
  scopes: string[];
  commands: { title: string }[];
}

/** The manifest Teams is given (appPackage/manifest.json): which commands its menu offers in which scope. */
const lists = (JSON.parse(readFileSync(join(resolve(import.meta.dirname, "../.."), "appPackage/manifest.json"), "utf8")) as { bots: { commandLists: CommandList[] }[] }).bots[0]!.commandLists;
const offered = (scope: string): string[] => lists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title) ?? [];
const everyTitle = [...new Set(lists.flatMap((l) => l.commands.map((c) => c.title)))];

/** What a command says where it does not work: go to the personal chat, or to a channel. */
const WRONG_PLACE = [strings.generic.personalOnly, strings.channel.notInChannel];

/**
 * Teams' menu must offer nothing that answers «only in the personal chat»: each command of the
 * manifest, typed in each scope as Teams sends it (in a channel and a group chat with the bot's
 * mention first), does its work exactly where the manifest lists it.
 */
describe("the manifest's command lists against what the bot does in each scope", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
  });
  afterAll(() => h.stop());

  const scopes = {
    personal: (text: string) => ({ activity: h.activity("message", users.alex, { text }), conversation: h.conversationId(users.alex) }),
    team: (text: string) => ({
      activity: h.activity("message", users.alex, {
        text: `<at>Læringsloop</at> ${text}`,
        conversation: { conversationType: "channel", isGroup: true, id: `${CHANNEL};messageid=1700000000${text.length}`, tenantId: TENANT },
        channelData: { team: { id: "19:team-midt@thread.tacv2" }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
      }),
      conversation: CHANNEL,
    }),
    groupChat: (text: string) => ({
      activity: h.activity("message", users.alex, {
        text: `<at>Læringsloop</at> ${text}`,
        conversation: { conversationType: "groupChat", isGroup: true, id: GROUP, tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      }),
      conversation: GROUP,
    }),
  };

  for (const [scope, make] of Object.entries(scopes)) {
    it(`${scope}: works where listed, points elsewhere where not`, async () => {
      expect(offered(scope).length).toBeGreaterThan(0);
      for (const title of everyTitle) {
        const { activity, conversation } = make(title);
        const before = h.connector.posted.length;
        expect((await h.post(activity)).status).toBe(200);
        const replies = h.connector.posted.slice(before).filter((p) => p.conversationId.split(";")[0] === conversation).flatMap((p) => cardsOf(p.activity));
        expect(replies.length, `${scope}: ${title}`).toBeGreaterThan(0);
        const text = JSON.stringify(replies);
        const pointsElsewhere = WRONG_PLACE.some((w) => text.includes(JSON.stringify(w).slice(1, -1)));
        expect(pointsElsewhere, `${scope}: «${title}» ${offered(scope).includes(title) ? "is offered but points elsewhere" : "is not offered but works"}`).toBe(!offered(scope).includes(title));
      }
    });
  }
});
