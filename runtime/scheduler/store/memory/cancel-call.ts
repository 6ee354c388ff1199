// Cancelling one call with compensation (the rule is on Store.cancelCalls): a call that never
// started is cancelled at once; a suspended one is resumed with a CancelledError for each of its
// outstanding children so that its catch/finally code runs; a running one is marked and treated
// so at its next Poll. Children of a compensating call never deliver to it again: it already got
// their CancelledError (see finish.ts).
//
// `detached`: the call's own parent cancelled it (a race loser, a child of a restarted coroutine)
// and no longer waits on it, so whatever it ends with goes nowhere. A call already being cancelled
// only learns that (its parent dropped it meanwhile); its cancellation goes on as it was.
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { MemoryData, Row } from "./data.js";
import { finishCall } from "./finish.js";

export function cancelCall(
  data: MemoryData,
  id: string,
  result: ResultData,
  now: number,
  deliver: boolean,
  finished: Finished[],
  detached = false,
): void {
  const row = data.calls.get(id);
  if (!row) return;
  if (isTerminal(row.status)) {
    // Its detached descendants may still run.
    for (const child of data.children.get(id) ?? []) cancelCall(data, child, result, now, false, finished);
    return;
  }
  if (row.cancelling !== undefined) {
    if (detached) detach(data, row);
    return;
  }
  if (row.state !== undefined && row.status === "waiting") {
    if (detached) detach(data, row);
    return compensate(data, row, result, now, finished);
  }
  if (row.state !== undefined || row.status === "running") {
    data.touch(row);
    row.cancelling = "requested";
    if (detached) row.detached = true;
    return;
  }
  finished.push(finishCall(data, row, "cancelled", result, now, deliver && !detached));
  for (const child of data.children.get(id) ?? []) cancelCall(data, child, result, now, false, finished);
}

function detach(data: MemoryData, row: Row): void {
  data.touch(row);
  row.detached = true;
}

/** A suspended call gets a CancelledError for each outstanding child and becomes ready now. */
export function compensate(data: MemoryData, row: Row, result: ResultData, now: number, finished: Finished[]): void {
  data.touch(row);
  row.cancelling = "compensating";
  for (const childId of data.children.get(row.id) ?? []) {
    const child = data.calls.get(childId)!;
    const outstanding = !isTerminal(child.status) && child.parentGeneration === row.generation;
    cancelCall(data, childId, result, now, false, finished);
    if (outstanding) data.addToInbox(row.id, { seq: data.nextSeq(), childId, correlationId: child.correlationId, result, taken: false });
  }
  data.setReadyAt(row, now);
}
