/**
 * Send pacer for Microsoft Teams proactive messages: sliding-window rate
 * limits per conversation and per tenant, with no dependencies beyond the bounded map in lru.ts.
 */

import { Lru } from "./lru.js";

/** At most `limit` sends in any `windowMs` window. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams bot limits per conversation: 7/1 s, 8/2 s, 60/30 s, 1800/3600 s. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = Object.freeze([
  Object.freeze({ limit: 7, windowMs: 1_000 }),
  Object.freeze({ limit: 8, windowMs: 2_000 }),
  Object.freeze({ limit: 60, windowMs: 30_000 }),
  Object.freeze({ limit: 1_800, windowMs: 3_600_000 }),
]);

/** Teams bot limit per tenant (all conversations of one app): 50/1 s. */
export const TEAMS_TENANT_LIMITS: readonly RateWindow[] = Object.freeze([
  Object.freeze({ limit: 50, windowMs: 1_000 }),
]);

/**
 * Headroom the bot paces Teams' limits with, in ms added to every window: a send counts at the
 * moment its turn is taken, and reaches Teams a few ms later (the note in the outbox, the HTTP
 * request), not always equally late, and a turn's timer may fire late. Teams counts a post when
 * it arrives; two posts whose turns were 1 s apart may arrive less than 1 s apart by the
 * difference of their delays. 15 ms costs 1.5 % of the rate (50 per 1.015 s); what it does not
 * cover, the check where requests leave holds back (`atTheWire`).
 */
export const TEAMS_HEADROOM_MS = 15;

/**
 * How late a send may be and still count at its planned time (see `PacerOptions.lateMs`): on a
 * busy machine timers fire 5 to 20 ms late, and senders busy with the previous post come a few ms
 * after a turn opened; the spread keeps its grid instead of slipping by that much at every send
 * (6 % of the rate in the delivery benchmark when only waiting sends kept it). Such a send leaves
 * later than it counts: the check where requests leave (`atTheWire`) keeps Teams' windows on the
 * moments they really leave.
 */
export const TEAMS_LATE_MS = 15;

/** Headroom of the check where requests leave: for the time from there to Teams counting the post. */
export const TEAMS_WIRE_HEADROOM_MS = 10;

/**
 * The limits with `headroomMs` added to every window, and the sends of each window of at most
 * 1 s spread over it (one per window / limit: 20.3 ms for a tenant, 145 ms for a conversation)
 * instead of in bursts: with a sliding window alone, senders that start together stay together, a
 * burst every window; bursts draw 429s when they arrive out of step, and a process that dies
 * during one may lose several posts noted as started (docs/decisions/0005). The spread's turns
 * lie on a grid (see `PacerOptions.lateMs`), the windows themselves stay as a guard.
 * docs/decisions/0007-performance.md has the figures.
 */
export function withHeadroom(limits: readonly RateWindow[], headroomMs = TEAMS_HEADROOM_MS): RateWindow[] {
  return limits.flatMap((w) => {
    const windowMs = w.windowMs + headroomMs;
    if (w.windowMs > 1_000) return [{ limit: w.limit, windowMs }];
    return [{ limit: w.limit, windowMs }, { limit: 1, windowMs: windowMs / w.limit }];
  });
}

/**
 * The limits as checked again where each request leaves (`Pacer.leaving`): Teams' own windows,
 * `headroomMs` longer, on the times requests actually left. A turn is taken before botbuilder
 * builds the request, and the time that takes varies (a busy machine), so two posts whose turns
 * were 20 ms apart may leave 1 ms apart. The outbox's note comes after this check (a wait after
 * the note could lose the card: decision 0005); the headroom is for its time and the network's.
 */
export function atTheWire(limits: readonly RateWindow[], headroomMs = TEAMS_WIRE_HEADROOM_MS): RateWindow[] {
  return limits.map((w) => ({ limit: w.limit, windowMs: w.windowMs + headroomMs }));
}

