import { afterEach, describe, expect, it } from "vitest";
import { LocalConnector } from "../../scripts/bench/local-connector.js";

describe("the benchmarks' local Bot Connector", () => {
  let connector: LocalConnector | undefined;
  afterEach(() => connector?.stop());

  it("answers a post past the tenant's limit 429 with Retry-After, and keeps when it did", async () => {
    connector = await new LocalConnector({ perConversationPerSecond: 7, perTenantPerSecond: 2, failRate: 0, seed: 1 }).start();
    const post = (conversation: string) =>
      fetch(`${connector!.url}v3/conversations/${conversation}/activities`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ type: "message", text: `til ${conversation}` }) });
    const before = Date.now();
    const answers = [await post("a"), await post("b"), await post("c")];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(answers[2]!.headers.get("retry-after")).toBe("1");
    expect(connector.accepted.map((p) => p.conversationId)).toEqual(["a", "b"]);
    expect(connector.refused).toEqual({ tooMany: 1, badGateway: 0 });
    expect(connector.tooManyAt).toHaveLength(1);
    expect(connector.tooManyAt[0]).toBeGreaterThanOrEqual(connector.accepted[1]!.at);
    expect(connector.tooManyAt[0]).toBeGreaterThanOrEqual(before);
  });
});
