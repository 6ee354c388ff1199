// rescheduleCalls: running calls go back to the queue (retry, tail call, restart), in one
// transaction. A tail call or restart starts a new coroutine under the same id: the generation
// moves on, the old inbox is dropped, and a restart cancels the old coroutine's open children
// (detached, with compensation, as race losers).
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, Outcome, Reschedule } from "../types.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareRescheduleCalls(db: Preparer, shared: Shared): SyncOp<"rescheduleCalls"> {
  const retry = db.prepare("UPDATE calls SET status = 'queued', ready_at = ? WHERE id = ?");
  const replace = db.prepare(
    "UPDATE calls SET endpoint = ?, function = ?, version = ?, input = ?, expires_at = ? WHERE id = ?",
  );
  const openChildren = db.prepare<[string, number], string>(`SELECT id FROM calls WHERE parent_id = ?
    AND parent_generation = ? AND status NOT IN ('succeeded', 'failed', 'cancelled')`).pluck();
  const newCoroutine = db.prepare(`UPDATE calls SET generation = generation + 1, step = 0, attempt = 0,
    state = NULL, state_typed = 0, min_results = 0, max_results = 0, pending = 0, restarts = restarts + ? WHERE id = ?`);
  const dropInbox = db.prepare("DELETE FROM inbox WHERE parent_id = ?");

  return (changes: readonly Reschedule[], now: number): Outcome => {
    const applied: boolean[] = [];
    const finished: Finished[] = [];
    for (const change of changes) {
      const row = shared.running(change.id, change.attempt);
      applied.push(row !== undefined);
      if (!row) continue;
      if (change.kind === "tail") {
        replace.run(change.endpoint, change.function, change.version, change.input, change.expiresAt, row.id);
      }
      if (change.kind === "restart") {
        for (const childId of openChildren.all(row.id, row.generation)) {
          shared.flushDeliveries();
          shared.cancelCall(childId, change.cancelled, now, false, finished, true);
        }
      }
      if (change.kind !== "retry") {
        dropInbox.run(row.id);
        newCoroutine.run(change.kind === "restart" ? 1 : 0, row.id);
      }
      retry.run(change.readyAt, row.id);
    }
    shared.flushDeliveries();
    return { applied, finished };
  };
}
