// recordPolls: running calls suspend, in one transaction per list. Order matters (see the memory
// store's record-polls.ts): consumed results dropped, cancels applied, the call set waiting, then
// its children inserted, so that children finishing at once count toward min_results.
// A poll that cancels nothing (the usual one) is fenced by its own UPDATE, which also returns the
// call's generation, cancel state and pending count: one statement instead of a SELECT, the
// UPDATE and a SELECT.
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, Outcome, PollRecord } from "../types.js";
import { cancelPhase, REQUESTED } from "./cancel-state.js";
import type { FenceRow, Shared, SyncOp } from "./shared.js";

const SUSPEND = `UPDATE calls SET status = 'waiting', state = ?, state_typed = ?, min_results = ?,
    max_results = ?, attempt = 0, step = step + 1, ready_at = ? WHERE id = ?`;

export function prepareRecordPolls(db: Preparer, shared: Shared): SyncOp<"recordPolls"> {
  const dropTaken = db.prepare("DELETE FROM inbox WHERE parent_id = ? AND taken = 1");
  const suspend = db.prepare(SUSPEND);
  // Only what the rest of the poll reads: each returned column costs a conversion to a JS value.
  const suspendIfRunning = db.prepare<[Uint8Array, number, number, number, number, string, number], [number, number, number]>(
    `${SUSPEND} AND status = 'running' AND attempt = ? RETURNING generation, cancelling, pending`,
  ).raw(true);

  return (polls: readonly PollRecord[], now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const poll of polls) {
      const stateTyped = poll.stateTyped ? 1 : 0;
      let row: Pick<FenceRow, "id" | "generation" | "cancelling"> | undefined;
      let pending: number | undefined;
      if (poll.cancel.length === 0) {
        // Deliveries to this call not counted yet go in first, so the returned count includes them.
        shared.flushDeliveries();
        const suspended = suspendIfRunning.get(poll.state, stateTyped, poll.minResults, poll.maxResults, poll.deadline, poll.id, poll.attempt);
        if (suspended) {
          row = { id: poll.id, generation: suspended[0], cancelling: suspended[1] };
          pending = suspended[2];
          dropTaken.run(row.id);
        }
      } else {
        const fence = shared.running(poll.id, poll.attempt);
        if (fence) {
          dropTaken.run(fence.id);
          // Taken rows are gone by then: every inbox row this drops was pending.
          shared.cancelChildren(fence, poll.cancel, poll.cancelled, now, finished);
          suspend.run(poll.state, stateTyped, poll.minResults, poll.maxResults, poll.deadline, fence.id);
        }
        row = fence;
      }
      applied.push(row !== undefined);
      if (!row) continue;
      for (const child of poll.children) shared.insertRow(child, row.generation, now, finished);
      shared.wakeIfReady(row.id, poll.minResults, poll.deadline, now, pending);
      if (cancelPhase(row.cancelling) === REQUESTED) {
        // Cancelled while this run was in flight: its catch/finally code runs now.
        shared.flushDeliveries();
        shared.compensate(row.id, poll.cancelled, now, finished);
      }
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
