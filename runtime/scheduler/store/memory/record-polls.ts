// recordPolls: a run suspended. In order: the resume's results are consumed, the listed children
// are cancelled (and their undelivered results dropped), the call waits with its new state, and
// its new children are inserted; children that finish at once (an event already kept) and results
// that arrived during the run count toward min_results immediately.
import type { Finished, Outcome, PollRecord } from "../types.js";
import type { MemoryData } from "./data.js";
import { compensate } from "./cancel-call.js";
import { cancelChildren } from "./cancel-children.js";
import { wakeIfReady } from "./finish.js";
import { insertRow } from "./insert-rows.js";

export function recordPolls(data: MemoryData, polls: readonly PollRecord[], now: number): Outcome {
  const applied: boolean[] = [];
  const finished: Finished[] = [];
  for (const poll of polls) {
    const row = data.running(poll.id, poll.attempt);
    applied.push(row !== undefined);
    if (!row) continue;
    data.dropInbox(row.id, (r) => r.taken);
    cancelChildren(data, row, poll.cancel, poll.cancelled, now, finished);
    data.setStatus(row, "waiting");
    row.state = poll.state;
    row.stateTyped = poll.stateTyped;
    row.minResults = poll.minResults;
    row.maxResults = poll.maxResults;
    row.attempt = 0;
    row.step += 1;
    data.setReadyAt(row, poll.deadline);
    for (const child of poll.children) insertRow(data, child, row.generation, now, finished);
    wakeIfReady(data, row, now);
    // Cancelled while this run was in flight: its catch/finally code runs now.
    if (row.cancelling === "requested") compensate(data, row, poll.cancelled, now, finished);
  }
  return { applied, finished };
}
