// requeueRunning: after a crash, every call the previous process had claimed runs again
// (at-least-once delivery). Attempts are not rolled back: a crash counts as an attempt.
import type { Database } from "better-sqlite3";
import type { SyncOp } from "./shared.js";

export function prepareRequeueRunning(db: Database): SyncOp<"requeueRunning"> {
  const requeue = db.prepare("UPDATE calls SET status = 'queued', ready_at = ? WHERE status = 'running'");
  return (now: number): number => requeue.run(now).changes;
}
