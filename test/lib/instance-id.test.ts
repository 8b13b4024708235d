import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { goneFromThisHost, instanceId } from "../../src/lib/instance-id.js";

/** Which of the other bot instances this one can tell are gone (their heartbeats may linger). */
describe("instance id", () => {
  const self = instanceId("bot-host", process.pid);

  it("names host, pid and a random part, different at every start", () => {
    expect(self).toMatch(new RegExp(`^bot-host:${process.pid}:[0-9a-f]{8}$`));
    expect(instanceId("bot-host", process.pid)).not.toBe(self);
  });

  it("knows a process on this host gone once its pid runs no more", () => {
    // A real process that has ended: its pid is free now.
    const ended = spawnSync(process.execPath, ["-e", "0"]).pid!;
    expect(goneFromThisHost(instanceId("bot-host", ended), self)).toBe(true);
    // One that runs (the parent of this test) is not gone.
    expect(goneFromThisHost(instanceId("bot-host", process.ppid), self)).toBe(false);
  });

  it("knows an earlier process with its own pid gone (restarted in the same container)", () => {
    expect(goneFromThisHost(instanceId("bot-host", process.pid), self)).toBe(true);
    expect(goneFromThisHost(self, self)).toBe(false);
  });

  it("never calls an instance on another host gone, nor one whose name it cannot read", () => {
    const noneRun = () => false;
    expect(goneFromThisHost(instanceId("other-host", 4242), self, noneRun)).toBe(false);
    expect(goneFromThisHost("bot-host", self, noneRun)).toBe(false);
    expect(goneFromThisHost("bot-host:x:1234abcd", self, noneRun)).toBe(false);
    // A host name with colons keeps its pid second to last.
    const v6 = instanceId("fe80::1", process.pid);
    expect(goneFromThisHost(instanceId("fe80::1", 4242), v6, noneRun)).toBe(true);
  });
});
