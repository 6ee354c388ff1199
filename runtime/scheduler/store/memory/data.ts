// The memory store's tables: plain maps, plus the indexes that keep its operations from scanning
// every call (children by parent, event waiters by key, the calls with a ready time by time). Each
// operation runs synchronously to its end, so it is atomic without locks; operations check
// everything that can fail before they change anything.
//
// The file store keeps the same tables as its working copy and writes them to SQLite behind the
// operations (store/sqlite/sqlite-store.ts). It needs to know what changed since its last commit:
// `changes`, when set, collects every call row, inbox and event queue an operation touches. Every
// change of a call row goes through touch() (setStatus and setReadyAt touch; an operation that
// changes a row without them touches it itself), every change of an inbox or of the kept events
// through the methods below.
import type { CallRecord, CallStatus, ResultData } from "../types.js";
import { ReadyQueue } from "./ready-queue.js";

export type Row = { -readonly [K in keyof CallRecord]: CallRecord[K] } & { readonly seq: number };

export interface InboxRow {
  readonly seq: number;
  readonly childId: string;
  readonly correlationId: bigint;
  readonly result: ResultData;
  /** Part of the resume in flight: sent again if that resume is retried, dropped when it completes. */
  taken: boolean;
}

export interface EventRow {
  readonly seq: number;
  readonly key: string;
  readonly payload: Uint8Array;
  readonly sentAt: number;
}

/** What changed since the last commit (see above). */
export interface ChangeLog {
  /** Call rows inserted or changed. */
  readonly calls: Set<Row>;
  /** Parents whose inbox changed. */
  readonly inboxes: Set<string>;
  /** Whether an event was kept, taken or dropped. */
  events: boolean;
}

export function emptyChangeLog(): ChangeLog {
  return { calls: new Set(), inboxes: new Set(), events: false };
}

export class MemoryData {
  #seq = 0;
  /** Set by a store that writes these tables behind its operations. */
  changes: ChangeLog | undefined;
  readonly calls = new Map<string, Row>();
  readonly byIdempotencyKey = new Map<string, string>();
  readonly children = new Map<string, Set<string>>();
  readonly inbox = new Map<string, InboxRow[]>();
  /** Kept events per key, oldest first. */
  readonly events = new Map<string, EventRow[]>();
  /** Waiting event calls per key, oldest first (Set keeps insertion order). */
  readonly waiters = new Map<string, Set<string>>();
  /** Calls whose readyAt is set, earliest first: the only ones claim and nextReadyAt look at. */
  readonly ready = new ReadyQueue();
  /** Untaken inbox rows per parent, kept in step with `inbox` so that a delivery does not count
   * the whole inbox (a fan-out of n calls would cost n² otherwise). */
  readonly #pending = new Map<string, number>();

  nextSeq(): number {
    return ++this.#seq;
  }

