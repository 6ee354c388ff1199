// The memory store's tables: plain maps, plus the indexes that keep its operations from scanning
// every call (children by parent, event waiters by key, the set of calls with a ready time). Each
// operation runs synchronously to its end, so it is atomic without locks; operations check
// everything that can fail before they change anything.
import type { CallRecord, CallStatus, ResultData } from "../types.js";

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

export class MemoryData {
  #seq = 0;
  readonly calls = new Map<string, Row>();
  readonly byIdempotencyKey = new Map<string, string>();
  readonly children = new Map<string, Set<string>>();
  readonly inbox = new Map<string, InboxRow[]>();
  /** Kept events per key, oldest first. */
  readonly events = new Map<string, EventRow[]>();
  /** Waiting event calls per key, oldest first (Set keeps insertion order). */
  readonly waiters = new Map<string, Set<string>>();
  /** Calls whose readyAt is set: the only ones claim and nextReadyAt look at. */
  readonly ready = new Set<string>();

  nextSeq(): number {
    return ++this.#seq;
  }

  setReadyAt(row: Row, readyAt: number | undefined): void {
    row.readyAt = readyAt;
    if (readyAt === undefined) this.ready.delete(row.id);
    else this.ready.add(row.id);
  }

  setStatus(row: Row, status: CallStatus): void {
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

  inboxOf(parentId: string): InboxRow[] {
    let rows = this.inbox.get(parentId);
    if (!rows) this.inbox.set(parentId, (rows = []));
    return rows;
  }

  /** Drops inbox rows of `parentId` that match `drop`. */
  dropInbox(parentId: string, drop: (row: InboxRow) => boolean): void {
    const rows = this.inbox.get(parentId);
    if (!rows) return;
    const kept = rows.filter((r) => !drop(r));
    if (kept.length === 0) this.inbox.delete(parentId);
    else this.inbox.set(parentId, kept);
  }

  pendingCount(parentId: string): number {
    let n = 0;
    for (const r of this.inbox.get(parentId) ?? []) if (!r.taken) n++;
    return n;
  }

  /** A running call at this attempt: the fence every post-run transition checks. */
  running(id: string, attempt: number): Row | undefined {
    const row = this.calls.get(id);
    return row && row.status === "running" && row.attempt === attempt ? row : undefined;
  }
}

/** A copy the caller may keep (rows change in place), without unset fields, as SQLite returns it. */
export function snapshot(row: Row): CallRecord {
  const { seq: _seq, ...record } = row;
  for (const key of Object.keys(record) as (keyof typeof record)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}