export interface PacerOptions {
  /** Limits per conversation, default TEAMS_CONVERSATION_LIMITS. */
  conversation?: readonly RateWindow[];
  /** Limits per tenant, default TEAMS_TENANT_LIMITS. */
  tenant?: readonly RateWindow[];
  /** Clock in ms, default Date.now. */
  now?: () => number;
  /** Waits `ms` milliseconds, default setTimeout-based. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * A send that comes (or wakes, when it waited) at most this many ms after its turn opened counts
   * at the time its turn opened, not when it came (default 0: when it came). Windows then hold on
   * planned times, a spread's turns stay on a fixed grid (20.3 ms, 40.6 ms, …), and neither a
   * timer firing late nor a sender coming a little after a turn that nobody waited for pushes
   * every later turn back; a send later than that counts from `lateMs` before it came.
   * Sends leave up to `lateMs` after the time they count at: keep it below the windows' headroom,
   * or check the windows again where requests leave (`wire`).
   */
  lateMs?: number;
  /** Limits checked on the moments requests leave (`Pacer.leaving`), default none. */
  wire?: { conversation: readonly RateWindow[]; tenant: readonly RateWindow[] };
  /**
   * How many processes send under the same limits (bot instances on one database), default 1:
   * this pacer keeps to its share of each window.
   */
  share?: () => number;
}

export interface Pacer {
  /** Waits until one more send to this conversation (and tenant) stays within every window, then records it. */
  take(conversationId: string, tenantId?: string): Promise<void>;
  /** Waits like `take`, counting the send against the tenant this conversation was last taken for (a retry of that send). */
  takeAgain(conversationId: string): Promise<void>;
  /**
   * Right before a request to this conversation leaves (its turn was taken): waits until it fits
   * the `wire` limits on the moments earlier requests left, then records it (at once: no other
   * request can slip in), and returns `left`. Called when the request really leaves, after what
   * still comes between the check and the request (the outbox's note), `left` moves the record
   * to that moment, so the windows hold the moments requests left, not the moments they were
   * checked. Without `wire` limits it returns at once.
   */
  leaving(conversationId: string): Promise<() => void>;
  /** ms until take would proceed without waiting (0 if now); ignores takes still queued. */
  delayFor(conversationId: string, tenantId?: string): number;
}

/** Timestamps (ascending) per key, limited by one set of windows. */
interface LogBook {
  /** The limits for all senders together. */
  readonly whole: readonly RateWindow[];
  /** Among how many senders each of them is divided now (see `shareOf`). */
  parts: number[];
  /** This sender's share of them. */
  windows: readonly RateWindow[];
  /** Largest window; older entries are dropped. */
  horizonMs: number;
  readonly logs: Map<string, number[]>;
}

/**
 * One of `n` senders' share of a set of limits: a window's limit divided by `n`, rounded down;
 * a window too small to divide (1 per 20 ms) is made `n` times longer instead.
 */
export function shareOf(windows: readonly RateWindow[], n: number): RateWindow[] {
  return windows.map((w) => shareOfOne(w, n));
}

function shareOfOne(w: RateWindow, n: number): RateWindow {
  const parts = Math.max(1, Math.floor(n));
  return w.limit >= parts ? { limit: Math.floor(w.limit / parts), windowMs: w.windowMs } : { limit: w.limit, windowMs: w.windowMs * parts };
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function checkWindows(name: string, windows: readonly RateWindow[]): readonly RateWindow[] {
  for (const w of windows) {
    if (!Number.isInteger(w.limit) || w.limit < 1) {
      throw new RangeError(`${name}: limit must be a positive integer, got ${String(w.limit)}`);
    }
    if (!Number.isFinite(w.windowMs) || w.windowMs <= 0) {
      throw new RangeError(`${name}: windowMs must be a positive number, got ${String(w.windowMs)}`);
    }
  }
  return windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs }));
}

function logBook(windows: readonly RateWindow[]): LogBook {
  return { whole: windows, parts: windows.map(() => 1), windows, horizonMs: horizonOf(windows), logs: new Map() };
}

const horizonOf = (windows: readonly RateWindow[]): number => Math.max(0, ...windows.map((w) => w.windowMs));

