// requeueRunning: after a crash, every call the previous process had claimed runs again
// (at-least-once delivery). Attempts are not rolled back: a crash counts as an attempt.
import type { Preparer } from "./prepare-on-use.js";
import type { SyncOp } from "./shared.js";

export function prepareRequeueRunning(db: Preparer): SyncOp<"requeueRunning"> {
  const requeue = db.prepare("UPDATE calls SET status = 'queued', ready_at = ? WHERE status = 'running'");
  return (now: number): number => requeue.run(now).changes;
}
