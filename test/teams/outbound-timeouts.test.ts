import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AuthError } from "@azure/msal-node";
import { afterEach, describe, expect, it } from "vitest";
import { UNCONFIRMED_TIMEOUT } from "../../src/domain/delivery-service.js";
import { MSAL_TIMEOUT, timeoutNetworkClient } from "../../src/teams/token-timeout.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

/** A local endpoint that accepts connections and never answers (or answers `body` at once). */
async function endpoint(body?: object): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    if (body) res.setHeader("content-type", "application/json").end(JSON.stringify(body));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  };
}

describe("deadlines on outbound calls (OUTBOUND_TIMEOUT_SECONDS)", () => {
  let h: BotHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("a Bot Connector that stops answering: the outbox row is given up as unconfirmed, never posted twice, and the next rows go on", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { OUTBOUND_TIMEOUT_SECONDS: "1" } });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-21" });
    const db = h.bot.store.db;
    const due = await db.notification.count({ where: { status: "pending", dueAt: { lte: h.clock.now() } } });
    expect(due).toBeGreaterThan(1);

    h.connector.respondDelayMs = 60_000; // Teams takes the post and never answers
    const outcome = await h.deliver();
    expect(outcome).toEqual({ unconfirmed: due });
    const rows = await db.notification.findMany({ where: { lastError: UNCONFIRMED_TIMEOUT } });
    expect(rows.map((r) => r.status)).toEqual(Array(due).fill("sent"));
    const posts = h.connector.attempts.length;

    // Teams answers again: nothing of the above is posted a second time.
    h.connector.respondDelayMs = 0;
    expect(await h.deliver()).toEqual({});
    expect(h.connector.attempts.length).toBe(posts);
  });
});

describe("the token request's deadline (password credentials)", () => {
  it("gives up on Entra ID after the deadline with MSAL's own error type, and passes an answer through", async () => {
    const silent = await endpoint();
    const answering = await endpoint({ token_type: "Bearer", access_token: "t", expires_in: 3600 });
    try {
      const client = timeoutNetworkClient(300);
      const err = await client.sendPostRequestAsync(`${silent.url}/oauth2/v2.0/token`, { body: "grant_type=client_credentials" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AuthError);
      expect((err as AuthError).errorCode).toBe(MSAL_TIMEOUT);
      const ok = await client.sendPostRequestAsync<{ access_token: string }>(`${answering.url}/oauth2/v2.0/token`, { body: "grant_type=client_credentials" });
      expect(ok).toMatchObject({ status: 200, body: { access_token: "t" } });
    } finally {
      await silent.close();
      await answering.close();
    }
  });
});
