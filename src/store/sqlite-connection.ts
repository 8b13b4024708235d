import Database from "better-sqlite3";
import { Lru } from "../lib/lru.js";
import { eachConnection, type ConnectionFactory, type SqlDriverAdapter } from "./raw-sql.js";

/** How SQLite makes a commit durable (decision 0036): `normal` survives the process, `full` also the machine. */
export type SqliteSynchronous = "normal" | "full";

export interface SqliteConnectionOptions {
  /** PRAGMA synchronous on the connection; in WAL mode `normal` does not sync the disk at every commit. */
  synchronous?: SqliteSynchronous;
  /** How many prepared statements the connection keeps for use again (0: none). */
  keptStatements?: number;
}

/** Statements kept when not told otherwise: the bot's own SQL is a few hundred different statements. */
const KEPT_STATEMENTS = 500;

/**
 * The factory, each connection it opens set up as the bot uses SQLite (decision 0036): PRAGMA
 * synchronous, and prepared statements kept for use again.
 */
export function sqliteConnections(factory: ConnectionFactory, opts: SqliteConnectionOptions = {}): SqliteConnectionFactory {
  let stats: KeptStatementStats | undefined;
  const connections = eachConnection(factory, async (adapter) => {
    stats = keepStatements(adapter, opts.keptStatements ?? KEPT_STATEMENTS);
    await adapter.executeScript(`PRAGMA synchronous = ${(opts.synchronous ?? "normal").toUpperCase()}`);
    return adapter;
  });
  return { ...connections, keptStatements: () => stats };
}

export interface SqliteConnectionFactory extends ConnectionFactory {
  /** The kept statements' figures on the connection opened last; undefined when none are kept. */
  keptStatements(): KeptStatementStats | undefined;
}

/** What the kept statements did on one connection (for tests and benchmarks). */
export interface KeptStatementStats {
  prepared: number;
  reused: number;
  kept: number;
}

/**
 * Prisma's better-sqlite3 adapter (6.19) prepares every statement it runs (`client.prepare(sql).bind(args)`),
 * and a bound statement cannot be bound again. Preparing was the largest single part of a click's
 * CPU (decision 0036). Here the adapter's connection is given a stand-in that keeps each prepared
 * statement (the last `size` used) and passes the arguments when it runs rather than binding
 * them: the same statement object, the same results and errors. The adapter is the package's
 * own; if a later version keeps its connection elsewhere, nothing is kept and it works as before
 * (the test of this module says so, as a failure).
 */
function keepStatements(adapter: SqlDriverAdapter, size: number): KeptStatementStats | undefined {
  const holder = adapter as unknown as { client?: unknown };
  const db = holder.client;
  if (size <= 0 || !(db instanceof Database)) return undefined;
  const kept = new Lru<string, Database.Statement>(size);
  const stats: KeptStatementStats = {
    prepared: 0,
    reused: 0,
    get kept() {
      return kept.count;
    },
  };
  const statement = (sql: string): Database.Statement => {
    const found = kept.get(sql);
    if (found) {
      stats.reused += 1;
      return found;
    }
    const made = db.prepare(sql);
    stats.prepared += 1;
    kept.set(sql, made);
    return made;
  };
  holder.client = {
    prepare: (sql: string) => new KeptStatement(statement(sql)),
    exec: (script: string) => db.exec(script),
    close: () => {
      kept.clear();
      return db.close();
    },
  };
  return stats;
}

/**
 * A kept statement as the adapter uses what `prepare` returns: it reads `reader`, runs it without
 * arguments, or binds arguments and then reads the columns, the rows (raw) or runs it. Classes, not
 * objects of closures: a statement runs fifteen times a click, and a closure made for each run
 * (named, as the build keeps names) cost more than the run's own JavaScript.
 */
class KeptStatement {
  constructor(private readonly s: Database.Statement) {}

  get reader(): boolean {
    return this.s.reader;
  }

  run(): Database.RunResult {
    return this.s.run();
  }

  bind(args: unknown[]): BoundStatement {
    return new BoundStatement(this.s, args);
  }
}

/** A kept statement with its arguments, passed when it runs (a prepared statement can be bound only once). */
class BoundStatement {
  constructor(
    private readonly s: Database.Statement,
    private readonly args: unknown[],
  ) {}

  get reader(): boolean {
    return this.s.reader;
  }

  columns(): Database.ColumnDefinition[] {
    return this.s.columns();
  }

  /** The adapter asks for rows as arrays: `raw().all()`. */
  raw(): this {
    return this;
  }

  all(): unknown[] {
    return this.s.raw(true).all(this.args);
  }

  run(): Database.RunResult {
    return this.s.run(this.args);
  }
}
