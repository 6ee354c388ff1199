// Cancelling the children a coroutine names by correlation id (Poll or Exit
// cancel_correlation_ids), with compensation like Store.cancelCalls but detached: the coroutine no
// longer waits on them, so a suspended loser runs its catch/finally on its own and its result goes
// nowhere. Only children of its current generation count: an older coroutine's children are not
// its own. Their undelivered results are dropped.
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { MemoryData, Row } from "./data.js";
import { cancelCall } from "./cancel-call.js";

export function cancelChildren(data: MemoryData, row: Row, ids: readonly bigint[], result: ResultData, now: number, finished: Finished[]): void {
  if (ids.length === 0) return;
  const cancel = new Set(ids);
  for (const childId of data.children.get(row.id) ?? []) {
    const child = data.calls.get(childId)!;
    if (child.parentGeneration !== row.generation || !cancel.has(child.correlationId)) continue;
    cancelCall(data, childId, result, now, false, finished, true);
  }
  data.dropInbox(row.id, (r) => cancel.has(r.correlationId));
}

/** Every unfinished child of the row's current coroutine, cancelled as above (the row is ending
 * as cancelled, or starting over from its input). */
export function cancelOpenChildren(data: MemoryData, row: Row, result: ResultData, now: number, finished: Finished[]): void {
  for (const childId of data.children.get(row.id) ?? []) {
    const child = data.calls.get(childId)!;
    if (child.parentGeneration === row.generation && !isTerminal(child.status)) cancelCall(data, childId, result, now, false, finished, true);
  }
}
