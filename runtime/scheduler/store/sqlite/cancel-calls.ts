// cancelCalls: listed calls and their subtrees are cancelled in one transaction; each listed
// call's parent, if still waiting on it, receives `result`.
import type { Database } from "better-sqlite3";
import type { Finished, Outcome, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { CallRow } from "./rows.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareCancelCalls(db: Database, shared: Shared): SyncOp<"cancelCalls"> {
  const statusOf = db.prepare<[string], CallRow["status"]>("SELECT status FROM calls WHERE id = ?").pluck();
  return (ids: readonly string[], result: ResultData, now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const id of ids) {
      const status = statusOf.get(id);
      applied.push(status !== undefined && !isTerminal(status));
      if (status !== undefined) shared.cancelSubtree(id, result, now, true, finished);
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
