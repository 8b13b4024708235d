import { ConnectorClient } from "botframework-connector";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPacer } from "../../src/lib/pacer.js";
import { connectorHttpClient } from "../../src/teams/connector-timeout.js";
import { PostNoLongerOurs, PostNotNoted, withPostAttempts, type PostAttempts } from "../../src/teams/post-attempts.js";
import { FakeConnector } from "../helpers/fake-connector.js";

/**
 * The connector's transport under botbuilder's own client and retry pipeline: when an outbox post
 * is noted as on its way (decision 0005). A note made too early (before a wait of any kind) is a
 * card lost if the process dies in that wait: the restart finds it noted and never sends it.
 */
describe("the outbox's note on a Bot Connector post", () => {
  const connector = new FakeConnector();
  /** What happened, in order: the outbox's hooks, the credentials, and what the connector answered. */
  let events: string[] = [];
  let opened: (() => void) | undefined;

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  beforeEach(() => {
    connector.reset();
    connector.beforePost = undefined;
    events = [];
    opened = undefined;
  });

  /** A client as the adapter makes one; signing the request waits until `open()` when `slowToken`, as a token fetched from Entra ID does. */
  function client(slowToken = false): ConnectorClient {
    const credentials = {
      async signRequest<T>(req: T): Promise<T> {
        events.push("token asked");
        if (slowToken) await new Promise<void>((ok) => (opened = ok));
        events.push("token given");
        return req;
      },
    };
    return new ConnectorClient(credentials, { baseUri: connector.url, httpClient: connectorHttpClient(5_000) });
  }

  const post = (c: ConnectorClient, hooks: PostAttempts) =>
    withPostAttempts(hooks, () => c.conversations.sendToConversation("a:personal-1", { type: "message", text: "hej" }));

  const hooks = (leaving: () => Promise<boolean> = () => Promise.resolve(true)): PostAttempts => ({
    leaving: async () => {
      events.push(`noted (connector has ${connector.attempts.length})`);
      return leaving();
    },
    refused: async () => void events.push("note cleared"),
  });

  it("is made right before each attempt leaves, after everything that can wait (the token, botbuilder's wait to retry)", async () => {
    connector.beforePost = () => (connector.attempts.length === 0 ? { status: 502 } : undefined);
    const sent = post(client(true), hooks());
    while (!opened) await new Promise((r) => setTimeout(r, 5));
    // Waiting for the token: nothing is on its way, so nothing is noted.
    expect(events).toEqual(["token asked"]);
    opened();
    expect((await sent).id).toBe(connector.posted[0]!.activityId);
    expect(events).toEqual([
      "token asked",
      "token given",
      "noted (connector has 0)",
      "note cleared", // 502: botbuilder waits, then tries again
      "noted (connector has 1)",
    ]);
    expect(connector.attempts.map((a) => a.status)).toEqual([502, 200]);
  });

  it("a row no longer ours sends nothing", async () => {
    const err = await post(client(), hooks(() => Promise.resolve(false))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostNoLongerOurs);
    expect(connector.attempts).toHaveLength(0);
  });

  it("a note that fails sends nothing, is not retried by botbuilder, and carries the database's error", async () => {
    const dbError = new Error("database is locked");
    const err = await post(client(), hooks(() => Promise.reject(dbError))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostNotNoted);
    expect((err as PostNotNoted).cause).toBe(dbError);
    expect(events.filter((e) => e.startsWith("noted"))).toHaveLength(1);
    expect(connector.attempts).toHaveLength(0);
  });

  it("checks Teams' windows again where the request leaves, before the note (a wait after it could lose the card)", async () => {
    // One post per minute to a conversation at the wire (Teams' windows in miniature), on a clock
    // that a wait moves on at once; the wait is logged as the connector sees it then.
    let t = 0;
    const pacer = createPacer({
      conversation: [],
      tenant: [],
      wire: { conversation: [{ limit: 1, windowMs: 60_000 }], tenant: [] },
      now: () => t,
      sleep: async (ms) => {
        events.push(`held ${ms} ms (connector has ${connector.attempts.length})`);
        t += ms;
      },
    });
    const c = new ConnectorClient({ signRequest: <T>(req: T) => Promise.resolve(req) }, { baseUri: connector.url, httpClient: connectorHttpClient(5_000, pacer) });
    await post(c, hooks());
    await post(c, hooks());
    expect(connector.posted).toHaveLength(2);
    expect(events.slice(0, 3)).toEqual(["noted (connector has 0)", "held 60000 ms (connector has 1)", "noted (connector has 1)"]);
  });

  it("a post outside the outbox (a channel card, an update) goes without a note", async () => {
    const res = await client().conversations.sendToConversation("a:personal-1", { type: "message", text: "hej" });
    expect(res.id).toBe(connector.posted[0]!.activityId);
    expect(events).toEqual(["token asked", "token given"]);
  });
});
