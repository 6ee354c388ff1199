// cancelCalls: the listed calls are cancelled with their subtrees, with compensation (cancel-call.ts);
// a call already being cancelled is stopped at once with its subtree, and the parent of each
// listed call, if it still waits on it, receives `result` (a CancelledError) like any other result.
import type { Finished, Outcome, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { MemoryData } from "./data.js";
import { cancelCall } from "./cancel-call.js";
import { cancelSubtree } from "./cancel-subtree.js";

export function cancelCalls(data: MemoryData, ids: readonly string[], result: ResultData, now: number): Outcome {
  const applied: boolean[] = [];
  const finished: Finished[] = [];
  for (const id of ids) {
    const row = data.calls.get(id);
    applied.push(row !== undefined && !isTerminal(row.status));
    if (!row) continue;
    if (row.cancelling !== undefined && !isTerminal(row.status)) cancelSubtree(data, id, result, now, true, finished);
    else cancelCall(data, id, result, now, true, finished);
  }
  return { applied, finished };
}