/**
 * Divides the book's windows among `n` senders: among more at once; among fewer (one stopped, or
 * was found gone) only once `grownAt` says the window's own length has passed since this pacer
 * learnt it, as the sends of the one that went are in Teams' windows still and this pacer does not
 * know them. The tenant's 1 s window grows after 1.015 s, a conversation's hour after an hour.
 * Returns the next time one more window may grow (Infinity: none waits).
 */
function setShare(book: LogBook, n: number, grownAt: (w: RateWindow) => boolean, since: number): number {
  let next = Infinity;
  book.parts = book.whole.map((w, i) => {
    const parts = book.parts[i] as number;
    if (parts <= n || grownAt(w)) return n;
    next = Math.min(next, since + w.windowMs);
    return parts;
  });
  book.windows = book.whole.map((w, i) => shareOfOne(w, book.parts[i] as number));
  book.horizonMs = Math.max(horizonOf(book.whole), horizonOf(book.windows));
  return next;
}

/** Drops entries older than the horizon; drops the key if its log is empty. */
function prune(book: LogBook, key: string, t: number): number[] | undefined {
  const log = book.logs.get(key);
  if (!log) return undefined;
  const cutoff = t - book.horizonMs;
  let i = 0;
  while (i < log.length && (log[i] as number) <= cutoff) i++;
  if (i > 0) log.splice(0, i);
  if (log.length === 0) {
    book.logs.delete(key);
    return undefined;
  }
  return log;
}

/** The earliest time (maybe before `t`) at which one more entry under `key` fits every window. */
function earliestOf(book: LogBook, key: string, t: number): number {
  const log = prune(book, key, t);
  if (!log) return -Infinity;
  let earliest = -Infinity;
  for (const w of book.windows) {
    if (log.length < w.limit) continue;
    // The entry that must leave the window so only limit - 1 remain in it.
    const blocking = log[log.length - w.limit] as number;
    earliest = Math.max(earliest, blocking + w.windowMs);
  }
  return earliest;
}

/** Moves one entry `from` of `key` to `to` (a record made earlier, made later); none if it was pruned. */
function move(book: LogBook, key: string, from: number, to: number): void {
  const log = book.logs.get(key);
  const i = log ? log.lastIndexOf(from) : -1;
  if (!log || i < 0) return;
  log.splice(i, 1);
  record(book, key, to);
}

function record(book: LogBook, key: string, t: number): void {
  if (book.windows.length === 0) return;
  let log = book.logs.get(key);
  if (!log) {
    log = [];
    book.logs.set(key, log);
  }
  // Keep ascending order even if the clock steps back.
  let i = log.length;
  while (i > 0 && (log[i - 1] as number) > t) i--;
  log.splice(i, 0, t);
}

