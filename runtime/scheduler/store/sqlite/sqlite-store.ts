// The file store of the embedded scheduler: SQLite through better-sqlite3, in WAL mode.
//
// Durability: every operation is one transaction (the prepare* functions are the bodies; they are
// wrapped here, so writeOutcomes can run several bodies in one), committed before its promise resolves. With
// synchronous=NORMAL (the default) a commit is in the WAL file but not fsynced: it survives the
// process being killed at any point (the OS has the data), but the last commits before a power
// cut or kernel crash may be lost (never corrupted). synchronous=FULL fsyncs the WAL at every
// commit and survives a power cut too, at the price of one fsync per operation.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { SchedulerError } from "../../errors.js";
import type { Store } from "../types.js";
import { prepareCancelCalls } from "./cancel-calls.js";
import { prepareClaimRunnable } from "./claim-runnable.js";
import { prepareCompleteCalls } from "./complete-calls.js";
import { prepareDeletes } from "./delete-finished.js";
import { acquireFolderLock } from "./folder-lock.js";
import { prepareInsertCalls } from "./insert-calls.js";
import { preparingOnUse } from "./prepare-on-use.js";
import { prepareReads } from "./read-calls.js";
import { prepareRecordPolls } from "./record-polls.js";
import { prepareRequeueRunning } from "./requeue-running.js";
import { prepareRescheduleCalls } from "./reschedule-calls.js";
import { migrate } from "./schema.js";
import { prepareSendEvent } from "./send-event.js";
import { prepareShared } from "./shared.js";
import { writeOutcomesWith } from "../write-outcomes.js";

export interface SqliteStoreOptions {
  /** The folder that holds the database and the lock (created if missing), e.g. ".dispatch". */
  readonly folder: string;
  /** "NORMAL" (default): survives a killed process. "FULL": also a power cut (fsync per commit). */
  readonly synchronous: "NORMAL" | "FULL";
}

export const SQLITE_FILE_NAME = "dispatch.db";

export async function openSqliteStore(options: Partial<SqliteStoreOptions> & Pick<SqliteStoreOptions, "folder">): Promise<Store> {
  const synchronous = options.synchronous ?? "NORMAL";
  const folder = resolve(options.folder);
  if (synchronous !== "NORMAL" && synchronous !== "FULL") {
    throw new SchedulerError(`cannot open store folder "${folder}": synchronous must be "NORMAL" or "FULL", got ${JSON.stringify(synchronous)}`);
  }
  mkdirSync(folder, { recursive: true });
  const lock = acquireFolderLock(folder);
  let db: Database.Database | undefined;
  try {
    const file = join(folder, SQLITE_FILE_NAME);
    db = new Database(file);
    // The folder lock already keeps every other process out, so SQLite need not lock per
    // transaction: with EXCLUSIVE (set before WAL is entered) the WAL index lives in this
    // process's memory instead of a shared -shm file, and no transaction takes file locks.
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db, file);
  } catch (error) {
    // Closed, or the connection would keep its exclusive lock on the file after we gave up.
    db?.close();
    lock.release();
    throw error;
  }
  // Statements are compiled when first used (prepare-on-use.ts): opening stays cheap.
  const statements = preparingOnUse(db);
  const shared = prepareShared(statements);
  const reads = prepareReads(statements);
  const deletes = prepareDeletes(statements);
  const bodies = {
    claimRunnable: prepareClaimRunnable(statements, shared),
    completeCalls: prepareCompleteCalls(statements, shared),
    recordPolls: prepareRecordPolls(statements, shared),
    rescheduleCalls: prepareRescheduleCalls(statements, shared),
  };
  const tx = <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) =>
    db.transaction((...args: A) => {
      try {
        return fn(...args);
      } catch (error) {
        shared.discardDeliveries();
        throw error;
      }
    }) as unknown as (...args: A) => R;
  const ops = {
    insertCalls: tx(prepareInsertCalls(statements, shared)),
    claimRunnable: tx(bodies.claimRunnable),
    completeCalls: tx(bodies.completeCalls),
    recordPolls: tx(bodies.recordPolls),
    rescheduleCalls: tx(bodies.rescheduleCalls),
    writeOutcomes: tx(writeOutcomesWith(bodies)),
    cancelCalls: tx(prepareCancelCalls(statements, shared)),
    sendEvent: tx(prepareSendEvent(statements, shared)),
    requeueRunning: prepareRequeueRunning(statements),
    ...reads,
    deleteFinished: tx(deletes.deleteFinished),
    deleteEvents: deletes.deleteEvents,
  };
  // better-sqlite3 is synchronous; the Store interface is async so that a networked store fits.
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    async (...args: A): Promise<R> =>
      fn(...args);
  let closed = false;
  return {
    insertCalls: wrap(ops.insertCalls),
    claimRunnable: wrap(ops.claimRunnable),
    completeCalls: wrap(ops.completeCalls),
    recordPolls: wrap(ops.recordPolls),
    rescheduleCalls: wrap(ops.rescheduleCalls),
    writeOutcomes: wrap(ops.writeOutcomes),
    cancelCalls: wrap(ops.cancelCalls),
    sendEvent: wrap(ops.sendEvent),
    requeueRunning: wrap(ops.requeueRunning),
    getCall: wrap(ops.getCall),
    listCalls: wrap(ops.listCalls),
    nextReadyAt: wrap(ops.nextReadyAt),
    deleteFinished: wrap(ops.deleteFinished),
    deleteEvents: wrap(ops.deleteEvents),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
      lock.release();
    },
  };
}
