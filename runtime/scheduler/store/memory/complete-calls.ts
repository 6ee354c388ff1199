// completeCalls: a run exited (or a timer or event wait ended); the call finishes and its result
// goes to its parent. Fenced: a call that is no longer running at that attempt is left alone.
import type { Completion, Finished, Outcome } from "../types.js";
import type { MemoryData } from "./data.js";
import { finishCall } from "./finish.js";

export function completeCalls(data: MemoryData, completions: readonly Completion[], now: number): Outcome {
  const applied: boolean[] = [];
  const finished: Finished[] = [];
  for (const c of completions) {
    const row = data.running(c.id, c.attempt);
    applied.push(row !== undefined);
    if (row) finished.push(finishCall(data, row, c.status, c.result, now));
  }
  return { applied, finished };
}
