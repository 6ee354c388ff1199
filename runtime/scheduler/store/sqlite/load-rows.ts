// Reading the file into the working copy (MemoryData): at open, every tree that has an unfinished
// call; later, on demand, the tree of a call an operation names that is not in memory (a finished
// call being cancelled, a known idempotency key, the parent of an inserted call). A tree is a call
// with no (remaining) parent and everything below it, always loaded whole: the memory operations
// walk children and parents (deliveries, cancelled subtrees, compensation) and must find them all.
//
// Rows keep their rowid as their sequence number, inbox rows and events their seq, so that due
// calls, results and events keep the order the file gives them; new ones are numbered after the
// largest (sqlite-store.ts writes them with these numbers).
import type { Statement } from "better-sqlite3";
import type { EventRow, MemoryData, Row } from "../memory/data.js";
import { isTerminal } from "../types.js";
import { cancelPhase, isDetached, REQUESTED } from "./cancel-state.js";
import type { Preparer } from "./prepare-on-use.js";
import { bytes, resultOf, type CallRow } from "./rows.js";

/** What was last written of each inbox, per parent: seq -> taken. */
export type WrittenInboxes = Map<string, Map<number, boolean>>;

export interface Loader {
  /** Loads every tree with an unfinished call, and the kept events. */
  loadLive(): void;
  /** Loads the tree of `id` unless `id` is in memory; the top of the tree loaded, if any. */
  loadTreeOf(id: string): Row | undefined;
  /** The id of the call with this idempotency key in the file. */
  idOfKey(key: string): string | undefined;
  /** Whether the file has a call with this id. */
  has(id: string): boolean;
}

export function prepareLoader(
  db: Preparer,
  data: MemoryData,
  inboxes: WrittenInboxes,
  events: Map<number, EventRow>,
  /** Rows the file has: every row loaded is added. */
  inFile: WeakSet<Row>,
): Loader {
  // Compiled on first use (prepare-on-use.ts): most opens load a handful of rows.
  const statements = prepare(db);
  const s = () => statements;

  /** Adds rows (a whole tree) that are not in memory yet; the loading itself is no change. */
  const add = (rows: readonly (CallRow & { rowid: number })[]): Row[] => {
    const changes = data.changes;
    data.changes = undefined;
    try {
      const added: Row[] = [];
      for (const r of rows) {
        if (data.calls.has(r.id)) continue;
        const row = rowFromFile(r);
        data.advanceSeq(r.rowid);
        data.calls.set(row.id, row);
        inFile.add(row);
        if (row.idempotencyKey !== undefined) data.byIdempotencyKey.set(row.idempotencyKey, row.id);
        if (row.parentId !== undefined) {
          const siblings = data.children.get(row.parentId);
          if (siblings) siblings.add(row.id);
          else data.children.set(row.parentId, new Set([row.id]));
        }
        data.setStatus(row, row.status);
        data.setReadyAt(row, r.ready_at ?? undefined);
        added.push(row);
      }
      orderWaiters(added);
      for (const row of added) {
        if (isTerminal(row.status)) continue;
        const written = new Map<number, boolean>();
        for (const v of s().inbox.all(row.id) as unknown[][]) {
          const [seq, childId, correlationId, output, error, taken] = v as [number, string, string, Uint8Array | null, Uint8Array | null, number];
          data.advanceSeq(seq);
          data.addToInbox(row.id, { seq, childId, correlationId: BigInt(correlationId), result: resultOf({ output, error }), taken: taken === 1 });
          written.set(seq, taken === 1);
        }
        if (written.size > 0) inboxes.set(row.id, written);
      }
      return added;
    } finally {
      data.changes = changes;
    }
  };

  /** Waiters on a key are served oldest first (the order of their Set): trees load one by one,
   * so a key's waiters from several trees are put back in the order they were made. */
  const orderWaiters = (added: readonly Row[]): void => {
    const keys = new Set<string>();
    for (const row of added) if (row.kind === "event" && row.status === "waiting" && row.eventKey !== undefined) keys.add(row.eventKey);
    for (const key of keys) {
      const ids = [...data.waiters.get(key)!].sort((a, b) => data.calls.get(a)!.seq - data.calls.get(b)!.seq);
      data.waiters.set(key, new Set(ids));
    }
  };

  const loadTreeOf = (id: string): Row | undefined => {
    if (data.calls.has(id)) return undefined;
    const top = s().top.get(id) as string | undefined;
    if (top === undefined) return undefined;
    add(s().tree.all(top) as (CallRow & { rowid: number })[]);
    return data.calls.get(top);
  };

  return {
    loadLive: () => {
      for (const id of s().live.all() as string[]) loadTreeOf(id);
      const changes = data.changes;
      data.changes = undefined;
      try {
        for (const v of s().events.all() as unknown[][]) {
          const [seq, key, payload, sentAt] = v as [number, string, Uint8Array, number];
          const event: EventRow = { seq, key, payload: bytes(payload)!, sentAt };
          data.advanceSeq(seq);
          data.keepEvent(event);
          events.set(seq, event);
        }
      } finally {
        data.changes = changes;
      }
      data.advanceSeq((s().maxRowid.get() as number | null) ?? 0);
    },
    loadTreeOf,
    idOfKey: (key) => s().byKey.get(key) as string | undefined,
    has: (id) => s().has.get(id) !== undefined,
  };
}

