// insertCalls: Dispatch's atomic insert. Idempotency keys are resolved first (a key seen before,
// or twice in the same list, yields the first call's id), then every new call is inserted.
import type { Finished, InsertOutcome, NewCall } from "../types.js";
import type { MemoryData } from "./data.js";
import { insertRow } from "./insert-rows.js";

export function insertCalls(data: MemoryData, calls: readonly NewCall[], now: number): InsertOutcome {
  const ids: string[] = [];
  const inserted: boolean[] = [];
  const fresh: NewCall[] = [];
  const keys = new Map<string, string>();
  for (const call of calls) {
    const key = call.idempotencyKey;
    const existing = key === undefined ? undefined : (data.byIdempotencyKey.get(key) ?? keys.get(key));
    if (existing !== undefined) {
      ids.push(existing);
      inserted.push(false);
      continue;
    }
    if (data.calls.has(call.id)) throw new Error(`cannot insert call ${call.id}: the id exists`);
    if (key !== undefined) keys.set(key, call.id);
    ids.push(call.id);
    inserted.push(true);
    fresh.push(call);
  }
  const finished: Finished[] = [];
  for (const call of fresh) {
    const parent = call.parentId === undefined ? undefined : data.calls.get(call.parentId);
    insertRow(data, call, parent?.generation ?? 0, now, finished);
  }
  return { ids, inserted, finished };
}
