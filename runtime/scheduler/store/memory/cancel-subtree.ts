// Cancelling a call cancels everything below it, also below children that already finished
// (their detached descendants may still run). Calls are visited top-down, so by the time a
// descendant is cancelled its parent is terminal and nothing is delivered to it; only the top
// call's parent can receive the cancellation, and only when `deliver` says so.
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { MemoryData } from "./data.js";
import { finishCall } from "./finish.js";

export function cancelSubtree(
  data: MemoryData,
  topId: string,
  result: ResultData,
  now: number,
  deliver: boolean,
  finished: Finished[],
): void {
  const stack = [topId];
  // Each call is pushed once (a tree), so this ends after at most calls.size iterations.
  for (let guard = data.calls.size + 1; stack.length > 0 && guard > 0; guard--) {
    const id = stack.pop()!;
    const row = data.calls.get(id);
    if (!row) continue;
    if (!isTerminal(row.status)) finished.push(finishCall(data, row, "cancelled", result, now, deliver && id === topId));
    for (const child of data.children.get(id) ?? []) stack.push(child);
  }
}
