// sendEvent: the oldest call waiting on the key receives the payload; with no waiter the event is
// kept, in order, for the next call that waits on the key.
import type { EventOutcome } from "../types.js";
import type { MemoryData } from "./data.js";
import { finishCall } from "./finish.js";

export function sendEvent(data: MemoryData, key: string, payload: Uint8Array, now: number): EventOutcome {
  const waiters = data.waiters.get(key);
  const first = waiters?.values().next();
  if (first && !first.done) {
    const row = data.calls.get(first.value)!;
    return { stored: false, finished: [finishCall(data, row, "succeeded", { output: payload }, now)] };
  }
  data.keepEvent({ seq: data.nextSeq(), key, payload, sentAt: now });
  return { stored: true, finished: [] };
}
