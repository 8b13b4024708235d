import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
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

/**
 * The better-sqlite3 driver adapter has one connection. It locks it for a transaction, but a
 * single query from another request does not wait for that lock: it runs inside the open
 * transaction, and is undone if that transaction rolls back (a click's duplicate-delivery claim,
 * say). Here every query outside a transaction waits until no transaction is open, in turn.
 * Queries inside a transaction go through the transaction itself and never wait.
 */
function oneWriter(inner: SqlDriverAdapter): SqlDriverAdapter {
  const lock = fifoLock();
  const inTurn = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
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
        tx = await inner.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      let open = true;
      const end = async (finish: () => Promise<void>) => {
        try {
          await finish();
        } finally {
          if (open) {
            open = false;
            release();
          }
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
export function withOneWriter<F extends SqlDriverAdapterFactory & { connectToShadowDb?(): Promise<SqlDriverAdapter> }>(factory: F): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => oneWriter(await factory.connect()),
    ...(factory.connectToShadowDb ? { connectToShadowDb: async () => oneWriter(await factory.connectToShadowDb!()) } : {}),
  };
}
