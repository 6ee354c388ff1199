// Cancelling a call and everything below it, top-down (see the memory store's cancel-subtree.ts):
// a descendant's parent is already terminal when it is cancelled, so only the top call's parent
// can receive the cancellation, and only when `deliver` says so.
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { FinishCall } from "./finish.js";
import type { CallRow } from "./rows.js";

export type CancelSubtree = (topId: string, result: ResultData, now: number, deliver: boolean, finished: Finished[]) => void;

export function prepareCancelSubtree(db: Preparer, finishCall: FinishCall): CancelSubtree {
  const byId = db.prepare<[string], CallRow>("SELECT * FROM calls WHERE id = ?");
  const childrenOf = db.prepare<[string], string>("SELECT id FROM calls WHERE parent_id = ?").pluck();
  const count = db.prepare<[], number>("SELECT count(*) FROM calls").pluck();
  return (topId, result, now, deliver, finished) => {
    const stack = [topId];
    // A tree: each call is pushed once, so the walk ends within the number of calls.
    for (let guard = count.get()! + 1; stack.length > 0 && guard > 0; guard--) {
      const id = stack.pop()!;
      const row = byId.get(id);
      if (!row) continue;
      if (!isTerminal(row.status)) finished.push(finishCall(row, "cancelled", result, now, deliver && id === topId));
      stack.push(...childrenOf.all(id));
    }
  };
}
