// rescheduleCalls: a running call goes back to the queue. A retry keeps everything (a resume
// keeps its taken results); a tail call or a restart starts a new coroutine under the same id,
// so the generation moves on and results addressed to the old one are dropped. A restart also
// cancels the old coroutine's unfinished children (detached, with compensation, as race losers):
// the new run will dispatch its own.
import type { Finished, Outcome, Reschedule } from "../types.js";
import type { MemoryData, Row } from "./data.js";
import { cancelOpenChildren } from "./cancel-children.js";

export function rescheduleCalls(data: MemoryData, changes: readonly Reschedule[], now: number): Outcome {
  const applied: boolean[] = [];
  const finished: Finished[] = [];
  for (const change of changes) {
    const row = data.running(change.id, change.attempt);
    applied.push(row !== undefined);
    if (!row) continue;
    if (change.kind === "tail") {
      row.endpoint = change.endpoint;
      row.function = change.function;
      row.version = change.version;
      row.input = change.input;
      row.expiresAt = change.expiresAt;
    }
    if (change.kind === "restart") {
      cancelOpenChildren(data, row, change.cancelled, now, finished);
      row.restarts += 1;
    }
    if (change.kind !== "retry") newCoroutine(data, row);
    data.setStatus(row, "queued");
    data.setReadyAt(row, change.readyAt);
  }
  return { applied, finished };
}

function newCoroutine(data: MemoryData, row: Row): void {
  data.clearInbox(row.id);
  row.generation += 1;
  row.step = 0;
  row.attempt = 0;
  row.state = undefined;
  row.stateTyped = false;
  row.minResults = 0;
  row.maxResults = 0;
}