/** Creates a pacer; defaults to the Teams limits, Date.now and setTimeout. */
export function createPacer(opts: PacerOptions = {}): Pacer {
  const conversations = logBook(checkWindows("conversation", opts.conversation ?? TEAMS_CONVERSATION_LIMITS));
  const tenants = logBook(checkWindows("tenant", opts.tenant ?? TEAMS_TENANT_LIMITS));
  const wireConversations = logBook(checkWindows("wire conversation", opts.wire?.conversation ?? []));
  const wireTenants = logBook(checkWindows("wire tenant", opts.wire?.tenant ?? []));
  const books = [conversations, tenants, wireConversations, wireTenants];
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const lateMs = Math.max(0, opts.lateMs ?? 0);
  /** Tail of the take queue per conversation. */
  const queues = new Map<string, Promise<void>>();
  const sweepEveryMs = Math.max(conversations.horizonMs, tenants.horizonMs, wireConversations.horizonMs, wireTenants.horizonMs);
  let lastSweep = now();

  /** Occasionally prunes every key so idle keys do not pile up. */
  const maybeSweep = (t: number): void => {
    if (t - lastSweep < sweepEveryMs) return;
    lastSweep = t;
    for (const book of books) {
      for (const key of [...book.logs.keys()]) prune(book, key, t);
    }
  };

  /** Among how many instances the limits are divided: the count last learnt, since when, and when a window may grow next. */
  const shares = { n: 1, since: 0, next: Infinity };
  /** The earliest time one more send to this conversation (and tenant) fits every window. */
  const earliestAt = (t: number, conversationId: string, tenantId: string | undefined, [byConversation, byTenant] = [conversations, tenants]): number => {
    const n = Math.max(1, Math.floor(opts.share?.() ?? 1));
    // More instances: the smaller share at once. Fewer: each window's larger one once that window
    // has passed since (`setShare`); a count that changes again starts the wait again.
    if (n !== shares.n) {
      shares.n = n;
      shares.since = t;
      shares.next = t;
    }
    if (t >= shares.next) {
      const grownAt = (w: RateWindow) => t >= shares.since + w.windowMs;
      shares.next = Math.min(...books.map((book) => setShare(book, n, grownAt, shares.since)));
    }
    const c = earliestOf(byConversation, conversationId, t);
    return tenantId === undefined ? c : Math.max(c, earliestOf(byTenant, tenantId, t));
  };
  const delayAt = (t: number, conversationId: string, tenantId: string | undefined): number => Math.max(0, Math.ceil(earliestAt(t, conversationId, tenantId) - t));

  const run = async (conversationId: string, tenantId: string | undefined): Promise<void> => {
    // Re-check after every sleep: other conversations may fill the tenant window meanwhile.
    for (;;) {
      const t = now();
      // The time the send counts at: its turn, if that opened at most lateMs ago (the grid is
      // kept, whether the send waited for the turn or came just after it), else lateMs ago; now
      // when nothing was sent lately (no turn to keep).
      const earliest = earliestAt(t, conversationId, tenantId);
      const at = earliest > t ? earliest : Number.isFinite(earliest) ? Math.max(earliest, t - lateMs) : t;
      if (at <= t) {
        // No await between the check and the record, so no other take can slip in.
        record(conversations, conversationId, at);
        if (tenantId !== undefined) record(tenants, tenantId, at);
        maybeSweep(t);
        return;
      }
      await sleep(Math.ceil(at - t));
    }
  };

  // Which tenant a conversation's last send counted against (bounded, oldest forgotten first).
  const tenantOf = new Lru<string, string>(10_000);
  function take(conversationId: string, tenantId?: string): Promise<void> {
    if (tenantId !== undefined) tenantOf.set(conversationId, tenantId);
    const previous = queues.get(conversationId) ?? Promise.resolve();
    const result = previous.then(() => run(conversationId, tenantId));
    const tail = result.catch(() => undefined);
    queues.set(conversationId, tail);
    void tail.then(() => {
      if (queues.get(conversationId) === tail) queues.delete(conversationId);
    });
    return result;
  }

  const nothingToMove = (): void => undefined;
  async function leaving(conversationId: string): Promise<() => void> {
    if (wireConversations.windows.length === 0 && wireTenants.windows.length === 0) return nothingToMove;
    const tenantId = tenantOf.get(conversationId);
    for (;;) {
      const t = now();
      const earliest = earliestAt(t, conversationId, tenantId, [wireConversations, wireTenants]);
      if (earliest <= t) {
        // No await between the check and the record (as in `run`).
        record(wireConversations, conversationId, t);
        if (tenantId !== undefined) record(wireTenants, tenantId, t);
        maybeSweep(t);
        let moved = false;
        return () => {
          if (moved) return;
          moved = true;
          const at = now();
          if (at <= t) return;
          move(wireConversations, conversationId, t, at);
          if (tenantId !== undefined) move(wireTenants, tenantId, t, at);
        };
      }
      await sleep(Math.ceil(earliest - t));
    }
  }

  return {
    take,
    leaving,
    takeAgain: (conversationId) => take(conversationId, tenantOf.get(conversationId)),
    delayFor(conversationId, tenantId) {
      return delayAt(now(), conversationId, tenantId);
    },
  };
}
