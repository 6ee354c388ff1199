// Rows as SQLite returns them, and their conversion to store records. Correlation ids are uint64,
// which SQLite's signed integers cannot all hold, so they are stored as decimal text.
import type { CallKind, CallRecord, CallStatus, InboxEntry, ResultData } from "../types.js";
import { isTerminal } from "../types.js";

export interface CallRow {
  id: string;
  root_id: string;
  parent_id: string | null;
  correlation_id: string;
  idempotency_key: string | null;
  kind: CallKind;
  endpoint: string;
  function: string;
  version: string;
  input: Uint8Array;
  created_at: number;
  expires_at: number | null;
  ready_at: number | null;
  event_key: string | null;
  status: CallStatus;
  attempt: number;
  step: number;
  generation: number;
  parent_generation: number;
  restarts: number;
  state: Uint8Array | null;
  state_typed: number;
  min_results: number;
  max_results: number;
  pending: number;
  output: Uint8Array | null;
  error: Uint8Array | null;
  finished_at: number | null;
}

export interface InboxRow {
  child_id: string;
  correlation_id: string;
  output: Uint8Array | null;
  error: Uint8Array | null;
}

/** Buffers become plain Uint8Array views (no copy), as the memory store returns them. */
export function bytes(value: Uint8Array | null): Uint8Array | undefined {
  return value === null ? undefined : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export function resultOf(row: { output: Uint8Array | null; error: Uint8Array | null }): ResultData {
  const output = bytes(row.output);
  const error = bytes(row.error);
  return { ...(output ? { output } : {}), ...(error ? { error } : {}) };
}

export function toRecord(row: CallRow): CallRecord {
  const present: { -readonly [K in keyof CallRecord]?: CallRecord[K] } = {};
  if (row.parent_id !== null) present.parentId = row.parent_id;
  if (row.idempotency_key !== null) present.idempotencyKey = row.idempotency_key;
  if (row.expires_at !== null) present.expiresAt = row.expires_at;
  if (row.ready_at !== null) present.readyAt = row.ready_at;
  if (row.event_key !== null) present.eventKey = row.event_key;
  if (row.state !== null) present.state = bytes(row.state)!;
  if (row.finished_at !== null) present.finishedAt = row.finished_at;
  if (isTerminal(row.status)) present.result = resultOf(row);
  return {
    id: row.id,
    rootId: row.root_id,
    correlationId: BigInt(row.correlation_id),
    kind: row.kind,
    endpoint: row.endpoint,
    function: row.function,
    version: row.version,
    input: bytes(row.input)!,
    createdAt: row.created_at,
    status: row.status,
    attempt: row.attempt,
    step: row.step,
    generation: row.generation,
    parentGeneration: row.parent_generation,
    restarts: row.restarts,
    stateTyped: row.state_typed === 1,
    minResults: row.min_results,
    maxResults: row.max_results,
    ...present,
  } as CallRecord;
}

export function toInboxEntry(row: InboxRow): InboxEntry {
  return { childId: row.child_id, correlationId: BigInt(row.correlation_id), result: resultOf(row) };
}
