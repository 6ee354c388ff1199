// Retention: finished calls and events nobody waited for are deleted in bounded batches. A
// deleted root frees its idempotency key (running the same root again starts a new call).
import type { Preparer } from "./prepare-on-use.js";
import type { SyncOp } from "./shared.js";

export function prepareDeletes(db: Preparer): { deleteFinished: SyncOp<"deleteFinished">; deleteEvents: SyncOp<"deleteEvents"> } {
  const oldCalls = db.prepare<[number, number], string>(
    "SELECT id FROM calls WHERE finished_at IS NOT NULL AND finished_at < ? LIMIT ?",
  ).pluck();
  const deleteCall = db.prepare("DELETE FROM calls WHERE id = ?");
  const deleteInbox = db.prepare("DELETE FROM inbox WHERE parent_id = ?");
  const deleteEvents = db.prepare(
    "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE sent_at < ? ORDER BY seq LIMIT ?)",
  );
  return {
    deleteFinished: (before: number, limit: number): number => {
      const ids = oldCalls.all(before, limit);
      for (const id of ids) {
        deleteCall.run(id);
        deleteInbox.run(id);
      }
      return ids.length;
    },
    deleteEvents: (before: number, limit: number): number => deleteEvents.run(before, limit).changes,
  };
}
