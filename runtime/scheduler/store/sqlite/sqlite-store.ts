// The file store of the embedded scheduler and the scheduler server: SQLite through
// better-sqlite3, in WAL mode, written behind a working copy in memory.
//
// One process at a time holds the folder (folder-lock.ts), so while it does, the working copy is
// authoritative: the memory store's tables and operations (store/memory, the same semantics and
// the same shared store suite), filled at open with every unfinished tree of the file
// (load-rows.ts). Each operation runs on the working copy synchronously; its changes are written to
// the file in groups (commit-changes.ts): one transaction holds every row changed since the last
// commit, so the file always holds the working copy as it was between two operations.
//
// When a change is committed (the durability policy; types.ts states it for every store):
// - Before the operation's promise resolves, for everything acknowledged outside the process or
//   read by someone else: insertCalls (a dispatched call's id is returned), cancelCalls,
//   sendEvent, the reads (getCall, listCalls: what the CLI and the admin routes show, a result
//   dispatch.run returns), deletions, close().
// - Within `commitWindowMs` of the first change not yet committed, for the outcomes of runs
//   (writeOutcomes and the other post-run operations, claims, requeueRunning), and at once when
//   the scheduler goes idle (commit()). A process killed inside that window loses those outcomes:
//   the file still holds the calls as they were before them, so the runs that produced them
//   (claimed calls stay running in the file, and are requeued at the next open) run again, as
//   after any crash (delivery is at-least-once). A result is never recorded twice: a group is one
//   transaction, and a lost group's results were never recorded. With `commitWindowMs: 0` every
//   operation is committed before its promise resolves.
// - A commit is in the WAL file but, with synchronous=NORMAL (the default), not fsynced: it
//   survives the process being killed at any point, but the last commits before a power cut or
//   kernel crash may be lost (never corrupted). synchronous=FULL fsyncs the WAL at every commit.
//
// Reads of calls that are not in memory (finished trees leave it once committed) go to the file,
// which holds everything once the pending changes are committed. A failed commit (disk full, I/O
// error) writes nothing of its group; the store then refuses every operation, as if the process
// had crashed, and the next open resumes from the last commit.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { SchedulerError } from "../../errors.js";
import type { EventRow, Row } from "../memory/data.js";
import { MemoryData, snapshot } from "../memory/data.js";
import { cancelCalls } from "../memory/cancel-calls.js";
import { claimRunnable } from "../memory/claim-runnable.js";
import { completeCalls } from "../memory/complete-calls.js";
import { deleteEvents } from "../memory/delete-finished.js";
import { insertCalls } from "../memory/insert-calls.js";
import { nextReadyAt } from "../memory/read-calls.js";
import { recordPolls } from "../memory/record-polls.js";
import { requeueRunning } from "../memory/requeue-running.js";
import { rescheduleCalls } from "../memory/reschedule-calls.js";
import { sendEvent } from "../memory/send-event.js";
import type { NewCall, Store } from "../types.js";
import { writeOutcomesWith } from "../write-outcomes.js";
import { prepareCommitter } from "./commit-changes.js";
import { prepareDeleteFinished } from "./delete-finished.js";
import { acquireFolderLock } from "./folder-lock.js";
import { prepareLoader, type Loader, type WrittenInboxes } from "./load-rows.js";
import { preparingOnUse, type Preparer } from "./prepare-on-use.js";
import { prepareReads } from "./read-calls.js";
import { migrate } from "./schema.js";

export interface SqliteStoreOptions {
  /** The folder that holds the database and the lock (created if missing), e.g. ".dispatch". */
  readonly folder: string;
  /** "NORMAL" (default): survives a killed process. "FULL": also a power cut (fsync per commit). */
  readonly synchronous: "NORMAL" | "FULL";
  /** The outcomes of runs are committed at the latest this many milliseconds after the first
   * change not yet committed (default DEFAULT_COMMIT_WINDOW_MS); a process killed meanwhile runs
   * them again. 0: every operation is committed before its promise resolves. */
  readonly commitWindowMs: number;
}

export const SQLITE_FILE_NAME = "dispatch.db";

export const DEFAULT_COMMIT_WINDOW_MS = 10;

/** The largest window: a timer cannot wait longer, and nobody should lose more than this. */
const MAX_COMMIT_WINDOW_MS = 60_000;

