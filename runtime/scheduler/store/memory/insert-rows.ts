// Inserting one call: the row, its indexes, and the event match. An event waiter whose key has a
// kept event takes the oldest one and finishes in the same operation, so a sent event is never
// both kept and waited for.
import type { Finished, NewCall } from "../types.js";
import type { MemoryData, Row } from "./data.js";
import { finishCall } from "./finish.js";

export function insertRow(data: MemoryData, call: NewCall, parentGeneration: number, now: number, finished: Finished[]): Row {
  // Every field is set, in one order, so all rows share one hidden class (rows get fields such
  // as `result` later; adding them to some rows only would make every access polymorphic).
  const row: Row = {
    id: call.id,
    rootId: call.rootId,
    parentId: call.parentId,
    correlationId: call.correlationId,
    idempotencyKey: call.idempotencyKey,
    kind: call.kind,
    endpoint: call.endpoint,
    function: call.function,
    version: call.version,
    input: call.input,
    createdAt: call.createdAt,
    expiresAt: call.expiresAt,
    readyAt: undefined,
    eventKey: call.eventKey,
    state: undefined,
    result: undefined,
    finishedAt: undefined,
    seq: data.nextSeq(),
    status: call.kind === "run" ? "queued" : "waiting",
    attempt: 0,
    runs: 0,
    step: 0,
    generation: 0,
    parentGeneration,
    restarts: 0,
    stateTyped: false,
    minResults: 0,
    maxResults: 0,
  };
  data.calls.set(row.id, row);
  if (call.idempotencyKey !== undefined) data.byIdempotencyKey.set(call.idempotencyKey, row.id);
  if (call.parentId !== undefined) {
    const siblings = data.children.get(call.parentId);
    if (siblings) siblings.add(row.id);
    else data.children.set(call.parentId, new Set([row.id]));
  }
  data.setStatus(row, row.status);
  data.setReadyAt(row, call.readyAt);
  if (call.kind === "event" && call.eventKey !== undefined) {
    const event = data.takeEvent(call.eventKey);
    if (event) finished.push(finishCall(data, row, "succeeded", { output: event.payload }, now));
  }
  return row;
}
