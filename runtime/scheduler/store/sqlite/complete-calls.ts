// completeCalls: running calls finish and their results go to their parents, in one transaction;
// the children an Exit names are cancelled first.
import type { Preparer } from "./prepare-on-use.js";
import type { Completion, Finished, Outcome } from "../types.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareCompleteCalls(_db: Preparer, shared: Shared): SyncOp<"completeCalls"> {
  return (completions: readonly Completion[], now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const c of completions) {
      // The losers of a race decided by this run go first: they never reach the finished parent.
      if (c.cancel && c.cancel.length > 0 && c.cancelled) {
        const row = shared.running(c.id, c.attempt);
        if (row) shared.cancelChildren(row, c.cancel, c.cancelled, now, finished);
      }
      const done = shared.finishRunning(c.id, c.attempt, c.status, c.result, now, c.cancelled);
      applied.push(done !== undefined);
      if (done) finished.push(done);
      // Only a call being cancelled ends "cancelled" at its Exit: the children it leaves open are
      // cancelled too (its subtree), and compensate on their own.
      if (done?.status === "cancelled" && c.cancelled) shared.cancelOpenChildren(done.id, c.cancelled, now, finished);
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
