// Inserting one call, with the event match: an event waiter whose key has a kept event takes the
// oldest one and finishes at once, so an event is never both kept and waited for.
import type { Preparer } from "./prepare-on-use.js";
import type { Finished, NewCall } from "../types.js";
import type { FinishCall } from "./finish.js";
import { bytes } from "./rows.js";

export type InsertRow = (call: NewCall, parentGeneration: number, now: number, finished: Finished[]) => void;

export function prepareInsertRow(db: Preparer, finishCall: FinishCall): InsertRow {
  const insert = db.prepare(`INSERT INTO calls (
      id, root_id, parent_id, correlation_id, idempotency_key, kind, endpoint, function, version, input,
      created_at, expires_at, ready_at, event_key, status, parent_generation)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const oldestEvent = db.prepare<[string], { seq: number; payload: Uint8Array }>(
    "SELECT seq, payload FROM events WHERE key = ? ORDER BY seq LIMIT 1",
  );
  const deleteEvent = db.prepare("DELETE FROM events WHERE seq = ?");
  return (call, parentGeneration, now, finished) => {
    const correlationId = call.correlationId.toString();
    insert.run(
      call.id,
      call.rootId,
      call.parentId,
      correlationId,
      call.idempotencyKey,
      call.kind,
      call.endpoint,
      call.function,
      call.version,
      call.input,
      call.createdAt,
      call.expiresAt,
      call.readyAt,
      call.eventKey,
      call.kind === "run" ? "queued" : "waiting",
      parentGeneration,
    );
    if (call.kind !== "event" || call.eventKey === undefined) return;
    const event = oldestEvent.get(call.eventKey);
    if (!event) return;
    deleteEvent.run(event.seq);
    const row = {
      id: call.id,
      root_id: call.rootId,
      parent_id: call.parentId ?? null,
      parent_generation: parentGeneration,
      correlation_id: correlationId,
      function: call.function,
    };
    finished.push(finishCall(row, "succeeded", { output: bytes(event.payload)! }, now));
  };
}
