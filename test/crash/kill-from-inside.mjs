// Preloaded (node --import) into a run of the crash test's program to kill it with SIGKILL at a
// moment a kill from outside reaches only by luck, since a store operation takes microseconds:
//
//  CRASH_KILL_IN_TRANSACTION=N: inside the N-th store transaction of the process (0: the one that
//    creates the schema), once its statements have run and before its COMMIT. Every write of
//    the SQLite store (a group commit, a deletion, the schema) is one better-sqlite3 transaction,
//    so this wraps Database#transaction. The process signals itself, so it dies before the next
//    line: the COMMIT never runs. A line on stderr names the file that prepared the transaction
//    (commit-changes for a group commit), for the test's report.
//
//  CRASH_KILL_IN_COMMIT=N: while SQLite is writing a commit to the WAL, after N commits went by.
//    SQLite appends a transaction's frames at commit, each with the salts of the current WAL
//    generation, the last one marked as the commit frame (a non-zero "database size"). A thread
//    follows the write position; a frame of the current generation with no commit frame after it
//    is a commit being written, and the process is killed at once. That thread races the commit,
//    so this lands only often, not always; the test reads the WAL afterwards to tell.
import { writeSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const inTransaction = Number(process.env.CRASH_KILL_IN_TRANSACTION ?? "-1");
const inCommit = Number(process.env.CRASH_KILL_IN_COMMIT ?? "-1");

if (Number.isSafeInteger(inTransaction) && inTransaction >= 0) {
  // The same module instance the store loads: both resolve to the repository's node_modules.
  const Database = createRequire(import.meta.url)("better-sqlite3");
  const transaction = Database.prototype.transaction;
  let count = 0;
  Database.prototype.transaction = function (fn) {
    const operation = /store\/sqlite\/([\w-]+)\.js/.exec(new Error().stack ?? "")?.[1] ?? "unknown";
    return transaction.call(this, function (...args) {
      const index = count++;
      const result = fn.apply(this, args);
      if (index === inTransaction) {
        writeSync(2, `crash: SIGKILL inside store transaction #${index} (${operation}), before its COMMIT\n`);
        process.kill(process.pid, "SIGKILL");
      }
      return result;
    });
  };
}

const watcher = `
const { workerData } = require("node:worker_threads");
const { closeSync, openSync, readSync } = require("node:fs");
const { wal, skip } = workerData;
const WAL_HEADER = 32, FRAME_HEADER = 24;
const head = Buffer.alloc(WAL_HEADER), frame = Buffer.alloc(FRAME_HEADER);
let fd = -1, salts = "", next = 0, commits = 0;
// Bounded: a run that never writes enough commits ends on its own (or the test's kill) first.
for (let spins = 0; spins < 5e8; spins++) {
  if (fd < 0) {
    try { fd = openSync(wal, "r"); } catch { continue; }
  }
  if (readSync(fd, head, 0, WAL_HEADER, 0) < WAL_HEADER) continue;
  const pageSize = head.readUInt32BE(8);
  const s = head.toString("hex", 16, 24);
  // A new generation (the WAL restarted after a checkpoint): frames start again at the top.
  if (s !== salts) { salts = s; next = 0; }
  // Follow the frames written since the last look: stop at the first one not yet written.
  let open = 0;
  for (let i = next; ; i++) {
    if (readSync(fd, frame, 0, FRAME_HEADER, WAL_HEADER + i * (FRAME_HEADER + pageSize)) < FRAME_HEADER) break;
    if (frame.toString("hex", 8, 16) !== salts) break;
    if (frame.readUInt32BE(4) !== 0) { next = i + 1; open = 0; commits++; } else open++;
  }
  if (open > 0 && commits >= skip) process.kill(process.pid, "SIGKILL");
}
if (fd >= 0) closeSync(fd);
`;

if (Number.isSafeInteger(inCommit) && inCommit >= 0) {
  const wal = `${process.env.DISPATCH_DIR ?? ".dispatch"}/dispatch.db-wal`;
  const worker = new Worker(watcher, { eval: true, workerData: { wal, skip: inCommit } });
  // The watcher must not keep a finished program alive.
  worker.unref();
}
