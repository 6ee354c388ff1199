// insertCalls: Dispatch's atomic insert, in one transaction. Idempotency keys are resolved first
// (a key seen before, or twice in the same list, yields the first call's id).
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, InsertOutcome, NewCall } from "../types.js";
import type { Shared, SyncOp } from "./shared.js";

export function prepareInsertCalls(db: Preparer, shared: Shared): SyncOp<"insertCalls"> {
  const byKey = db.prepare<[string], string>("SELECT id FROM calls WHERE idempotency_key = ?").pluck();
  return (calls: readonly NewCall[], now: number): InsertOutcome => {
    const ids: string[] = [];
    const inserted: boolean[] = [];
    const finished: Finished[] = [];
    const keys = new Map<string, string>();
    for (const call of calls) {
      const key = call.idempotencyKey;
      const existing = key === undefined ? undefined : (keys.get(key) ?? byKey.get(key));
      if (existing !== undefined) {
        ids.push(existing);
        inserted.push(false);
        continue;
      }
      if (key !== undefined) keys.set(key, call.id);
      const parentGeneration = call.parentId === undefined ? 0 : (shared.generationOf(call.parentId) ?? 0);
      shared.insertRow(call, parentGeneration, now, finished);
      ids.push(call.id);
      inserted.push(true);
    }
    shared.flushDeliveries();
    return { ids, inserted, finished };
  };
}
