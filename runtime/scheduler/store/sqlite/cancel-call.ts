// Cancelling one call with compensation (the rule is on Store.cancelCalls; see the memory store's
// cancel-call.ts): a call that never started is cancelled at once; a suspended one is resumed with
// a CancelledError for each of its outstanding children; a running one is marked (cancelling = 1)
// and treated so at its next Poll. `detached`: its own parent cancelled it and no longer waits on
// it (cancel-state.ts). The caller flushes deliveries first (finish.ts caches parents).
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import { COMPENSATING, DETACHED, REQUESTED } from "./cancel-state.js";
import type { FinishCall } from "./finish.js";
import type { CallRow } from "./rows.js";
import { prepareInsertInbox } from "./schema.js";

export type CancelCall = (id: string, result: ResultData, now: number, deliver: boolean, finished: Finished[], detached?: boolean) => void;
export type Compensate = (id: string, result: ResultData, now: number, finished: Finished[]) => void;

export function prepareCancelCall(db: Preparer, finishCall: FinishCall): { cancelCall: CancelCall; compensate: Compensate } {
  type Row = Omit<CallRow, "input" | "state" | "output" | "error"> & { suspended: number };
  const byId = db.prepare<[string], Row>(
    `SELECT id, root_id, parent_id, parent_generation, correlation_id, function, generation, status, cancelling,
       state IS NOT NULL AS suspended FROM calls WHERE id = ?`,
  );
  const childrenOf = db.prepare<[string], string>("SELECT id FROM calls WHERE parent_id = ?").pluck();
  const request = db.prepare<[number, string]>("UPDATE calls SET cancelling = ? WHERE id = ?");
  // The DETACHED bit is added, never cleared (finish.ts clears the whole value).
  const setDetached = db.prepare<[string]>(`UPDATE calls SET cancelling = cancelling | ${DETACHED} WHERE id = ?`);
  const addInbox = prepareInsertInbox(db);
  const start = db.prepare(`UPDATE calls SET cancelling = ${COMPENSATING} | (cancelling & ${DETACHED}), pending = pending + ?, ready_at = ? WHERE id = ?`);
  const detach = (id: string, detached: boolean) => detached && setDetached.run(id);

  const compensateRow = (row: Row, result: ResultData, now: number, finished: Finished[]): void => {
    let added = 0;
    for (const childId of childrenOf.all(row.id)) {
      const child = byId.get(childId)!;
      const outstanding = !isTerminal(child.status) && child.parent_generation === row.generation;
      cancelCall(childId, result, now, false, finished);
      if (!outstanding) continue;
      addInbox(row.id, childId, child.correlation_id, result.output, result.error);
      added++;
    }
    start.run(added, now, row.id);
  };

  const cancelCall: CancelCall = (id, result, now, deliver, finished, detached = false) => {
    const row = byId.get(id);
    if (!row) return;
    if (isTerminal(row.status)) {
      // Its detached descendants may still run.
      for (const child of childrenOf.all(id)) cancelCall(child, result, now, false, finished);
      return;
    }
    if (row.cancelling !== 0) {
      // Already being cancelled: its parent dropped it meanwhile, nothing else changes.
      detach(id, detached);
      return;
    }
    if (row.suspended === 1 && row.status === "waiting") {
      detach(id, detached);
      return compensateRow(row, result, now, finished);
    }
    if (row.suspended === 1 || row.status === "running") {
      request.run(detached ? REQUESTED | DETACHED : REQUESTED, id);
      return;
    }
    finished.push(finishCall(row, "cancelled", result, now, deliver && !detached));
    for (const child of childrenOf.all(id)) cancelCall(child, result, now, false, finished);
  };

  const compensate: Compensate = (id, result, now, finished) => compensateRow(byId.get(id)!, result, now, finished);
  return { cancelCall, compensate };
}
