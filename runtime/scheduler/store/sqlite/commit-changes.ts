// A group commit: every change the memory operations logged since the last commit (MemoryData's
// ChangeLog) written to the file in one transaction, so the file always holds the working copy as
// it was after some operation, never part of one. Call rows are written whole (an UPDATE of the
// columns that can change, or an INSERT of a new row under its sequence number as rowid); an
// inbox is compared with what was last written of it, so each result is inserted once and then
// only its `taken` flag changes; kept events likewise. A result delivered and consumed within one
// group never reaches the file.
//
// After the commit, finished trees leave memory (their rows are in the file now, and reads of
// them go there): a long-running scheduler keeps only what is unfinished.
import type { Database } from "better-sqlite3";
import type { EventRow, InboxRow, MemoryData, Row } from "../memory/data.js";
import { emptyChangeLog } from "../memory/data.js";
import { isTerminal } from "../types.js";
import { COMPENSATING, DETACHED, REQUESTED } from "./cancel-state.js";
import type { WrittenInboxes } from "./load-rows.js";
import type { Preparer } from "./prepare-on-use.js";

export interface Committer {
  /** True when something changed since the last commit. */
  dirty(): boolean;
  /** Writes every change since the last commit in one transaction (none if nothing changed). On
   * failure nothing of the group is written and the log is kept. */
  commit(): void;
  /** A tree loaded for an operation: it leaves memory after the next commit if it is finished. */
  loaded(row: Row): void;
}

const UPDATE = `UPDATE calls SET endpoint = ?, function = ?, version = ?, input = ?, expires_at = ?, ready_at = ?, status = ?,
  attempt = ?, step = ?, generation = ?, restarts = ?, state = ?, state_typed = ?, min_results = ?, max_results = ?, pending = ?,
  output = ?, error = ?, finished_at = ?, cancelling = ?, runs = ? WHERE id = ?`;

const INSERT = `INSERT INTO calls (endpoint, function, version, input, expires_at, ready_at, status,
  attempt, step, generation, restarts, state, state_typed, min_results, max_results, pending,
  output, error, finished_at, cancelling, runs, id, rowid, root_id, parent_id, correlation_id, idempotency_key, kind, created_at,
  event_key, parent_generation) VALUES (${Array(31).fill("?").join(", ")})`;

