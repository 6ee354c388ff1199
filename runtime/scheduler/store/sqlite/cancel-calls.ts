// cancelCalls: the listed calls are cancelled with their subtrees, with compensation, in one
// transaction (see the memory store's cancel-calls.ts); a call already being cancelled is stopped
// at once with its subtree; each listed call's parent, if still waiting on it, receives `result`.
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, Outcome, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { CallRow } from "./rows.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareCancelCalls(db: Preparer, shared: Shared): SyncOp<"cancelCalls"> {
  const statusOf = db.prepare<[string], Pick<CallRow, "status" | "cancelling">>("SELECT status, cancelling FROM calls WHERE id = ?");
  return (ids: readonly string[], result: ResultData, now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const id of ids) {
      shared.flushDeliveries();
      const row = statusOf.get(id);
      applied.push(row !== undefined && !isTerminal(row.status));
      if (!row) continue;
      if (row.cancelling !== 0 && !isTerminal(row.status)) shared.cancelSubtree(id, result, now, true, finished);
      else shared.cancelCall(id, result, now, true, finished);
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
