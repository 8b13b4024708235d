import { ConfigurationBotFrameworkAuthentication, type TurnContext } from "botbuilder";
import {
  ClaimsIdentity,
  ConnectorClient,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentials,
  type UserTokenClient,
} from "botframework-connector";
import type { Activity } from "botframework-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/teams/adapter.js";
import { keepConnectorClients } from "../../src/teams/connector-clients.js";
import { FakeConnector } from "../helpers/fake-connector.js";

/** A personal-chat message from Teams, as it arrives at /api/messages. */
const message = (serviceUrl: string, n: number): Activity =>
  ({
    type: "message",
    id: `1733${n}`,
    channelId: "msteams",
    serviceUrl,
    from: { id: "29:1alex", aadObjectId: "a1b2c3d4-0000-4000-8000-00000000a1ex", name: "Alex Wilber" },
    recipient: { id: "28:bot", name: "Læringsloop" },
    conversation: { id: "a:1personal-alex", conversationType: "personal", tenantId: "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60" },
    text: "status",
  }) as Activity;

describe("Bot Connector clients are made once and used again", () => {
  const north = new FakeConnector();
  const south = new FakeConnector();
  beforeAll(async () => {
    await north.start();
    await south.start();
  });
  afterAll(async () => {
    await north.stop();
    await south.stop();
  });

  it("turns from one service URL share its client, another URL gets its own, and every reply arrives where it belongs", async () => {
    const adapter = createAdapter({ bot: undefined, outboundTimeoutMs: 5_000 });
    const seen: { connector: ConnectorClient; userTokens: UserTokenClient }[] = [];
    const turn = (serviceUrl: string, n: number) =>
      adapter.processActivityDirect("", message(serviceUrl, n), async (context: TurnContext) => {
        seen.push({ connector: context.turnState.get(adapter.ConnectorClientKey), userTokens: context.turnState.get(adapter.UserTokenClientKey) });
        await context.sendActivity(`svar ${n}`);
      });

    await turn(north.url, 1);
    await turn(north.url, 2);
    await turn(south.url, 3);
    await Promise.all([turn(south.url, 4), turn(north.url, 5)]);

    expect(seen.map((s) => s.connector)).toEqual([seen[0]!.connector, seen[0]!.connector, seen[2]!.connector, seen[2]!.connector, seen[0]!.connector]);
    expect(seen[2]!.connector).not.toBe(seen[0]!.connector);
    expect(seen[0]!.connector).toBeInstanceOf(ConnectorClient);
    expect(new Set(seen.map((s) => s.userTokens)).size).toBe(1);
    expect(north.posted.map((p) => p.activity.text).sort()).toEqual(["svar 1", "svar 2", "svar 5"]);
    expect(south.posted.map((p) => p.activity.text).sort()).toEqual(["svar 3", "svar 4"]);
  });

  it("proactive sends (reminders) share a client too, and each arrives", async () => {
    const adapter = createAdapter({ bot: undefined, outboundTimeoutMs: 5_000 });
    const used: ConnectorClient[] = [];
    const reference = { serviceUrl: north.url, channelId: "msteams", conversation: { id: "a:1personal-alex" } } as Parameters<typeof adapter.continueConversationAsync>[1];
    for (const text of ["påmindelse 1", "påmindelse 2"]) {
      await adapter.continueConversationAsync("", reference, async (context) => {
        used.push(context.turnState.get(adapter.ConnectorClientKey));
        await context.sendActivity(text);
      });
    }
    expect(used[1]).toBe(used[0]);
    expect(north.posted.map((p) => p.activity.text)).toEqual(expect.arrayContaining(["påmindelse 1", "påmindelse 2"]));
  });

  it("keeps the most recently used clients, lets the oldest go, and tells the bots' clients apart", async () => {
    const auth = new ConfigurationBotFrameworkAuthentication({});
    keepConnectorClients(auth, 2);
    const anonymous = new ClaimsIdentity([], "anonymous");
    const client = (url: string, claims = anonymous) => auth.createConnectorFactory(claims).create(url);

    const a = await client("https://smba.trafficmanager.net/emea/");
    const b = await client("https://smba.trafficmanager.net/amer/");
    expect(await client("https://smba.trafficmanager.net/emea/")).toBe(a); // a is now the most recent
    await client("https://smba.trafficmanager.net/apac/"); // lets b go
    expect(await client("https://smba.trafficmanager.net/emea/")).toBe(a);
    expect(await client("https://smba.trafficmanager.net/amer/")).not.toBe(b);

    const otherBot = new ClaimsIdentity([{ type: "aud", value: "11111111-2222-3333-4444-555555555555" }], true);
    expect(await client("https://smba.trafficmanager.net/emea/", otherBot)).not.toBe(a);
  });

  it("a client that could not be made is not kept: the next turn tries again", async () => {
    const BOT = "0f0e0d0c-0b0a-0908-0706-050403020100";
    /** Password credentials whose first request for credentials fails (as a secret store that is briefly away would). */
    class FirstTimeFails extends PasswordServiceClientCredentialFactory {
      calls = 0;
      override createCredentials(appId: string, audience: string, loginEndpoint: string, validateAuthority: boolean): Promise<ServiceClientCredentials> {
        this.calls += 1;
        if (this.calls === 1) return Promise.reject(new Error("hemmeligheden kunne ikke hentes"));
        return super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
      }
    }
    const credentials = new FirstTimeFails(BOT, "hemmelig", "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60");
    const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: BOT }, credentials);
    keepConnectorClients(auth);
    const claims = new ClaimsIdentity([{ type: "aud", value: BOT }], true);
    const create = () => auth.createConnectorFactory(claims).create(north.url);

    await expect(create()).rejects.toThrow("hemmeligheden kunne ikke hentes");
    const made = await create();
    expect(made).toBeInstanceOf(ConnectorClient);
    expect(await create()).toBe(made);
    expect(credentials.calls).toBe(2);
  });
});
