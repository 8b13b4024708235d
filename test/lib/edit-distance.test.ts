import { describe, expect, it } from "vitest";
import { editDistance, typoAllowance } from "../../src/lib/edit-distance.js";

describe("editDistance (Damerau-Levenshtein, optimal string alignment)", () => {
  it.each([
    ["", "", 0],
    ["hjælp", "hjælp", 0],
    ["hjæp", "hjælp", 1], // a letter missing
    ["hjælpp", "hjælp", 1], // one too many
    ["hjalp", "hjælp", 1], // æ is one character
    ["hjlæp", "hjælp", 1], // two neighbours swapped
    ["mine opgaer", "mine opgaver", 1],
    ["mine opgvaer", "mine opgaver", 1],
    ["mien opgaevr", "mine opgaver", 2],
    ["årshjul", "aarshjul", 2],
    ["abc", "", 3],
    ["ca", "abc", 3], // optimal string alignment: no edit of a swapped pair
  ])("%j → %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it.each([
    [1, 0],
    [3, 0],
    [4, 1],
    [7, 1],
    [8, 2],
    [20, 2],
  ])("a word of %i characters may carry %i typos", (length, allowed) => {
    expect(typoAllowance(length)).toBe(allowed);
  });
});
