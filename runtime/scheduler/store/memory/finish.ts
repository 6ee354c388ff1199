// Finishing a call, the step every store operation shares: the call becomes terminal and its
// result goes to its parent's inbox if the parent still waits on it, i.e. the parent is not
// terminal and has not been replaced by a tail call or a restart since it dispatched this call.
// A waiting parent that now has min_results results becomes ready at once.
import { pollReadyAt } from "../../poll-accounting.js";
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { MemoryData, Row } from "./data.js";

export function finishCall(
  data: MemoryData,
  row: Row,
  status: Finished["status"],
  result: ResultData,
  now: number,
  deliver = true,
): Finished {
  data.setStatus(row, status);
  data.setReadyAt(row, undefined);
  row.result = result;
  row.finishedAt = now;
  row.state = undefined;
  data.clearInbox(row.id);
  const delivered = deliver && deliverToParent(data, row, result, now);
  row.cancelling = undefined;
  row.detached = undefined;
  return {
    id: row.id,
    rootId: row.rootId,
    function: row.function,
    status,
    result,
    delivered,
    ...(row.parentId !== undefined ? { parentId: row.parentId } : {}),
  };
}

function deliverToParent(data: MemoryData, child: Row, result: ResultData, now: number): boolean {
  if (child.parentId === undefined) return false;
  const parent = data.calls.get(child.parentId);
  if (!parent || isTerminal(parent.status) || parent.generation !== child.parentGeneration) return false;
  // A compensating parent got a CancelledError for this child already; a parent that cancelled
  // it itself (detached) no longer waits on it.
  if (child.cancelling !== undefined && (child.detached === true || parent.cancelling === "compensating")) return false;
  data.addToInbox(parent.id, { seq: data.nextSeq(), childId: child.id, correlationId: child.correlationId, result, taken: false });
  if (parent.status === "waiting") wakeIfReady(data, parent, now);
  return true;
}

/** Applies the poll rule to a waiting call after its inbox grew. */
export function wakeIfReady(data: MemoryData, parent: Row, now: number): void {
  const pending = data.pendingCount(parent.id);
  data.setReadyAt(parent, pollReadyAt({ pending, minResults: parent.minResults, readyAt: parent.readyAt, now }));
}