  /** Sequence numbers continue after `seq` (rows loaded from a file keep theirs). */
  advanceSeq(seq: number): void {
    if (seq > this.#seq) this.#seq = seq;
  }

  /** The row changed (or is new): see ChangeLog. */
  touch(row: Row): void {
    this.changes?.calls.add(row);
  }

  setReadyAt(row: Row, readyAt: number | undefined): void {
    this.changes?.calls.add(row);
    row.readyAt = readyAt;
    this.ready.set(row.id, row.seq, row.function, readyAt);
  }

  setStatus(row: Row, status: CallStatus): void {
    this.changes?.calls.add(row);
    if (row.kind === "event" && row.eventKey !== undefined) {
      const waiting = this.waiters.get(row.eventKey);
      if (status === "waiting") {
        if (waiting) waiting.add(row.id);
        else this.waiters.set(row.eventKey, new Set([row.id]));
      } else if (waiting) {
        waiting.delete(row.id);
        if (waiting.size === 0) this.waiters.delete(row.eventKey);
      }
    }
    row.status = status;
  }

  addToInbox(parentId: string, row: InboxRow): void {
    this.changes?.inboxes.add(parentId);
    const rows = this.inbox.get(parentId);
    if (rows) rows.push(row);
    else this.inbox.set(parentId, [row]);
    if (!row.taken) this.#pending.set(parentId, this.pendingCount(parentId) + 1);
  }

  /** Marks up to `count` untaken rows, oldest first, as part of the resume in flight. */
  take(parentId: string, count: number): InboxRow[] {
    this.changes?.inboxes.add(parentId);
    const taken: InboxRow[] = [];
    for (const r of this.inbox.get(parentId) ?? []) {
      if (taken.length >= count) break;
      if (r.taken) continue;
      r.taken = true;
      taken.push(r);
    }
    this.#pending.set(parentId, this.pendingCount(parentId) - taken.length);
    return taken;
  }

  /** Drops inbox rows of `parentId` that match `drop`. */
  dropInbox(parentId: string, drop: (row: InboxRow) => boolean): void {
    const rows = this.inbox.get(parentId);
    if (!rows) return;
    this.changes?.inboxes.add(parentId);
    const kept = rows.filter((r) => !drop(r));
    this.#pending.set(parentId, kept.filter((r) => !r.taken).length);
    if (kept.length === 0) this.clearInbox(parentId);
    else this.inbox.set(parentId, kept);
  }

  clearInbox(parentId: string): void {
    if (this.inbox.has(parentId)) this.changes?.inboxes.add(parentId);
    this.inbox.delete(parentId);
    this.#pending.delete(parentId);
  }

  /** Keeps an event for the next call that waits on its key. */
  keepEvent(event: EventRow): void {
    if (this.changes) this.changes.events = true;
    const queue = this.events.get(event.key);
    if (queue) queue.push(event);
    else this.events.set(event.key, [event]);
  }

  /** The oldest event kept for `key`, removed. */
  takeEvent(key: string): EventRow | undefined {
    const queue = this.events.get(key);
    const event = queue?.shift();
    if (queue && queue.length === 0) this.events.delete(key);
    if (event && this.changes) this.changes.events = true;
    return event;
  }

  /** Up to `limit` kept events sent before `before`, oldest first per key, removed. */
  dropEvents(before: number, limit: number): EventRow[] {
    const dropped: EventRow[] = [];
    for (const [key, queue] of this.events) {
      while (dropped.length < limit && queue.length > 0 && queue[0]!.sentAt < before) dropped.push(queue.shift()!);
      if (queue.length === 0) this.events.delete(key);
      if (dropped.length >= limit) break;
    }
    if (dropped.length > 0 && this.changes) this.changes.events = true;
    return dropped;
  }

  /** Removes a terminal call (no ready time, no inbox, no longer a waiter): a deleted finished
   * call, or one the file store no longer keeps in memory. Its children stay, without it. */
  forget(row: Row): void {
    this.calls.delete(row.id);
    this.clearInbox(row.id);
    this.children.delete(row.id);
    if (row.parentId !== undefined) {
      const siblings = this.children.get(row.parentId);
      siblings?.delete(row.id);
      if (siblings?.size === 0) this.children.delete(row.parentId);
    }
    if (row.idempotencyKey !== undefined && this.byIdempotencyKey.get(row.idempotencyKey) === row.id) this.byIdempotencyKey.delete(row.idempotencyKey);
  }

  pendingCount(parentId: string): number {
    return this.#pending.get(parentId) ?? 0;
  }

  /** A running call at this attempt: the fence every post-run transition checks. */
  running(id: string, attempt: number): Row | undefined {
    const row = this.calls.get(id);
    return row && row.status === "running" && row.attempt === attempt ? row : undefined;
  }
}

/** A copy the caller may keep (rows change in place), without unset fields, as SQLite returns it.
 * Built as one literal plus the optional fields that are set (as the SQLite store's toRecord
 * does): copying key by key (for-in) made a dictionary-mode object per claimed call, and
 * `delete` would too. */
export function snapshot(row: Row): CallRecord {
  const record: { -readonly [K in keyof CallRecord]?: CallRecord[K] } = {
    id: row.id,
    rootId: row.rootId,
    correlationId: row.correlationId,
    kind: row.kind,
    endpoint: row.endpoint,
    function: row.function,
    version: row.version,
    input: row.input,
    createdAt: row.createdAt,
    status: row.status,
    attempt: row.attempt,
    runs: row.runs,
    step: row.step,
    generation: row.generation,
    parentGeneration: row.parentGeneration,
    restarts: row.restarts,
    stateTyped: row.stateTyped,
    minResults: row.minResults,
    maxResults: row.maxResults,
  };
  if (row.parentId !== undefined) record.parentId = row.parentId;
  if (row.idempotencyKey !== undefined) record.idempotencyKey = row.idempotencyKey;
  if (row.expiresAt !== undefined) record.expiresAt = row.expiresAt;
  if (row.readyAt !== undefined) record.readyAt = row.readyAt;
  if (row.eventKey !== undefined) record.eventKey = row.eventKey;
  if (row.state !== undefined) record.state = row.state;
  if (row.result !== undefined) record.result = row.result;
  if (row.finishedAt !== undefined) record.finishedAt = row.finishedAt;
  if (row.cancelling !== undefined) record.cancelling = row.cancelling;
  if (row.detached === true) record.detached = true;
  return record as CallRecord;
}
