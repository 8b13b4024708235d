import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import { eachConnection, type ConnectionFactory, type SqlDriverAdapter } from "./raw-sql.js";

type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/** A first-come, first-served lock: `acquire` resolves with the function that releases it. */
function fifoLock() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const held = new Promise<void>((ok) => (release = ok));
      const turn = tail.then(() => release);
      tail = tail.then(() => held);
      return turn;
    },
  };
}

/** How long statements may run back to back before the event loop gets a turn. */
const LOOP_TURN_MS = 10;

/**
 * better-sqlite3 runs each statement synchronously, and the queries queued for the connection
 * follow one another as promise continuations, which Node runs before any timer or socket. Under
 * a burst the event loop did not turn for 400–800 ms at a time: requests were not read, answers
 * not written and the admission's deadlines not kept until the queue ran dry. `loopTurn` notes
 * when it was first asked while the loop had not turned since; once that is `LOOP_TURN_MS` ago,
 * the statement waits for one turn (setImmediate) before it runs. Where the loop turns anyway (a
 * click at a time), nothing waits.
 */
function loopTurns() {
  let askedSince: number | undefined;
  return (): Promise<void> | undefined => {
    if (askedSince === undefined) {
      askedSince = performance.now();
      setImmediate(() => (askedSince = undefined));
      return undefined;
    }
    if (performance.now() - askedSince < LOOP_TURN_MS) return undefined;
    return new Promise((ok) => setImmediate(ok));
  };
}

/**
 * The better-sqlite3 driver adapter has one connection. It locks it for a transaction, but a
 * single query from another request does not wait for that lock: it runs inside the open
 * transaction, and is undone if that transaction rolls back (a click's duplicate-delivery claim,
 * say). Here every query outside a transaction waits until no transaction is open, in turn.
 * Queries inside a transaction go through the transaction itself and never wait.
 */
function oneWriter(inner: SqlDriverAdapter): SqlDriverAdapter {
  const lock = fifoLock();
  const loopTurn = loopTurns();
  const inTurn = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      await loopTurn();
      return await run();
    } finally {
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inTurn(() => inner.queryRaw(query)),
    executeRaw: (query) => inTurn(() => inner.executeRaw(query)),
    executeScript: (script) => inTurn(() => inner.executeScript(script)),
    async startTransaction(isolationLevel): Promise<Transaction> {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        await loopTurn();
        tx = await inner.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      let open = true;
      // Once: after a failed COMMIT has ended it here, a caller's own rollback() must not unlock
      // the adapter a second time.
      const end = async (finish: () => Promise<void>) => {
        if (!open) return;
        open = false;
        try {
          await finish();
        } finally {
          release();
        }
      };
      // Prisma sends COMMIT as a statement, then calls commit(). When the statement fails (the
      // disk full, say), Prisma calls neither commit() nor rollback(): roll back here and give the
      // connection back, or every later query would wait for it for ever.
      const guarded = async <T>(query: Parameters<Transaction["queryRaw"]>[0], run: () => Promise<T>): Promise<T> => {
        try {
          return await run();
        } catch (err) {
          if (open && /^\s*COMMIT\b/i.test(query.sql)) {
            await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
            await end(() => tx.rollback());
          }
          throw err;
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => guarded(query, () => tx.queryRaw(query)),
        executeRaw: (query) => guarded(query, () => tx.executeRaw(query)),
        commit: () => end(() => tx.commit()),
        rollback: () => end(() => tx.rollback()),
      };
    },
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
  };
}

/** The factory, its connections wrapped by `oneWriter`. */
export function withOneWriter(factory: ConnectionFactory): SqlDriverAdapterFactory {
  return eachConnection(factory, oneWriter);
}
