// Reads of the file: one call, a filtered list (newest first). The store commits its pending
// changes first, so the file holds every call (sqlite-store.ts).
import type { Preparer } from "./prepare-on-use.js";
import type { CallFilter, CallRecord, Store } from "../types.js";
import { toRecord, type CallRow } from "./rows.js";

/** A store operation run synchronously (the store wraps it in a promise). */
type SyncOp<K extends keyof Store> = Store[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;

export function prepareReads(db: Preparer): { getCall: SyncOp<"getCall">; listCalls: SyncOp<"listCalls"> } {
  const byId = db.prepare<[string], CallRow>("SELECT * FROM calls WHERE id = ?");
  const list = db.prepare<{ status: string | null; roots: number; parent: string | null; root: string | null; limit: number }, CallRow>(
    `SELECT * FROM calls
     WHERE (@status IS NULL OR status = @status) AND (@roots = 0 OR parent_id IS NULL)
       AND (@parent IS NULL OR parent_id = @parent) AND (@root IS NULL OR root_id = @root)
     ORDER BY rowid DESC LIMIT @limit`,
  );
  // Through the partial index calls_cancelling: dispatch.run asks this after every run, and a scan
  // of a large store would cost more than the run (82 ms for 50,000 calls). `+rowid` keeps the
  // planner from scanning the table in rowid order to skip the sort of a handful of rows.
  const beingCancelled = db.prepare<{ status: string | null; roots: number; parent: string | null; root: string | null; limit: number }, CallRow>(
    `SELECT * FROM calls
     WHERE cancelling != 0 AND (@status IS NULL OR status = @status) AND (@roots = 0 OR parent_id IS NULL)
       AND (@parent IS NULL OR parent_id = @parent) AND (@root IS NULL OR root_id = @root)
     ORDER BY +rowid DESC LIMIT @limit`,
  );
  return {
    getCall: (id: string): CallRecord | undefined => {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    listCalls: (filter: CallFilter): CallRecord[] => {
      const params = {
        status: filter.status ?? null,
        roots: (filter.rootsOnly ?? true) ? 1 : 0,
        parent: filter.parentId ?? null,
        root: filter.rootId ?? null,
        limit: filter.limit,
      };
      return (filter.cancelling === true ? beingCancelled.all(params) : list.all(params)).map(toRecord);
    },
  };
}