function prepare(db: Preparer): Record<"live" | "top" | "tree" | "inbox" | "events" | "maxRowid" | "byKey" | "has", Statement> {
  return {
    // Unfinished calls, through the partial indexes that hold them: calls_live (a ready time, or
    // running), calls_waiters (event waits without a timeout), calls_cancelling (compensations).
    // The scheduler never leaves an unfinished call outside them; a call that is (a store test's
    // call without a ready time) is loaded when an operation names it. INDEXED BY: without it
    // SQLite scans the whole table (finished calls and their blobs) for these ORs.
    live: db
      .prepare(
        `SELECT id FROM calls INDEXED BY calls_live WHERE ready_at IS NOT NULL OR status = 'running'
         UNION ALL SELECT id FROM calls INDEXED BY calls_waiters WHERE kind = 'event' AND status = 'waiting'
         UNION ALL SELECT id FROM calls INDEXED BY calls_cancelling WHERE cancelling != 0`,
      )
      .pluck(),
    // The topmost ancestor still in the file (retention may have deleted finished ones).
    top: db
      .prepare(
        `WITH RECURSIVE up(id, parent_id, depth) AS (
           SELECT id, parent_id, 0 FROM calls WHERE id = ?
           UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM calls c JOIN up ON c.id = up.parent_id)
         SELECT id FROM up ORDER BY depth DESC LIMIT 1`,
      )
      .pluck(),
    // CROSS JOIN keeps `down` the outer loop: joined the other way, SQLite scans the table.
    tree: db.prepare(
      `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT c.id FROM calls c JOIN down ON c.parent_id = down.id)
       SELECT calls.rowid AS rowid, calls.* FROM down CROSS JOIN calls ON calls.id = down.id ORDER BY calls.rowid`,
    ),
    inbox: db.prepare("SELECT seq, child_id, correlation_id, output, error, taken FROM inbox WHERE parent_id = ? ORDER BY seq").raw(true),
    events: db.prepare("SELECT seq, key, payload, sent_at FROM events ORDER BY seq").raw(true),
    maxRowid: db.prepare("SELECT max(rowid) FROM calls").pluck(),
    byKey: db.prepare("SELECT id FROM calls WHERE idempotency_key = ?").pluck(),
    has: db.prepare("SELECT 1 FROM calls WHERE id = ?").pluck(),
  };
}

/** A file row as the memory operations keep it (fields in insert-rows.ts's order: one hidden class). */
function rowFromFile(r: CallRow & { rowid: number }): Row {
  const row: Row = {
    id: r.id,
    rootId: r.root_id,
    parentId: r.parent_id ?? undefined,
    correlationId: BigInt(r.correlation_id),
    idempotencyKey: r.idempotency_key ?? undefined,
    kind: r.kind,
    endpoint: r.endpoint,
    function: r.function,
    version: r.version,
    input: bytes(r.input)!,
    createdAt: r.created_at,
    expiresAt: r.expires_at ?? undefined,
    readyAt: undefined,
    eventKey: r.event_key ?? undefined,
    state: bytes(r.state),
    result: isTerminal(r.status) ? resultOf(r) : undefined,
    finishedAt: r.finished_at ?? undefined,
    seq: r.rowid,
    status: r.status,
    attempt: r.attempt,
    runs: r.runs,
    step: r.step,
    generation: r.generation,
    parentGeneration: r.parent_generation,
    restarts: r.restarts,
    stateTyped: r.state_typed === 1,
    minResults: r.min_results,
    maxResults: r.max_results,
  };
  if (r.cancelling !== 0) {
    row.cancelling = cancelPhase(r.cancelling) === REQUESTED ? "requested" : "compensating";
    if (isDetached(r.cancelling)) row.detached = true;
  }
  return row;
}
