// completeCalls: a run exited (or a timer or event wait ended); the call finishes and its result
// goes to its parent; the children its Exit names are cancelled. Fenced: a call that is no longer running at that attempt is left alone.
import type { Completion, Finished, Outcome } from "../types.js";
import type { MemoryData } from "./data.js";
import { cancelChildren, cancelOpenChildren } from "./cancel-children.js";
import { finishCall } from "./finish.js";

export function completeCalls(data: MemoryData, completions: readonly Completion[], now: number): Outcome {
  const applied: boolean[] = [];
  const finished: Finished[] = [];
  for (const c of completions) {
    const row = data.running(c.id, c.attempt);
    applied.push(row !== undefined);
    if (!row) continue;
    // The losers of a race decided by this run go first: they never reach the finished parent.
    if (c.cancel && c.cancelled) cancelChildren(data, row, c.cancel, c.cancelled, now, finished);
    // A call being cancelled ends cancelled, whatever its compensation returned, and so do the
    // children it leaves open (its subtree is cancelled: they compensate on their own).
    if (row.cancelling !== undefined && c.cancelled) {
      finished.push(finishCall(data, row, "cancelled", c.cancelled, now));
      cancelOpenChildren(data, row, c.cancelled, now, finished);
    } else finished.push(finishCall(data, row, c.status, c.result, now));
  }
  return { applied, finished };
}
