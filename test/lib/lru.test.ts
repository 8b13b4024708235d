import { describe, expect, it } from "vitest";
import { Lru } from "../../src/lib/lru.js";

describe("Lru", () => {
  it("keeps the last keys used: reading one makes it the most recent, and the least recent goes first", () => {
    const kept = new Lru<string, number>(2);
    kept.set("a", 1);
    kept.set("b", 2);
    expect(kept.get("a")).toBe(1); // a is now the most recent
    kept.set("c", 3); // lets b go
    expect(kept.get("b")).toBeUndefined();
    expect(kept.get("a")).toBe(1);
    expect(kept.get("c")).toBe(3);
    expect(kept.count).toBe(2);
  });

  it("setting a key again replaces its value and makes it the most recent", () => {
    const kept = new Lru<string, number>(2);
    kept.set("a", 1);
    kept.set("b", 2);
    kept.set("a", 10);
    kept.set("c", 3); // lets b go, not a
    expect(kept.get("a")).toBe(10);
    expect(kept.get("b")).toBeUndefined();
    expect(kept.count).toBe(2);
  });

  it("deletes a key, or only while it still holds the value given", () => {
    const kept = new Lru<string, string>(3);
    kept.set("a", "gammel");
    kept.set("a", "ny");
    kept.delete("a", "gammel"); // replaced meanwhile: stays
    expect(kept.get("a")).toBe("ny");
    kept.delete("a");
    expect(kept.get("a")).toBeUndefined();
    kept.set("b", "x");
    kept.clear();
    expect(kept.count).toBe(0);
  });

  it("refuses a size that keeps nothing", () => {
    expect(() => new Lru(0)).toThrow(RangeError);
    expect(() => new Lru(1.5)).toThrow(RangeError);
  });
});
