import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/**
 * A bot process's name among the instances on one database: its host, its pid and a random part
 * (pids repeat across containers and restarts).
 */
export function instanceId(host = hostname(), pid = process.pid): string {
  return `${host}:${pid}:${randomUUID().slice(0, 8)}`;
}

/** Whether a process with this pid runs on this host (signal 0 checks without sending). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the instance `other` is known to be gone, seen from the instance `self`: it ran on this
 * same host and its process is not running any more, or its pid is our own (a process restarted in
 * the same container gets the same pid). Instances on other hosts are never known gone here: their
 * heartbeat stops counting after a while. Assumes host names are unique per machine or container,
 * as they are by default (docs/decisions/0008).
 */
export function goneFromThisHost(other: string, self: string, isRunning: (pid: number) => boolean = running): boolean {
  if (other === self) return false;
  const [host, pid] = parts(other);
  const [ourHost, ourPid] = parts(self);
  if (host === undefined || pid === undefined || host !== ourHost) return false;
  return pid === ourPid || !isRunning(pid);
}

/** Host and pid of an id made by `instanceId` (a host name may itself hold colons: the pid is second to last). */
function parts(id: string): [string | undefined, number | undefined] {
  const fields = id.split(":");
  if (fields.length < 3) return [undefined, undefined];
  const pid = Number(fields.at(-2));
  return Number.isInteger(pid) && pid > 0 ? [fields.slice(0, -2).join(":"), pid] : [undefined, undefined];
}
