// recordPolls: running calls suspend, in one transaction per list. Order matters (see the memory
// store's record-polls.ts): consumed results dropped, cancels applied, the call set waiting, then
// its children inserted, so that children finishing at once count toward min_results.
import type { Database } from "better-sqlite3";
import type { Finished, Outcome, PollRecord } from "../types.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareRecordPolls(db: Database, shared: Shared): SyncOp<"recordPolls"> {
  const dropTaken = db.prepare("DELETE FROM inbox WHERE parent_id = ? AND taken = 1");
  const suspend = db.prepare(`UPDATE calls SET status = 'waiting', state = ?, state_typed = ?, min_results = ?,
    max_results = ?, attempt = 0, step = step + 1, ready_at = ? WHERE id = ?`);

  return (polls: readonly PollRecord[], now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const poll of polls) {
      const row = shared.running(poll.id, poll.attempt);
      applied.push(row !== undefined);
      if (!row) continue;
      dropTaken.run(row.id);
      // Taken rows are gone by then: every inbox row this drops was pending.
      shared.cancelChildren(row, poll.cancel, poll.cancelled, now, finished);
      suspend.run(poll.state, poll.stateTyped ? 1 : 0, poll.minResults, poll.maxResults, poll.deadline, row.id);
      for (const child of poll.children) shared.insertRow(child, row.generation, now, finished);
      shared.wakeIfReady(row.id, poll.minResults, poll.deadline, now);
      if (row.cancelling === 1) {
        // Cancelled while this run was in flight: its catch/finally code runs now.
        shared.flushDeliveries();
        shared.compensate(row.id, poll.cancelled, now, finished);
      }
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
