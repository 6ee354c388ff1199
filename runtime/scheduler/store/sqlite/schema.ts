// The SQLite schema. One row per call (a tail call or a restart updates the row in place), one row
// per undelivered result in `inbox`, one row per event nobody has waited for yet in `events`.
// Partial indexes keep the hot queries (due calls, waiters of a key, a parent's inbox) small, and
// rows outside them (running and finished calls) cost no index writes. (A partial index chosen
// through a bound parameter, `ready_at <= ?`, does not make SQLite recompile the statement; a
// bound LIMIT does: see literal-limit.ts.)
import type { Database } from "better-sqlite3";

const SCHEMA_VERSION = 3;

const DDL = `
CREATE TABLE IF NOT EXISTS calls (
  id TEXT PRIMARY KEY,
  root_id TEXT NOT NULL,
  parent_id TEXT,
  correlation_id TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
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
CREATE INDEX IF NOT EXISTS calls_ready ON calls(ready_at) WHERE ready_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS calls_parent ON calls(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS calls_running ON calls(status) WHERE status = 'running';
CREATE INDEX IF NOT EXISTS calls_waiters ON calls(event_key) WHERE kind = 'event' AND status = 'waiting';
CREATE INDEX IF NOT EXISTS calls_finished ON calls(finished_at) WHERE finished_at IS NOT NULL;
-- Calls being cancelled (few, and only while they compensate): what dispatch.run waits for (version 3).
CREATE INDEX IF NOT EXISTS calls_cancelling ON calls(root_id) WHERE cancelling != 0;
CREATE TABLE IF NOT EXISTS inbox (
  seq INTEGER PRIMARY KEY,
  parent_id TEXT NOT NULL,
  child_id TEXT NOT NULL,
  correlation_id TEXT NOT NULL,
  output BLOB,
  error BLOB,
  taken INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS inbox_parent ON inbox(parent_id, taken);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  payload BLOB NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_key ON events(key);
CREATE INDEX IF NOT EXISTS events_sent ON events(sent_at);
`;

/** Creates the tables of a new file, upgrades a version 1 or 2 file; refuses a file written by a newer schema. A file at the
 * current version is left alone: opening the store writes nothing. */
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
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
