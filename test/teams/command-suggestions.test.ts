import { describe, expect, it } from "vitest";
import { commandsFor } from "../../src/cards/help-card.js";
import { normaliseCommandText, suggestCommands } from "../../src/teams/command-suggestions.js";

const chief = commandsFor("chief");
const leader = commandsFor("leader");

describe("suggestCommands: the command a message that matched none was meant as", () => {
  it.each([
    ["hjæp", chief, ["hjælp"]],
    ["Hjælp!!", chief, ["hjælp"]],
    ["HJLÆP", chief, ["hjælp"]],
    ["help me", chief, []],
    ["mine opgaer", leader, ["mine opgaver"]],
    ["my tasks", leader, ["mine opgaver"]],
    ["opgaver", leader, ["mine opgaver"]],
    ["mine mder", leader, ["mine møder"]],
    ["Meetings?", leader, ["mine møder"]],
    ["indstilinger", leader, ["indstillinger"]],
    ["settings", leader, ["indstillinger"]],
    ["away", leader, ["fraværende til mandag"]],
    ["fravarende til 12/1", leader, ["fraværende til 12/1"]],
    ["fraværnde i morgen", leader, ["fraværende i morgen"]],
    ["planlæg 1:1!", chief, ["planlæg 1:1"]],
    ["planlg", chief, ["planlæg 1:1"]],
    ["planlg", leader, ["planlæg 1:1"]], // her own 1:1s with the pædagogiske ledere
    ["årshjl", chief, ["årshjul"]],
    ["årshjl", leader, ["årshjul"]],
    ["giv vidre", chief, ["giv videre"]],
    ["følg områd", chief, ["følg område"]],
    ["<at>Læringsloop</at> følg omrde", chief, ["følg område"]],
    ["blå bananer", chief, []],
    ["", chief, []],
    ["ok", chief, []], // too short to be a typo of anything
    ["x".repeat(200), chief, []],
  ] as const)("%j → %j", (message, available, expected) => {
    expect(suggestCommands(message, available).map((s) => s.text)).toEqual(expected);
  });

  it("offers both when two are equally near, and never more", () => {
    // «seetings» is one typo from «meetings» (mine møder) and one from «settings» (indstillinger).
    expect(suggestCommands("seetings", leader).map((s) => s.text)).toEqual(["mine møder", "indstillinger"]);
  });

  it("normalises case, mentions and punctuation, but keeps «1:1»", () => {
    expect(normaliseCommandText("  <at>Læringsloop</at>  Planlæg 1:1!  ")).toBe("planlæg 1:1");
    expect(normaliseCommandText("«Mine Møder», tak.")).toBe("mine møder tak");
  });
});
