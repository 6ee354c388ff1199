// Cancelling the children a coroutine names by correlation id (Poll or Exit
// cancel_correlation_ids), with their subtrees. Only children of its current generation count: an
// older coroutine's children are not its own. Their undelivered results are dropped.
import type { Finished, ResultData } from "../types.js";
import type { MemoryData, Row } from "./data.js";
import { cancelSubtree } from "./cancel-subtree.js";

export function cancelChildren(data: MemoryData, row: Row, ids: readonly bigint[], result: ResultData, now: number, finished: Finished[]): void {
  if (ids.length === 0) return;
  const cancel = new Set(ids);
  for (const childId of data.children.get(row.id) ?? []) {
    const child = data.calls.get(childId)!;
    if (child.parentGeneration !== row.generation || !cancel.has(child.correlationId)) continue;
    cancelSubtree(data, childId, result, now, false, finished);
  }
  data.dropInbox(row.id, (r) => cancel.has(r.correlationId));
}
