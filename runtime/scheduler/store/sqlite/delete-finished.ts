// Retention in the file: finished calls deleted in bounded batches, in one transaction, with
// their inbox rows. A deleted root frees its idempotency key (running the same root again starts a
// new call). The store removes the same calls from its working copy (sqlite-store.ts); kept events
// are all in the working copy and leave the file with its next commit.
import type { Database } from "better-sqlite3";
import type { Preparer } from "./prepare-on-use.js";

/** Deletes up to `limit` calls finished before `before`; their ids. */
export function prepareDeleteFinished(db: Database, statements: Preparer): (before: number, limit: number) => string[] {
  const oldCalls = statements.prepare<[number, number], string>("SELECT id FROM calls WHERE finished_at IS NOT NULL AND finished_at < ? LIMIT ?").pluck();
  const deleteCall = statements.prepare("DELETE FROM calls WHERE id = ?");
  const deleteInbox = statements.prepare("DELETE FROM inbox WHERE parent_id = ?");
  return db.transaction((before: number, limit: number): string[] => {
    const ids = oldCalls.all(before, limit);
    for (const id of ids) {
      deleteCall.run(id);
      deleteInbox.run(id);
    }
    return ids;
  });
}
