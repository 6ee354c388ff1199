// Rows as SQLite returns them, and their conversion to store records. Correlation ids are uint64,
// which SQLite's signed integers cannot all hold, so they are stored as decimal text.
import type { CallKind, CallRecord, CallStatus, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import { cancelPhase, isDetached, REQUESTED } from "./cancel-state.js";

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
  /** 0, or CallRecord.cancelling: 1 "requested", 2 "compensating", plus 4 when detached (cancel-state.ts). */
  cancelling: number;
  /** CallRecord.runs (version 3). */
  runs: number;
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
  // Optional fields are added after the literal, not spread into it: a spread builds the record
  // key by key through a temporary object, once per claimed call.
  const record: { -readonly [K in keyof CallRecord]?: CallRecord[K] } = {
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
    runs: row.runs,
    step: row.step,
    generation: row.generation,
    parentGeneration: row.parent_generation,
    restarts: row.restarts,
    stateTyped: row.state_typed === 1,
    minResults: row.min_results,
    maxResults: row.max_results,
  };
  if (row.parent_id !== null) record.parentId = row.parent_id;
  if (row.idempotency_key !== null) record.idempotencyKey = row.idempotency_key;
  if (row.expires_at !== null) record.expiresAt = row.expires_at;
  if (row.ready_at !== null) record.readyAt = row.ready_at;
  if (row.event_key !== null) record.eventKey = row.event_key;
  if (row.state !== null) record.state = bytes(row.state)!;
  if (row.finished_at !== null) record.finishedAt = row.finished_at;
  if (isTerminal(row.status)) record.result = resultOf(row);
  if (row.cancelling !== 0) {
    record.cancelling = cancelPhase(row.cancelling) === REQUESTED ? "requested" : "compensating";
    if (isDetached(row.cancelling)) record.detached = true;
  }
  return record as CallRecord;
}
