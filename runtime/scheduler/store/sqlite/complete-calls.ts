// completeCalls: running calls finish and their results go to their parents, in one transaction.
import type { Database } from "better-sqlite3";
import type { Completion, Finished, Outcome } from "../types.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareCompleteCalls(db: Database, shared: Shared): SyncOp<"completeCalls"> {
  return (completions: readonly Completion[], now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const c of completions) {
      const done = shared.finishRunning(c.id, c.attempt, c.status, c.result, now);
      applied.push(done !== undefined);
      if (done) finished.push(done);
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
