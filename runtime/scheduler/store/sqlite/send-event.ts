// sendEvent: the oldest call waiting on the key receives the payload, or the event is kept in
// order for the next waiter; one transaction either way.
import type { Preparer } from "./prepare-on-use.js";
import type { EventOutcome } from "../types.js";
import type { CallRow } from "./rows.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareSendEvent(db: Preparer, shared: Shared): SyncOp<"sendEvent"> {
  const oldestWaiter = db.prepare<[string], CallRow>(
    "SELECT * FROM calls WHERE kind = 'event' AND status = 'waiting' AND event_key = ? ORDER BY rowid LIMIT 1",
  );
  const keep = db.prepare("INSERT INTO events (key, payload, sent_at) VALUES (?, ?, ?)");
  return (key: string, payload: Uint8Array, now: number): EventOutcome => {
    const waiter = oldestWaiter.get(key);
    if (waiter) {
      const finished = [shared.finishCall(waiter, "succeeded", { output: payload }, now)];
      shared.flushDeliveries();
      return { stored: false, finished };
    }
    keep.run(key, payload, now);
    return { stored: true, finished: [] };
  };
}