export function prepareCommitter(
  db: Database,
  statements: Preparer,
  data: MemoryData,
  inboxes: WrittenInboxes,
  events: Map<number, EventRow>,
  /** Rows the file has (loaded, or inserted by a commit). */
  inFile: WeakSet<Row>,
): Committer {
  const update = statements.prepare(UPDATE);
  const insert = statements.prepare(INSERT);
  const addResult = statements.prepare("INSERT INTO inbox (parent_id, seq, child_id, correlation_id, output, error, taken) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const setTaken = statements.prepare("UPDATE inbox SET taken = ? WHERE parent_id = ? AND seq = ?");
  const dropResult = statements.prepare("DELETE FROM inbox WHERE parent_id = ? AND seq = ?");
  const keepEvent = statements.prepare("INSERT INTO events (seq, key, payload, sent_at) VALUES (?, ?, ?, ?)");
  const dropEvent = statements.prepare("DELETE FROM events WHERE seq = ?");
  data.changes = emptyChangeLog();
  const loadedTrees = new Set<Row>();

  /** The columns that can change after an insert, in UPDATE's order (the id last). */
  const mutable = (row: Row): unknown[] => [
    row.endpoint,
    row.function,
    row.version,
    row.input,
    row.expiresAt ?? null,
    row.readyAt ?? null,
    row.status,
    row.attempt,
    row.step,
    row.generation,
    row.restarts,
    row.state ?? null,
    row.stateTyped ? 1 : 0,
    row.minResults,
    row.maxResults,
    data.pendingCount(row.id),
    row.result?.output ?? null,
    row.result?.error ?? null,
    row.finishedAt ?? null,
    cancellingValue(row),
    row.runs,
    row.id,
  ];

  const writeCall = (row: Row): void => {
    const values = mutable(row);
    if (inFile.has(row)) {
      update.run(...values);
      return;
    }
    insert.run(
      ...values,
      row.seq,
      row.rootId,
      row.parentId ?? null,
      String(row.correlationId),
      row.idempotencyKey ?? null,
      row.kind,
      row.createdAt,
      row.eventKey ?? null,
      row.parentGeneration,
    );
    inFile.add(row);
  };

  const writeInbox = (parentId: string): void => {
    const current: readonly InboxRow[] = data.inbox.get(parentId) ?? [];
    const written = inboxes.get(parentId) ?? new Map<number, boolean>();
    const seen = new Set<number>();
    for (const r of current) {
      seen.add(r.seq);
      const was = written.get(r.seq);
      if (was === undefined) {
        addResult.run(parentId, r.seq, r.childId, String(r.correlationId), r.result.output ?? null, r.result.error ?? null, r.taken ? 1 : 0);
      } else if (was !== r.taken) {
        setTaken.run(r.taken ? 1 : 0, parentId, r.seq);
      }
      written.set(r.seq, r.taken);
    }
    for (const seq of written.keys()) {
      if (seen.has(seq)) continue;
      dropResult.run(parentId, seq);
      written.delete(seq);
    }
    if (written.size > 0) inboxes.set(parentId, written);
    else inboxes.delete(parentId);
  };

  const writeEvents = (): void => {
    const current = new Set<number>();
    for (const queue of data.events.values()) {
      for (const event of queue) {
        current.add(event.seq);
        if (events.has(event.seq)) continue;
        keepEvent.run(event.seq, event.key, event.payload, event.sentAt);
        events.set(event.seq, event);
      }
    }
    for (const seq of events.keys()) {
      if (current.has(seq)) continue;
      dropEvent.run(seq);
      events.delete(seq);
    }
  };

  const write = db.transaction((calls: Row[], parents: string[], eventsChanged: boolean) => {
    for (const row of calls) writeCall(row);
    for (const parentId of parents) writeInbox(parentId);
    if (eventsChanged) writeEvents();
  });

  const dirty = (): boolean => {
    const c = data.changes!;
    return c.calls.size > 0 || c.inboxes.size > 0 || c.events;
  };

  return {
    dirty,
    commit: () => {
      const c = data.changes!;
      const calls = new Set<Row>();
      for (const row of c.calls) if (data.calls.get(row.id) === row) calls.add(row);
      // A parent's `pending` column counts its untaken results.
      for (const parentId of c.inboxes) {
        const parent = data.calls.get(parentId);
        if (parent) calls.add(parent);
      }
      // New rows in the order they were made (rowid order is due order between equal ready times).
      const list = [...calls].sort((a, b) => a.seq - b.seq);
      if (dirty()) write(list, [...c.inboxes], c.events);
      data.changes = emptyChangeLog();
      const candidates = loadedTrees;
      for (const row of list) if (isTerminal(row.status)) candidates.add(row);
      evictFinishedTrees(data, candidates);
      loadedTrees.clear();
    },
    loaded: (row) => loadedTrees.add(row),
  };
}

function cancellingValue(row: Row): number {
  if (row.cancelling === undefined) return 0;
  return (row.cancelling === "requested" ? REQUESTED : COMPENSATING) | (row.detached === true ? DETACHED : 0);
}

/** Removes from memory every tree (from its topmost call in memory down) whose calls are all finished. */
function evictFinishedTrees(data: MemoryData, candidates: Iterable<Row>): void {
  const tops = new Set<Row>();
  for (let row of candidates) {
    if (data.calls.get(row.id) !== row) continue;
    // A tree's depth bounds the climb; the guard only protects against a cycle, which ids forbid.
    for (let guard = data.calls.size; row.parentId !== undefined && guard > 0; guard--) {
      const parent = data.calls.get(row.parentId);
      if (!parent) break;
      row = parent;
    }
    if (isTerminal(row.status)) tops.add(row);
  }
  for (const top of tops) {
    const tree: Row[] = [];
    const stack = [top];
    let open = false;
    while (stack.length > 0 && !open) {
      const row = stack.pop()!;
      if (!isTerminal(row.status)) open = true;
      tree.push(row);
      for (const id of data.children.get(row.id) ?? []) stack.push(data.calls.get(id)!);
    }
    if (!open) for (const row of tree) data.forget(row);
  }
}
