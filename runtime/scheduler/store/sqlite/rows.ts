// Rows as SQLite returns them, and their conversion to store records. Correlation ids are uint64,
// which SQLite's signed integers cannot all hold, so they are stored as decimal text.
import type { CallKind, CallRecord, CallStatus, InboxEntry, ResultData } from "../types.js";
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

/** The columns a claim reads, as arrays (`.raw()`): the row of a call about to run, without the
 * six the claim decides itself or that only a finished call has (ready_at, status, pending,
 * output, error, finished_at). better-sqlite3 converts every column to a JS value, about 0.3 us
 * each (a blob more), so a claim reads only what CallRecord needs. */
export const CLAIM_COLUMNS =
  "id, root_id, parent_id, correlation_id, idempotency_key, kind, endpoint, function, version, input, created_at, expires_at, event_key, attempt, step, generation, parent_generation, restarts, state, state_typed, min_results, max_results, cancelling, runs";

/** A row read as an array of CLAIM_COLUMNS, as it is once claimed: running, no ready time, no
 * result. better-sqlite3 builds a row object key by key, which cost more than the due-calls query
 * itself (about 12 us against 7 us for a 28-column row); an object literal of one fixed shape is
 * cheap. `pending` is left 0: the claim does not return it (CallRecord has no such field). */
export function claimedRowFromValues(v: unknown[]): CallRow {
  return {
    id: v[0] as CallRow["id"],
    root_id: v[1] as CallRow["root_id"],
    parent_id: v[2] as CallRow["parent_id"],
    correlation_id: v[3] as CallRow["correlation_id"],
    idempotency_key: v[4] as CallRow["idempotency_key"],
    kind: v[5] as CallRow["kind"],
    endpoint: v[6] as CallRow["endpoint"],
    function: v[7] as CallRow["function"],
    version: v[8] as CallRow["version"],
    input: v[9] as CallRow["input"],
    created_at: v[10] as CallRow["created_at"],
    expires_at: v[11] as CallRow["expires_at"],
    ready_at: null,
    event_key: v[12] as CallRow["event_key"],
    status: "running",
    attempt: v[13] as CallRow["attempt"],
    step: v[14] as CallRow["step"],
    generation: v[15] as CallRow["generation"],
    parent_generation: v[16] as CallRow["parent_generation"],
    restarts: v[17] as CallRow["restarts"],
    state: v[18] as CallRow["state"],
    state_typed: v[19] as CallRow["state_typed"],
    min_results: v[20] as CallRow["min_results"],
    max_results: v[21] as CallRow["max_results"],
    pending: 0,
    output: null,
    error: null,
    finished_at: null,
    cancelling: v[22] as CallRow["cancelling"],
    runs: v[23] as CallRow["runs"],
  };
}

/** The inbox columns a resume reads, as rows of arrays (see claimedRowFromValues): seq first. */
export const INBOX_COLUMNS = "seq, child_id, correlation_id, output, error";

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

/** An inbox row read as an array of INBOX_COLUMNS. */
export function inboxEntryFromValues(v: unknown[]): InboxEntry {
  const output = bytes(v[3] as Uint8Array | null);
  const error = bytes(v[4] as Uint8Array | null);
  const result: ResultData = output === undefined ? (error === undefined ? {} : { error }) : error === undefined ? { output } : { output, error };
  return { childId: v[1] as string, correlationId: BigInt(v[2] as string), result };
}