export async function openSqliteStore(options: Partial<SqliteStoreOptions> & Pick<SqliteStoreOptions, "folder">): Promise<Store> {
  const synchronous = options.synchronous ?? "NORMAL";
  const windowMs = options.commitWindowMs ?? DEFAULT_COMMIT_WINDOW_MS;
  const folder = resolve(options.folder);
  if (synchronous !== "NORMAL" && synchronous !== "FULL") {
    throw new SchedulerError(`cannot open store folder "${folder}": synchronous must be "NORMAL" or "FULL", got ${JSON.stringify(synchronous)}`);
  }
  if (typeof windowMs !== "number" || !Number.isInteger(windowMs) || windowMs < 0 || windowMs > MAX_COMMIT_WINDOW_MS) {
    throw new SchedulerError(
      `cannot open store folder "${folder}": commitWindowMs must be an integer from 0 to ${MAX_COMMIT_WINDOW_MS}, got ${JSON.stringify(windowMs)}`,
    );
  }
  mkdirSync(folder, { recursive: true });
  const lock = acquireFolderLock(folder);
  const file = join(folder, SQLITE_FILE_NAME);
  let db: Database.Database | undefined;
  const data = new MemoryData();
  const inboxes: WrittenInboxes = new Map();
  const events = new Map<number, EventRow>();
  const inFile = new WeakSet<Row>();
  // Statements are compiled when first used (prepare-on-use.ts): opening stays cheap.
  let statements: Preparer;
  let loader: Loader;
  try {
    db = new Database(file);
    // The folder lock already keeps every other process out, so SQLite need not lock per
    // transaction: with EXCLUSIVE (set before WAL is entered) the WAL index lives in this
    // process's memory instead of a shared -shm file, and no transaction takes file locks.
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db, file);
    statements = preparingOnUse(db);
    loader = prepareLoader(statements, data, inboxes, events, inFile);
    loader.loadLive();
  } catch (error) {
    // Closed, or the connection would keep its exclusive lock on the file after we gave up.
    db?.close();
    lock.release();
    throw error;
  }
  const committer = prepareCommitter(db, statements, data, inboxes, events, inFile);
  const reads = prepareReads(statements);
  const deleteFinished = prepareDeleteFinished(db, statements);

  let closed = false;
  let failed: SchedulerError | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** When the oldest change not yet committed was made (performance.now()). */
  let firstChange: number | undefined;

  const usable = (): void => {
    if (failed) throw failed;
    if (closed) throw new SchedulerError(`cannot use store "${file}": it is closed`);
  };
  const commitNow = (): void => {
    clearTimeout(timer);
    timer = undefined;
    firstChange = undefined;
    if (failed) throw failed;
    try {
      committer.commit();
    } catch (error) {
      failed = new SchedulerError(
        `cannot use store "${file}": a commit failed (${(error as Error).message}); the changes since the last commit are lost, as in a crash: open the store again`,
        { cause: error },
      );
      throw failed;
    }
  };
  /** After a post-run operation: committed with the others of its window. The timer ends a
   * window when operations stop coming; the clock check ends it when they keep coming without
   * letting timers run (runs that answer in process chain their steps through microtasks). */
  const commitSoon = (): void => {
    if (windowMs === 0) return commitNow();
    if (!committer.dirty()) return;
    if (firstChange !== undefined) {
      if (performance.now() - firstChange >= windowMs) commitNow();
      return;
    }
    firstChange = performance.now();
    timer = setTimeout(() => {
      timer = undefined;
      try {
        commitNow();
      } catch (error) {
        // The next operation fails with it; nobody waits on this one.
        process.emitWarning((error as Error).message);
      }
    }, windowMs);
  };
  /** The tree of a call an operation names, if only the file has it. */
  const load = (id: string): void => {
    const top = loader.loadTreeOf(id);
    if (top) committer.loaded(top);
  };
  const loadFor = (calls: readonly NewCall[]): void => {
    for (const call of calls) {
      const key = call.idempotencyKey;
      const known = key === undefined || data.byIdempotencyKey.has(key) ? undefined : loader.idOfKey(key);
      if (known !== undefined) load(known);
      if (!data.calls.has(call.id) && loader.has(call.id)) load(call.id);
      if (call.parentId !== undefined) load(call.parentId);
    }
  };

  /** An operation on the working copy, committed within the window. */
  const soon =
    <A extends unknown[], R>(fn: (d: MemoryData, ...args: A) => R) =>
    async (...args: A): Promise<R> => {
      usable();
      const result = fn(data, ...args);
      commitSoon();
      return result;
    };
  /** An operation whose effect is acknowledged outside: committed before it resolves. */
  const now =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      usable();
      const result = fn(...args);
      commitNow();
      return result;
    };

  return {
    insertCalls: now((calls: readonly NewCall[], at: number) => {
      loadFor(calls);
      return insertCalls(data, calls, at);
    }),
    claimRunnable: soon(claimRunnable),
    completeCalls: soon(completeCalls),
    recordPolls: soon(recordPolls),
    rescheduleCalls: soon(rescheduleCalls),
    writeOutcomes: soon((d, batch, at) =>
      writeOutcomesWith({
        completeCalls: (list, t) => completeCalls(d, list, t),
        recordPolls: (list, t) => recordPolls(d, list, t),
        rescheduleCalls: (list, t) => rescheduleCalls(d, list, t),
        claimRunnable: (request) => claimRunnable(d, request),
      })(batch, at),
    ),
    cancelCalls: now((ids: readonly string[], result, at: number) => {
      for (const id of ids) load(id);
      return cancelCalls(data, ids, result, at);
    }),
    sendEvent: now((key: string, payload: Uint8Array, at: number) => sendEvent(data, key, payload, at)),
    requeueRunning: soon(requeueRunning),
    getCall: async (id) => {
      usable();
      commitNow();
      const row = data.calls.get(id);
      return row ? snapshot(row) : reads.getCall(id);
    },
    listCalls: async (filter) => {
      usable();
      commitNow();
      return reads.listCalls(filter);
    },
    nextReadyAt: async (at) => {
      usable();
      return nextReadyAt(data, at);
    },
    deleteFinished: async (before, limit) => {
      usable();
      commitNow();
      const ids = deleteFinished(before, limit);
      // Deleted in the file: the working copy follows (no change to commit).
      const changes = data.changes;
      data.changes = undefined;
      for (const id of ids) {
        const row = data.calls.get(id);
        if (row) data.forget(row);
        inboxes.delete(id);
      }
      data.changes = changes;
      return ids.length;
    },
    // Every kept event is in memory: dropped there, then from the file.
    deleteEvents: now((before: number, limit: number) => deleteEvents(data, before, limit)),
    commit: async () => {
      usable();
      commitNow();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      try {
        if (!failed) committer.commit();
      } finally {
        db.close();
        lock.release();
      }
    },
  };
}
