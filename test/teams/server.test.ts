import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";

describe("the HTTP server", () => {
  let h: BotHarness;
  let base = "";
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    base = h.url.replace("/api/messages", "");
  });
  afterAll(() => h.stop());

  it("reports health with the database reachable", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers bad requests with 4xx, never 5xx", async () => {
    const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
      fetch(h.url, { method: "POST", headers, body }).then((r) => r.status);
    expect(await fetch(h.url).then((r) => r.status)).toBe(405);
    expect(await fetch(`${base}/nope`).then((r) => r.status)).toBe(404);
    expect(await post("{not json")).toBe(400);
    expect(await post("[]")).toBe(400);
    expect(await post('{"type": 5}')).toBe(400);
    expect(await post(JSON.stringify({ type: "message", text: "x".repeat(300 * 1024) }))).toBe(413);
    // Activity-shaped but missing what botbuilder needs.
    expect(await post(JSON.stringify({ type: "message" }))).toBeLessThan(500);
    expect(await post(JSON.stringify({ ...h.activity("message", users.alex), conversation: null }))).toBeLessThan(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("does not answer the same message twice when Teams delivers it twice", async () => {
    const activity = h.activity("message", users.alex, { text: "hjælp" });
    const first = await h.send(users.alex, activity);
    const second = await h.send(users.alex, activity);
    expect(first.cards.length).toBeGreaterThan(0);
    expect(second.cards).toHaveLength(0);
  });
});
