// The SQLite schema. One row per call (a tail call or a restart updates the row in place), one row
// per undelivered result in `inbox`, one row per event nobody has waited for yet in `events`.
// Partial indexes keep the queries of other readers and of opening (unfinished calls, waiters of a
// key, a parent's inbox, calls being cancelled) small, and rows outside them (finished calls) cost
// no index writes. The store works on a copy in memory and writes its changes in groups
// (sqlite-store.ts); this layout dates from when every operation was its own transaction, and
// files of every version stay readable by the CLI and by older versions.
//
// Each B-tree a transaction touches costs at least one 4 KB page in the WAL at commit, so the
// layout keeps that count low (version 3):
// - `calls_live` holds both the calls with a ready time (due or waiting with a deadline) and the
//   running ones (ready_at is NULL while a call runs): a claim moves a row within one small index,
//   where two indexes (ready, running) cost a page each.
// - The idempotency key's unique index is partial: calls without a key (every child) add nothing.
// - `inbox` is keyed by (parent_id, seq) WITHOUT ROWID: a parent's results are one range of its
//   primary key, instead of a table plus an index on parent_id. `seq` orders a parent's results
//   and is only compared within a parent (the store numbers results, calls and events from one
//   counter; version 3 files it did not write number each parent's results from 1).
import type { Database } from "better-sqlite3";

const SCHEMA_VERSION = 3;

const DDL = `
CREATE TABLE IF NOT EXISTS calls (
  id TEXT PRIMARY KEY,
  root_id TEXT NOT NULL,
  parent_id TEXT,
  correlation_id TEXT NOT NULL,
  idempotency_key TEXT,
  kind TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  function TEXT NOT NULL,
  version TEXT NOT NULL,
  input BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  ready_at INTEGER,
  event_key TEXT,
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  step INTEGER NOT NULL DEFAULT 0,
  generation INTEGER NOT NULL DEFAULT 0,
  parent_generation INTEGER NOT NULL DEFAULT 0,
  restarts INTEGER NOT NULL DEFAULT 0,
  state BLOB,
  state_typed INTEGER NOT NULL DEFAULT 0,
  min_results INTEGER NOT NULL DEFAULT 0,
  max_results INTEGER NOT NULL DEFAULT 0,
  -- Untaken inbox rows, kept in step with the inbox so a delivery never counts it.
  pending INTEGER NOT NULL DEFAULT 0,
  output BLOB,
  error BLOB,
  finished_at INTEGER,
  -- CallRecord.cancelling: 0 not being cancelled, 1 requested, 2 compensating (version 2),
  -- plus 4 for CallRecord.detached (cancel-state.ts).
  cancelling INTEGER NOT NULL DEFAULT 0,
  -- CallRecord.runs: runs so far, all steps counted (version 3).
  runs INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS calls_key ON calls(idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS calls_live ON calls(ready_at) WHERE ready_at IS NOT NULL OR status = 'running';
CREATE INDEX IF NOT EXISTS calls_parent ON calls(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS calls_waiters ON calls(event_key) WHERE kind = 'event' AND status = 'waiting';
CREATE INDEX IF NOT EXISTS calls_finished ON calls(finished_at) WHERE finished_at IS NOT NULL;
-- Calls being cancelled (few, and only while they compensate): what dispatch.run waits for (version 3).
CREATE INDEX IF NOT EXISTS calls_cancelling ON calls(root_id) WHERE cancelling != 0;
CREATE TABLE IF NOT EXISTS inbox (
  parent_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  child_id TEXT NOT NULL,
  correlation_id TEXT NOT NULL,
  output BLOB,
  error BLOB,
  taken INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (parent_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  payload BLOB NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_key ON events(key);
CREATE INDEX IF NOT EXISTS events_sent ON events(sent_at);
`;

const CALL_COLUMN_LIST = `id, root_id, parent_id, correlation_id, idempotency_key, kind, endpoint, function, version,
  input, created_at, expires_at, ready_at, event_key, status, attempt, step, generation, parent_generation, restarts,
  state, state_typed, min_results, max_results, pending, output, error, finished_at, cancelling, runs`;

/** Version 3 changed the tables' layout (above): older files are copied into it, rowids kept
 * (they order due calls of the same ready time) and inbox rows in their order. */
const TO_VERSION_3 = `
ALTER TABLE calls RENAME TO calls_v2;
ALTER TABLE inbox RENAME TO inbox_v2;
DROP INDEX IF EXISTS calls_ready;
DROP INDEX IF EXISTS calls_parent;
DROP INDEX IF EXISTS calls_running;
DROP INDEX IF EXISTS calls_waiters;
DROP INDEX IF EXISTS calls_finished;
DROP INDEX IF EXISTS calls_cancelling;
DROP INDEX IF EXISTS calls_live;
DROP INDEX IF EXISTS calls_key;
DROP INDEX IF EXISTS inbox_parent;
${DDL}
INSERT INTO calls (rowid, ${CALL_COLUMN_LIST}) SELECT rowid, ${CALL_COLUMN_LIST} FROM calls_v2 ORDER BY rowid;
INSERT INTO inbox (parent_id, seq, child_id, correlation_id, output, error, taken)
  SELECT parent_id, seq, child_id, correlation_id, output, error, taken FROM inbox_v2;
DROP TABLE calls_v2;
DROP TABLE inbox_v2;
`;

/** Creates the tables of a new file, upgrades a version 1 or 2 file; refuses a file written by a newer schema. A file
 * at the current version is left alone: opening the store writes nothing. */
export function migrate(db: Database, file: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`cannot open store "${file}": schema version ${version} is newer than ${SCHEMA_VERSION}`);
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Version 1 files lack the column that keeps a cancellation in progress across a restart.
    if (version === 1) db.exec("ALTER TABLE calls ADD COLUMN cancelling INTEGER NOT NULL DEFAULT 0");
    if (version === 1 || version === 2) {
      // Version 3 counts every run. Older rows only know the runs of their current step and how
      // many steps polled: their sum is the count without the retries of earlier steps.
      db.exec("ALTER TABLE calls ADD COLUMN runs INTEGER NOT NULL DEFAULT 0");
      db.exec("UPDATE calls SET runs = step + attempt");
    }
    db.exec(version === 0 ? DDL : TO_VERSION_3);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
